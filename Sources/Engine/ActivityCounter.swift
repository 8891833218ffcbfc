import EventStore

/// Counts `activity` rows: per window, in total and by kind; per local day and kind; and per
/// local weekday and hour (the heatmap).
///
/// Definition: `events` of a range = `activity` rows with `occurred_at` in the range. Feedback
/// rows are not activity events (they are counted by ``FeedbackTally``).
///
/// Storage is flat (one array per measure, indexed by slot), which keeps the per-row cost to a
/// few array increments.
struct ActivityCounter: Sendable {
  static let kinds = ActivityKind.allCases.count
  static let slots = Windows.slots.count

  /// `[slot * kinds + kind]`.
  private(set) var kindCounts: [Int]
  /// Per local day: one field per slot and kind.
  private(set) var daily: DailyCounts
  /// `[slot * 168 + weekday * 24 + hour]`.
  private(set) var heat: [Int]

  init(lastDay: Int) {
    kindCounts = Array(repeating: 0, count: Self.slots * Self.kinds)
    daily = DailyCounts(fields: Self.slots * Self.kinds, lastDay: lastDay)
    heat = Array(repeating: 0, count: Self.slots * 7 * 24)
  }

  /// Counts a row of `kind` at `context` in `windows`, or takes it back (`sign` −1).
  @inline(__always)
  mutating func count(
    _ kind: ActivityKind, _ context: EventContext, in windows: Windows, sign: Int = 1
  ) {
    let kind = Int(kind.rawValue)
    let cell = context.weekday * 24 + context.hour
    forEachSlot(windows) { slot in
      kindCounts[slot * Self.kinds + kind] += sign
      daily.add(day: context.day, field: slot * Self.kinds + kind, Int32(sign))
      heat[slot * 168 + cell] += sign
    }
  }

  /// Moves the as-of day to `lastDay` (a later day).
  mutating func rebase(lastDay: Int) { daily.rebase(lastDay: lastDay) }

  /// Events by kind in a slot.
  func byKind(slot: Int) -> [Int] {
    Array(kindCounts[(slot * Self.kinds)..<((slot + 1) * Self.kinds)])
  }

  /// Events of `kind` on local `day` in a slot.
  func daily(slot: Int, day: Int, kind: Int) -> Int {
    daily.value(day: day, field: slot * Self.kinds + kind)
  }

  /// The earliest local day with an event in a slot.
  func firstDay(slot: Int) -> Int? {
    daily.firstDay(fields: (slot * Self.kinds)..<((slot + 1) * Self.kinds))
  }

  /// The heatmap of a slot: `[weekday * 24 + hour]`.
  func heatmap(slot: Int) -> [Int] { Array(heat[(slot * 168)..<((slot + 1) * 168)]) }
}

extension ActivityCounter {
  func encode(into writer: inout BinaryWriter) {
    writer.write(kindCounts)
    daily.encode(into: &writer)
    writer.write(heat)
  }

  init(from reader: inout BinaryReader) throws {
    kindCounts = try reader.readArray(Int.self)
    daily = try DailyCounts(from: &reader)
    heat = try reader.readArray(Int.self)
    guard kindCounts.count == Self.slots * Self.kinds, heat.count == Self.slots * 168 else {
      throw StateError.damaged
    }
  }
}

extension ActivityCounter: Accumulator {
  static let stateVersion = 1

  init(_ setup: AccumulatorSetup) { self.init(lastDay: setup.lastDay) }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    try self.init(from: &reader)
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    count(row.kind, event, in: event.windows)
  }

  mutating func advance(_ setup: AccumulatorSetup) { rebase(lastDay: setup.lastDay) }

  /// Sums: per slot and kind, per day, per heatmap cell.
  mutating func merge(_ other: ActivityCounter, _ mapping: MergeMapping) {
    addCounts(other.kindCounts, to: &kindCounts)
    daily.add(other.daily)
    addCounts(other.heat, to: &heat)
  }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty else { return }
    count(row.kind, event, in: move.removed, sign: -1)
    count(row.kind, event, in: move.added)
  }
}
