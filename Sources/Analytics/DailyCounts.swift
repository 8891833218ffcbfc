/// Counts per local day and field, stored densely backwards from the as-of day (index 0), so
/// adding is two array operations.
struct DailyCounts: Sendable, Equatable {
  let fields: Int
  /// The local day number of the as-of time.
  let lastDay: Int
  private(set) var values: [Int32] = []

  init(fields: Int, lastDay: Int) {
    self.fields = fields
    self.lastDay = lastDay
  }

  @inline(__always)
  mutating func add(day: Int, field: Int, _ amount: Int32 = 1) {
    let index = (lastDay - day) * fields + field
    if index >= values.count { grow(to: index) }
    values[index] &+= amount
  }

  private mutating func grow(to index: Int) {
    values.append(contentsOf: repeatElement(0, count: max(index + 1 - values.count, 32 * fields)))
  }

  func value(day: Int, field: Int) -> Int {
    let index = (lastDay - day) * fields + field
    return index >= 0 && index < values.count ? Int(values[index]) : 0
  }

  /// The earliest day with a non-zero count in any of `fields`, or `nil`.
  func firstDay(fields range: Range<Int>) -> Int? {
    var back = values.count / fields - 1
    while back >= 0 {
      for field in range where values[back * fields + field] != 0 { return lastDay - back }
      back -= 1
    }
    return nil
  }
}

/// Calls `body(slot)` for each window slot set in `windows` (see ``Windows/slots``).
@inline(__always)
func forEachSlot(_ windows: Windows, _ body: (Int) -> Void) {
  var bits = windows.rawValue
  while bits != 0 {
    body(bits.trailingZeroBitCount)
    bits &= bits &- 1
  }
}
