/// Who a range's listeners were: new, returning, and how often they came back within a month.
///
/// A listener's *first event* is their earliest `activity` or `feedback` row over the whole
/// history up to the as-of time, never only within the range.
public struct ListenersReport: Codable, Equatable, Sendable {
  /// Listeners whose first event falls in the range. For all time: every listener seen.
  public var new: Int
  /// Listeners active in the range whose first event is before it: active − new. Always 0 for
  /// all time.
  public var returning: Int
  /// The mean of the daily stickiness (DAU ÷ MAU, see ``DailyPoint/stickiness``) over the
  /// range's days that carry it; `nil` for all time and when no day does.
  public var stickiness: Double?

  /// Creates the figures.
  public init(new: Int, returning: Int, stickiness: Double?) {
    self.new = new
    self.returning = returning
    self.stickiness = stickiness
  }
}
