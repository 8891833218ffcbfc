/// The first few elements in an order, found in one pass that keeps only those: what sorting
/// every element and taking the prefix gives, without sorting 200,000 tracks for ten of them.
enum TopSelection {
  /// The first `count` elements of `elements` in the order `before`, as a stable sort by
  /// `before` and then its first `count` would give them (elements that tie keep their order in
  /// `elements`).
  static func first<S: Sequence>(
    _ count: Int, of elements: S, by before: (S.Element, S.Element) -> Bool
  ) -> [S.Element] {
    var best: [S.Element] = []
    guard count > 0 else { return best }
    best.reserveCapacity(min(count, 64) + 1)
    for element in elements {
      if best.count == count && !before(element, best[count - 1]) { continue }
      let position = best.firstIndex { before(element, $0) } ?? best.count
      best.insert(element, at: position)
      if best.count > count { best.removeLast() }
    }
    return best
  }
}
