/// Candidates handed out nearest first, ties by track id — the order a full sort would give —
/// without sorting them all: a binary min-heap built in linear time, from which a
/// recommendation takes only the few it needs (its count, plus those the artist cap skips).
struct NearestFirst {
  /// A candidate: its squared distance rounded to 9 decimals (see
  /// ``ContentRecommender/similar(to:count:excluding:perArtist:)``), its distance and its index.
  typealias Entry = (key: Double, distance: Double, index: Int)

  private var heap: [Entry]
  private let ids: [String]

  /// The heap of `entries`; `ids` are the catalog's track ids, by index, for ties.
  init(_ entries: [Entry], ids: [String]) {
    heap = entries
    self.ids = ids
    var node = heap.count / 2 - 1
    while node >= 0 {
      siftDown(node)
      node -= 1
    }
  }

  /// Whether `a` comes before `b`: nearer, or as near with the smaller id.
  private func before(_ a: Entry, _ b: Entry) -> Bool {
    a.key != b.key ? a.key < b.key : ids[a.index] < ids[b.index]
  }

  /// The nearest remaining candidate, or `nil` when none is left.
  mutating func next() -> Entry? {
    guard let first = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      siftDown(0)
    }
    return first
  }

  private mutating func siftDown(_ start: Int) {
    var node = start
    while true {
      let left = 2 * node + 1
      guard left < heap.count else { return }
      var child = left
      if left + 1 < heap.count && before(heap[left + 1], heap[left]) { child = left + 1 }
      guard before(heap[child], heap[node]) else { return }
      heap.swapAt(child, node)
      node = child
    }
  }
}
