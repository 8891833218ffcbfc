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

  /// Reads a stored integer time: seconds when in range, milliseconds when that is in range.
  @inline(__always)
  public static func read(_ value: Int64) -> Reading {
    if value >= earliest && value < end { return .seconds(value) }
    if value >= earliest * 1000 && value < end * 1000 { return .repairedMilliseconds(value / 1000) }
    return .outOfRange
  }
}
