/// The tracks of some clusters handed out nearest first, ties by track id — the order sorting
/// them all would give — while measuring only the few near the seed: a best-first walk of their
/// ``ClusterTrees`` (Hjaltason and Samet's incremental nearest neighbours).
///
/// One binary min-heap holds both nodes and measured tracks, ordered by ranking key: a track's
/// key is its squared distance rounded to 9 decimals (see
/// ``ContentRecommender/similar(to:count:excluding:perArtist:)``), a node's the same rounding of
/// its ``ClusterTrees/lowerBound(_:center:)``. At equal keys a node comes before every track,
/// and tracks come by id. So when a track leaves the heap, every node still in it has a larger
/// key, and so has every track under it (the key never decreases from bound to distance): no
/// track still unmeasured can come before it.
struct NearestSearch {
  /// A heap entry: a node (`tie` -1, `item` the node) or a track (`tie` its id's rank, `item`
  /// its leaf-order position, `distance` its squared distance).
  private struct Entry {
    var key: Double
    var tie: Int32
    var item: Int32
    var distance: Double
  }

  private let trees: ClusterTrees
  private let center: [Double]
  private var heap: [Entry] = []

  /// A search from `center` through the trees of `clusters`.
  init(_ trees: ClusterTrees, center: [Double], clusters: some Sequence<Int>) {
    self.trees = trees
    self.center = center
    heap.reserveCapacity(256)
    for cluster in clusters {
      let root = Int(trees.roots[cluster])
      if root >= 0 { push(node: root) }
    }
  }

  /// The ranking key of a squared distance: rounded to 9 decimals.
  @inline(__always)
  static func key(_ squaredDistance: Double) -> Double { (squaredDistance * 1e9).rounded() }

  /// The next track (catalog position and squared distance from the centre), skipping those
  /// for which `skip` is true; `nil` when none is left.
  mutating func next(skipping skip: (Int) -> Bool) -> (track: Int, squaredDistance: Double)? {
    while let entry = pop() {
      if entry.tie >= 0 {
        return (Int(trees.tracks[Int(entry.item)]), entry.distance)
      }
      let node = Int(entry.item)
      let child = Int(trees.child[node])
      if child >= 0 {
        push(node: child)
        push(node: child + 1)
        continue
      }
      for position in Int(trees.first[node])..<Int(trees.end[node]) {
        let track = Int(trees.tracks[position])
        guard !skip(track) else { continue }
        let distance = trees.squaredDistance(position, center: center)
        push(
          Entry(
            key: Self.key(distance), tie: trees.ranks[position], item: Int32(position),
            distance: distance)
        )
      }
    }
    return nil
  }

  private mutating func push(node: Int) {
    push(
      Entry(
        key: Self.key(trees.lowerBound(node, center: center)), tie: -1, item: Int32(node),
        distance: 0))
  }

  @inline(__always)
  private static func before(_ a: Entry, _ b: Entry) -> Bool {
    a.key != b.key ? a.key < b.key : a.tie < b.tie
  }

  private mutating func push(_ entry: Entry) {
    heap.append(entry)
    var node = heap.count - 1
    while node > 0 {
      let parent = (node - 1) / 2
      guard Self.before(entry, heap[parent]) else { break }
      heap[node] = heap[parent]
      node = parent
    }
    heap[node] = entry
  }

  private mutating func pop() -> Entry? {
    guard let top = heap.first else { return nil }
    let last = heap.removeLast()
    guard !heap.isEmpty else { return top }
    var node = 0
    while true {
      let left = 2 * node + 1
      guard left < heap.count else { break }
      var child = left
      if left + 1 < heap.count && Self.before(heap[left + 1], heap[left]) { child = left + 1 }
      guard Self.before(heap[child], last) else { break }
      heap[node] = heap[child]
      node = child
    }
    heap[node] = last
    return top
  }
}
