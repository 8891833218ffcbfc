/// A k-d tree over each K-means cluster's tracks in z-space, built once per recommender: the
/// index ``ContentRecommender/similar(to:count:excluding:perArtist:)`` searches (through
/// ``NearestSearch``) instead of measuring every track of the clusters it visits.
///
/// The tracks are stored in leaf order — cluster by cluster, each tree's leaves left to right —
/// with a copy of their z-scores, so that a leaf is one contiguous run. A node of more than
/// ``leafSize`` tracks is split at the median of the feature its tracks spread widest over
/// (ties: the lower feature; tracks ordered by that value, then by position; found by
/// selection, not sorting); every node keeps the bounding box of its tracks, from which
/// ``lowerBound(_:center:)`` bounds the distance of any of them from below. The tree's shape
/// only decides how fast a search is, never what it finds.
struct ClusterTrees: Sendable {
  /// The most tracks a leaf holds.
  static let leafSize = 16

  /// The number of features.
  let dimensions: Int
  /// Catalog positions, in leaf order.
  private(set) var tracks: [Int32] = []
  /// Their z-scores, `points[p * dimensions + t]` for the track at leaf-order position `p`.
  private(set) var points: [Double] = []
  /// Their places in the order of track ids (kept beside the z-scores: read for every track
  /// measured, they would be a cache miss each if read by catalog position).
  private(set) var ranks: [Int32] = []
  /// Each node's tracks: `first[node] ..< end[node]` in leaf order.
  private(set) var first: [Int32] = []
  /// See ``first``.
  private(set) var end: [Int32] = []
  /// Each node's first child (the second is the next node), or -1 for a leaf.
  private(set) var child: [Int32] = []
  /// Each node's box: the lowest value of each feature, then the highest,
  /// `boxes[node * 2 * dimensions ...]`.
  private(set) var boxes: [Double] = []
  /// Each cluster's root node, or -1 for a cluster without tracks.
  private(set) var roots: [Int32] = []

  /// The trees of the clusters `members` (catalog positions, each cluster's in any order) over
  /// the z-scores `z` (`z[i * dimensions + t]`); `ranks` are the tracks' places in id order, by
  /// catalog position.
  init(z: [Double], dimensions: Int, members: [[Int32]], ranks: [Int32]) {
    self.dimensions = dimensions
    var order = members.flatMap { $0 }
    let d = dimensions
    var pending: [Int32] = []
    var start = 0
    var roots: [Int32] = []
    for cluster in members {
      guard !cluster.isEmpty else {
        roots.append(-1)
        continue
      }
      roots.append(Int32(first.count))
      pending.append(Int32(first.count))
      addNode(start, start + cluster.count)
      start += cluster.count
    }
    self.roots = roots
    while let node = pending.popLast().map(Int.init) {
      let (low, high) = (Int(first[node]), Int(end[node]))
      var box = [Double](repeating: .infinity, count: d) + [Double](repeating: -.infinity, count: d)
      for track in order[low..<high] {
        for t in 0..<d {
          let value = z[Int(track) * d + t]
          box[t] = min(box[t], value)
          box[d + t] = max(box[d + t], value)
        }
      }
      boxes.replaceSubrange(node * 2 * d..<(node + 1) * 2 * d, with: box)
      guard high - low > Self.leafSize else { continue }
      var widest = 0
      for t in 1..<d where box[d + t] - box[t] > box[d + widest] - box[widest] { widest = t }
      let middle = (low + high) / 2
      Self.select(&order, low..<high, middle) {
        let (a, b) = (z[Int($0) * d + widest], z[Int($1) * d + widest])
        return a != b ? a < b : $0 < $1
      }
      child[node] = Int32(first.count)
      pending.append(Int32(first.count))
      addNode(low, middle)
      pending.append(Int32(first.count))
      addNode(middle, high)
    }
    tracks = order
    self.ranks = order.map { ranks[Int($0)] }
    points = order.flatMap { z[Int($0) * d..<(Int($0) + 1) * d] }
  }

  /// Puts at `nth` the track a sort of `order[range]` by `less` would put there, the tracks
  /// before it not after it and those after not before (Hoare's selection with a median of
  /// three; `less` is a strict total order, as track numbers break ties).
  static func select(
    _ order: inout [Int32], _ range: Range<Int>, _ nth: Int, by less: (Int32, Int32) -> Bool
  ) {
    var (low, high) = (range.lowerBound, range.upperBound - 1)
    while high > low {
      let mid = low + (high - low) / 2
      if less(order[mid], order[low]) { order.swapAt(mid, low) }
      if less(order[high], order[low]) { order.swapAt(high, low) }
      if less(order[high], order[mid]) { order.swapAt(high, mid) }
      let pivot = order[mid]
      var (i, j) = (low, high)
      while i <= j {
        while less(order[i], pivot) { i += 1 }
        while less(pivot, order[j]) { j -= 1 }
        if i <= j {
          order.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if nth <= j {
        high = j
      } else if nth >= i {
        low = i
      } else {
        return
      }
    }
  }

  private mutating func addNode(_ low: Int, _ high: Int) {
    first.append(Int32(low))
    end.append(Int32(high))
    child.append(-1)
    boxes.append(contentsOf: repeatElement(0, count: 2 * dimensions))
  }

  /// The leaf-order positions of `cluster`'s tracks.
  func positions(ofCluster cluster: Int) -> Range<Int> {
    let root = Int(roots[cluster])
    return root < 0 ? 0..<0 : Int(first[root])..<Int(end[root])
  }

  /// The squared distance from `center` to the track at leaf-order position `position`,
  /// computed exactly as the recommender always has: `Σ (z − center)²`, feature 0 first.
  @inline(__always)
  func squaredDistance(_ position: Int, center: [Double]) -> Double {
    var sum = 0.0
    for t in 0..<dimensions {
      let delta = points[position * dimensions + t] - center[t]
      sum += delta * delta
    }
    return sum
  }

  /// A lower bound of ``squaredDistance(_:center:)`` for every track of `node`, as computed in
  /// floating point, not only on paper: the same sum in the same order with each difference
  /// replaced by the gap between `center` and the node's box (0 inside it). For a track in the
  /// box, `fl(z − c)` is at least `fl(low − c)` in size when `c` is below the box, and at least
  /// `fl(high − c)` when above, because rounding is monotonic; so are squaring a magnitude and
  /// adding, term by term — hence bound ≤ distance exactly, and so for their ranking keys.
  func lowerBound(_ node: Int, center: [Double]) -> Double {
    let d = dimensions
    let base = node * 2 * d
    var sum = 0.0
    for t in 0..<d {
      let (low, high, c) = (boxes[base + t], boxes[base + d + t], center[t])
      let delta = c < low ? low - c : (c > high ? high - c : 0)
      sum += delta * delta
    }
    return sum
  }
}
