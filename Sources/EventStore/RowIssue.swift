/// A way a row can break the schema v1 contract, and what TuneDash does about it.
///
/// Rows with an issue marked ``isSkipped`` are left out of every metric; the others are kept
/// (repaired where the intent is unambiguous) and only counted, so the "Data quality" panel and
/// `tunedash check` can say how many there were.
public enum RowIssue: String, CaseIterable, Sendable, Codable, Hashable {
  /// `user_id` is NULL or empty. Skipped.
  case missingUser
  /// `activity.kind` is NULL or empty. Skipped.
  case missingKind
  /// `feedback.track_id` is NULL or empty. Skipped.
  case missingTrack
  /// `occurred_at` is NULL or not a number. Skipped.
  case badTime
  /// `occurred_at` is before 2000-01-01 or, read as seconds or as milliseconds, after 2099. Skipped.
  case timeOutOfRange
  /// `occurred_at` is more than a day after the report's as-of time. Skipped.
  case futureTime
  /// `occurred_at` looks like milliseconds (2000–2099 when divided by 1,000). Kept, divided by 1,000.
  case millisecondsRepaired
  /// `feedback.verdict` is neither 1 nor -1. Skipped.
  case badVerdict
  /// Feedback on a `track_id` that is not in `tracks`. Skipped.
  case unknownTrack
  /// An activity row whose `track_id` is not in `tracks`. Kept, but it has no genre.
  case unknownActivityTrack
  /// The same `event_id` / `feedback_id` as the row before it. Skipped.
  case duplicateID
  /// A known `kind` written with other case or surrounding spaces (`" Search"`). Kept, normalised.
  case kindNormalized
  /// A `kind` other than search, playlist, play and login. Kept, counted as "other" activity.
  case otherKind

  /// Whether rows with this issue are left out of the metrics.
  public var isSkipped: Bool {
    switch self {
    case .millisecondsRepaired, .unknownActivityTrack, .kindNormalized, .otherKind: false
    default: true
    }
  }

  /// Whether such a row breaks the schema v1 contract. Other activity kinds are allowed by
  /// the contract (they count as "other" activity): those rows are only noted.
  public var breaksContract: Bool { self != .otherKind }

  /// A short phrase for tables: "user_id missing", "time in milliseconds (repaired)".
  public var summary: String {
    switch self {
    case .missingUser: "user_id missing"
    case .missingKind: "kind missing"
    case .missingTrack: "track_id missing"
    case .badTime: "occurred_at missing or not a number"
    case .timeOutOfRange: "occurred_at before 2000 or after 2099"
    case .futureTime: "occurred_at more than a day after the as-of time"
    case .millisecondsRepaired: "occurred_at in milliseconds (repaired)"
    case .badVerdict: "verdict not 1 or -1"
    case .unknownTrack: "track not in the catalog"
    case .unknownActivityTrack: "track not in the catalog (kept, no genre)"
    case .duplicateID: "duplicated id"
    case .kindNormalized: "kind in odd case or spacing (repaired)"
    case .otherKind: "other kind (counted as other activity)"
    }
  }
}

/// How many rows of each table had each ``RowIssue``.
public struct RowIssueCounts: Sendable, Equatable, Codable {
  /// Counts for the `activity` table, indexed like `RowIssue.allCases`.
  public var activity: [Int]
  /// Counts for the `feedback` table, indexed like `RowIssue.allCases`.
  public var feedback: [Int]

  /// All zero.
  public init() {
    activity = Array(repeating: 0, count: RowIssue.allCases.count)
    feedback = activity
  }

  /// The count of `issue` in `table` (`"activity"` or `"feedback"`).
  public func count(_ issue: RowIssue, in table: EventTable) -> Int {
    let index = RowIssue.allCases.firstIndex(of: issue)!
    return table == .activity ? activity[index] : feedback[index]
  }

  /// Adds the counts of `other` to these.
  public mutating func add(_ other: RowIssueCounts) {
    for i in activity.indices {
      activity[i] += other.activity[i]
      feedback[i] += other.feedback[i]
    }
  }

  @inline(__always)
  mutating func record(_ issue: RowIssue, in table: EventTable) {
    let index = RowIssue.indexTable[issue]!
    if table == .activity { activity[index] += 1 } else { feedback[index] += 1 }
  }
}

/// The two event tables.
public enum EventTable: String, Sendable, Codable, CaseIterable {
  /// `activity`: searches, playlists, plays, logins.
  case activity
  /// `feedback`: likes and dislikes of recommended tracks.
  case feedback
}

extension RowIssue {
  fileprivate static let indexTable: [RowIssue: Int] = Dictionary(
    uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
