/// The contract's rules for `occurred_at`: Unix seconds, UTC, from 2000 to 2099; values that
/// are plainly milliseconds are repaired.
public enum EventTime {
  /// 2000-01-01T00:00:00Z: earlier times are rejected.
  public static let earliest: Int64 = 946_684_800
  /// 2100-01-01T00:00:00Z: this and later times are rejected.
  public static let end: Int64 = 4_102_444_800
  /// Times more than this many seconds after the as-of time are ``RowIssue/futureTime``.
  public static let futureTolerance: Int64 = 86_400

  /// The result of reading one `occurred_at` value.
  public enum Reading: Equatable, Sendable {
    /// A valid time in seconds.
    case seconds(Int64)
    /// A time in milliseconds, already divided by 1,000.
    case repairedMilliseconds(Int64)
    /// Out of 2000–2099 both as seconds and as milliseconds.
    case outOfRange
  }

  /// A time stored as a real, as a whole number: rounded down, as SQLite's integer reading of
  /// it gives; `nil` when it is not finite or beyond ±9·10¹⁸ (no 64-bit integer).
  @inline(__always)
  public static func whole(_ value: Double) -> Int64? {
    value.isFinite && abs(value) < 9e18 ? Int64(value.rounded(.down)) : nil
  }

  /// Reads a stored integer time: seconds when in range, milliseconds when that is in range.
  @inline(__always)
  public static func read(_ value: Int64) -> Reading {
    if value >= earliest && value < end { return .seconds(value) }
    if value >= earliest * 1000 && value < end * 1000 { return .repairedMilliseconds(value / 1000) }
    return .outOfRange
  }
}

extension EventTime {
  /// The latest event time in 2000–2099 in `cut` earlier than `before` (when given), or `nil`:
  /// the rule every source's ``EventStream/latestTime(in:before:)`` follows.
  /// `maximum(table, maxID, low, high)` is the largest `occurred_at` of the rows of `table` with
  /// an id up to `maxID` and `low <= occurred_at < high` (a source answers it from its
  /// `occurred_at` index); it is asked for seconds and for milliseconds, and milliseconds are
  /// divided by 1,000.
  public static func latest(
    in cut: EventCut, before: Int64? = nil,
    maximum: (_ table: EventTable, _ maxID: Int64, _ low: Int64, _ high: Int64) throws -> Int64?
  ) rethrows -> Int64? {
    let high = min(end, before ?? end)
    guard high > earliest else { return nil }
    var latest: Int64?
    for (table, maxID) in [(EventTable.activity, cut.maxEventID), (.feedback, cut.maxFeedbackID)] {
      let seconds = try maximum(table, maxID, earliest, high)
      let millis = try maximum(table, maxID, earliest * 1000, high * 1000)
      for value in [seconds, millis.map { $0 / 1000 }] {
        if let value { latest = max(latest ?? value, value) }
      }
    }
    return latest
  }
}

extension EventTable {
  /// The name of the table's id column.
  public var idColumn: String { self == .activity ? "event_id" : "feedback_id" }

  /// The columns a scan reads after the id, in its validator's order, and the bit set of those
  /// (counting the id as column 0) that hold text.
  public var scanColumns: (names: String, text: UInt32) {
    self == .activity
      ? (ActivityValidator.columns, ActivityValidator.textColumns)
      : (FeedbackValidator.columns, FeedbackValidator.textColumns)
  }
}
