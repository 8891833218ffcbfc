import EventStore

extension RawBatch.Rows {
  /// Whether the rows are in ascending order of their first `keys` columns, each compared as
  /// bytes (PostgreSQL's `COLLATE "C"`: a prefix first) with NULL after every value (ascending
  /// order's `NULLS LAST`), equal keys allowed: the order the catalog's queries ask for.
  func isSorted(byFirst keys: Int) -> Bool {
    guard count > 1, keys > 0 else { return true }
    for row in 1..<count where precedes(row, row - 1, keys: keys) {
      return false
    }
    return true
  }

  /// Whether row `a`'s first `keys` columns come strictly before row `b`'s.
  private func precedes(_ a: Int, _ b: Int, keys: Int) -> Bool {
    for column in 0..<keys {
      switch (bytes(a, column), bytes(b, column)) {
      case (nil, nil): continue
      case (nil, _): return false
      case (_, nil): return true
      case (let left?, let right?):
        if left.lexicographicallyPrecedes(right) { return true }
        if right.lexicographicallyPrecedes(left) { return false }
      }
    }
    return false
  }
}
