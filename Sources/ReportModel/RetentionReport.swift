/// Weekly retention cohorts as of the as-of time, the same for every range.
///
/// Weeks are local to the report's time zone and start on Monday; a week is *complete* when the
/// as-of time is at or after its last second. A *cohort* is the listeners whose first event
/// (over the whole history) falls in one of the 12 most recent complete weeks; weeks before the
/// earliest event are left out.
public struct RetentionReport: Codable, Equatable, Sendable {
  /// How many weeks of cohorts (and of returns after each) are shown.
  public static let weeks = 12

  /// The cohorts, oldest week first.
  public var cohorts: [Cohort]

  /// Creates the report.
  public init(cohorts: [Cohort]) { self.cohorts = cohorts }

  /// The listeners who started in one week, and the share of them active in each week since.
  public struct Cohort: Codable, Equatable, Sendable {
    /// The week's Monday, a local date `YYYY-MM-DD`.
    public var week: String
    /// Listeners whose first event falls in the week.
    public var size: Int
    /// `shares[n]` = the share of the cohort with at least one event in week `week + n`, for
    /// n = 0 … up to the last complete week (n = 0 is 1: everyone's first event is in it).
    /// Rounded to 6 decimals. `nil` when the cohort has fewer than `minUsers` listeners.
    public var shares: [Double]?

    /// Creates a cohort.
    public init(week: String, size: Int, shares: [Double]?) {
      self.week = week
      self.size = size
      self.shares = shares
    }
  }
}
