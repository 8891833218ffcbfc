/// One complete week of listeners by their state, for the 12 most recent complete weeks (local
/// weeks starting on Monday; weeks before the earliest event are left out).
///
/// Every listener active in the week is exactly one of new, returning or resurrected; dormant
/// listeners were active the week before and are not this week.
public struct LifecycleWeek: Codable, Equatable, Sendable {
  /// The week's Monday, a local date `YYYY-MM-DD`.
  public var week: String
  /// Listeners whose first event (over the whole history) falls in the week.
  public var new: Int
  /// Listeners active in the week and in the week before.
  public var returning: Int
  /// Listeners active in the week, not in the week before, whose first event is earlier.
  public var resurrected: Int
  /// Listeners active in the week before and not in this one (a count; charts draw it below
  /// the axis).
  public var dormant: Int

  /// Creates a week.
  public init(week: String, new: Int, returning: Int, resurrected: Int, dormant: Int) {
    self.week = week
    self.new = new
    self.returning = returning
    self.resurrected = resurrected
    self.dormant = dormant
  }
}
