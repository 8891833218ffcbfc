/// Counts per local day and field, stored densely backwards from the as-of day (index 0), so
/// adding is two array operations.
struct DailyCounts: Sendable, Equatable {
  let fields: Int
  /// The local day number of the as-of time.
  private(set) var lastDay: Int
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

  /// Grows by whole days: at least to `index`'s day, and by 32 days at a time.
  private mutating func grow(to index: Int) {
    let days = max(index / fields + 1, values.count / fields + 32)
    values.append(contentsOf: repeatElement(0, count: days * fields - values.count))
  }

  /// Moves index 0 to a later `lastDay`: the days in between start at zero.
  mutating func rebase(lastDay newLastDay: Int) {
    precondition(newLastDay >= lastDay, "the as-of day only moves forward")
    guard newLastDay > lastDay, !values.isEmpty else {
      lastDay = newLastDay
      return
    }
    values.insert(contentsOf: repeatElement(0, count: (newLastDay - lastDay) * fields), at: 0)
    lastDay = newLastDay
  }

  /// Adds the counts of `other` (the same fields and as-of day), day by day.
  mutating func add(_ other: DailyCounts) {
    precondition(
      other.fields == fields && other.lastDay == lastDay, "daily counts of another build")
    addCounts(other.values, to: &values)
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

extension DailyCounts {
  func encode(into writer: inout BinaryWriter) {
    writer.write(Int64(fields))
    writer.write(Int64(lastDay))
    writer.write(values)
  }

  init(from reader: inout BinaryReader) throws {
    fields = Int(try reader.read(Int64.self))
    lastDay = Int(try reader.read(Int64.self))
    values = try reader.readArray(Int32.self)
    guard fields > 0, values.count % fields == 0 else { throw StateError.damaged }
  }
}
