import EventStore
import ReportModel

/// Each listener's active local days among the last ``span`` days up to the as-of day, one bit
/// per day: what stickiness (``DailyStickiness``), the weekly retention cohorts and the weekly
/// lifecycle (``WeeklyReturns``) are computed from, together with the first events that
/// ``ListenerTenure`` keeps. New and returning listeners come from those first events alone
/// (``NewListeners``).
///
/// Definition: a listener is *active* on a local day when they have at least one `activity` or
/// `feedback` row on it. Bit *i* of a listener's record is set when they were active on the day
/// `lastDay − i`.
///
/// State, per listener, never per event: 16 bytes. Rows older than the record are not kept: no
/// figure reads them (the oldest day read is the first day of the last 12 complete weeks' week
/// before, at most 97 days back, or the start of the 30 days of MAU before the previous 30-day
/// range's first day, at most 90 days back). Rows arrive in any time order; a bit is set
/// whenever one arrives, so late rows count like the others. When the as-of day moves forward
/// every record shifts by the days it moved.
struct RecentDays: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) { statistics.userBytes += memory }

  /// Days a record covers, the as-of day included.
  static let span = 128

  /// The as-of time's local day: bit 0 of every record.
  private(set) var lastDay: Int
  /// `[user]`: the active days, bit *i* = day `lastDay − i`; users past the end have none.
  private(set) var active: [UInt128] = []

  init(_ setup: AccumulatorSetup) { lastDay = setup.lastDay }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    lastDay = Int(try reader.read(Int64.self))
    active = try reader.readArray(UInt128.self)
    guard lastDay == setup.lastDay else { throw StateError.damaged }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(Int64(lastDay))
    writer.write(active)
  }

  /// The memory the state holds.
  var memory: Int { active.count * MemoryLayout<UInt128>.stride }

  /// The record of `user` (none for a user never seen in the last ``span`` days).
  func days(of user: Int) -> UInt128 { user < active.count ? active[user] : 0 }

  @inline(__always)
  private mutating func see(user: Int32, day: Int) {
    let back = lastDay - day
    guard back >= 0 && back < Self.span else { return }
    let u = Int(user)
    // Grown to the user exactly: the array's own capacity doubling keeps this amortised, and
    // no record past the last user is zeroed (resident) for nothing.
    if u >= active.count {
      active.append(contentsOf: repeatElement(0, count: u + 1 - active.count))
    }
    active[u] |= 1 << back
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) { Engine.prefetch(active, Int(user)) }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    see(user: row.user, day: event.day)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    see(user: row.user, day: event.day)
  }

  /// Per-user records, laid end to end.
  mutating func merge(_ other: RecentDays, _ mapping: MergeMapping) {
    mapping.appendUsers(other.active, to: &active, empty: 0)
  }

  /// Shifts every record by the days the as-of day moved; days that fall out are dropped.
  mutating func advance(_ setup: AccumulatorSetup) {
    let shift = setup.lastDay - lastDay
    lastDay = setup.lastDay
    guard shift > 0 else { return }
    for index in active.indices {
      active[index] = shift >= Self.span ? 0 : active[index] << shift
    }
  }

  /// Writes new and returning listeners and stickiness per range and per day, the retention
  /// cohorts and the weekly lifecycle.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let setup = context.setup
    let tenure = context.tenure
    let new = NewListeners(tenure, edges: setup.edges, lastDay: lastDay)
    let stickiness = DailyStickiness(self)
    for range in RangeKey.allCases {
      let slot = Windows.currentSlot(range)
      var data = report.ranges[range]
      let mean = range == .all ? nil : stickiness.fill(&data.daily, lastDay: lastDay)
      new.fill(&data.daily, slot: slot)
      data.listeners = ListenersReport(
        new: new.listeners(slot: slot),
        returning: context.activeUsers[slot] - new.listeners(slot: slot),
        stickiness: mean)
      if let previousSlot = Windows.previousSlot(range), var previous = data.previous {
        let previousMean = stickiness.fill(&previous.daily, lastDay: lastDay)
        new.fill(&previous.daily, slot: previousSlot)
        previous.listeners = ListenersReport(
          new: new.listeners(slot: previousSlot),
          returning: context.activeUsers[previousSlot] - new.listeners(slot: previousSlot),
          stickiness: previousMean)
        data.previous = previous
      }
      report.ranges[range] = data
    }
    let weeks = WeeklyReturns(
      self, tenure: tenure, asOf: setup.edges.asOf, zone: setup.options.zone,
      minUsers: setup.options.minUsers)
    report.retention = weeks.retention
    report.lifecycle = weeks.lifecycle
  }
}
