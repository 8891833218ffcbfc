/// The three ranges every report covers.
///
/// A range of N days is the N local days (in the report's time zone) ending with the as-of day,
/// the last one up to the as-of time; `all` holds every event up to `asOf`. The previous range of
/// an N-day range is the same stretch N days earlier (see `WindowEdges` in Engine for the exact
/// edges).
public enum RangeKey: String, CaseIterable, Sendable, Codable, Comparable {
  /// The last 7 days.
  case days7 = "7d"
  /// The last 30 days (the dashboard's default).
  case days30 = "30d"
  /// Every event up to the as-of time.
  case all = "all"

  /// The range's length in days; `nil` for `all`.
  public var days: Int? {
    switch self {
    case .days7: 7
    case .days30: 30
    case .all: nil
    }
  }

  /// "Last 7 days", "Last 30 days", "All time".
  public var label: String {
    switch self {
    case .days7: "Last 7 days"
    case .days30: "Last 30 days"
    case .all: "All time"
    }
  }

  public static func < (lhs: RangeKey, rhs: RangeKey) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
