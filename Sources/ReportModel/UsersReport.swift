/// Listeners' last activity.
///
/// Definitions: a user is *known* when they have at least one valid event up to the as-of
/// time. *Active in the last N days* = known users whose last activity falls in the last N
/// local days: the as-of day and the N − 1 days before it (the last day = the as-of day, up to
/// the as-of time). Recency buckets count known users by the local days between their last
/// activity and the as-of day, `d = asOfDay − lastDay`: today (d = 0), 2–7 days (1 ≤ d ≤ 6),
/// 8–30 days (7 ≤ d ≤ 29), 31–90 days (30 ≤ d ≤ 89), older (d ≥ 90), so that "today" and "2–7
/// days" add up to the active users of the last 7 days. Users are shown under a pseudonym.
public struct UsersReport: Codable, Equatable, Sendable {
  /// Rows in the `users` table.
  public var registered: Int
  /// Distinct users with at least one valid event up to the as-of time.
  public var known: Int
  /// Rows in `users` without any valid event up to the as-of time.
  public var neverActive: Int
  /// Known users active in the last day, 7 days and 30 days.
  public var activeLastDay: Int
  /// Known users active in the last 7 days.
  public var activeLast7Days: Int
  /// Known users active in the last 30 days.
  public var activeLast30Days: Int
  /// Known users by days since their last activity.
  public var recency: [RecencyBucket]
  /// The most recently active users, latest first (ties: pseudonym).
  public var recent: [RecentUser]

  /// Creates a users report.
  public init(
    registered: Int, known: Int, neverActive: Int, activeLastDay: Int, activeLast7Days: Int,
    activeLast30Days: Int, recency: [RecencyBucket], recent: [RecentUser]
  ) {
    self.registered = registered
    self.known = known
    self.neverActive = neverActive
    self.activeLastDay = activeLastDay
    self.activeLast7Days = activeLast7Days
    self.activeLast30Days = activeLast30Days
    self.recency = recency
    self.recent = recent
  }
}

/// How many users were last active within a span of days.
public struct RecencyBucket: Codable, Equatable, Sendable {
  /// `today`, `2-7d`, `8-30d`, `31-90d` or `older`.
  public var bucket: String
  /// "Today", "2–7 days", …
  public var label: String
  /// Known users in the bucket.
  public var users: Int

  /// Creates a bucket.
  public init(bucket: String, label: String, users: Int) {
    self.bucket = bucket
    self.label = label
    self.users = users
  }

  /// The buckets' keys, labels and day spans `[from, to)` in local days before the as-of day.
  package static let spans: [(key: String, label: String, from: Int, to: Int)] = [
    ("today", "Today", 0, 1), ("2-7d", "2–7 days", 1, 7), ("8-30d", "8–30 days", 7, 30),
    ("31-90d", "31–90 days", 30, 90), ("older", "Older", 90, Int.max),
  ]
}

/// One user's last activity.
public struct RecentUser: Codable, Equatable, Sendable {
  /// The user's pseudonym (or display name with `--show-names`).
  public var user: String
  /// The time of their last event, ISO 8601 UTC.
  public var lastSeen: String
  /// What it was: search, playlist, play, login, other, like or dislike.
  public var kind: String

  /// Creates a recent user.
  public init(user: String, lastSeen: String, kind: String) {
    self.user = user
    self.lastSeen = lastSeen
    self.kind = kind
  }
}

/// Rows that broke the contract.
public struct DataQualityReport: Codable, Equatable, Sendable {
  /// One entry per table and issue that occurred, in table then issue order.
  public var issues: [DataIssue]
  /// Rows left out of every metric.
  public var skippedRows: Int
  /// Rows kept after a repair or with a note.
  public var keptRows: Int

  /// Creates a data-quality report.
  public init(issues: [DataIssue], skippedRows: Int, keptRows: Int) {
    self.issues = issues
    self.skippedRows = skippedRows
    self.keptRows = keptRows
  }
}

/// How many rows of a table had one issue.
public struct DataIssue: Codable, Equatable, Sendable {
  /// `activity` or `feedback`.
  public var table: String
  /// The issue's key, e.g. `missingUser`.
  public var issue: String
  /// What it means, e.g. "user_id missing".
  public var description: String
  /// Rows with the issue.
  public var rows: Int
  /// Whether those rows were left out (`false`: kept, repaired or noted).
  public var skipped: Bool
  /// Whether the rows break the schema v1 contract (`false`: allowed and only noted, such as
  /// activity kinds other than the four named ones).
  public var breaksContract: Bool

  /// Creates an issue count.
  public init(
    table: String, issue: String, description: String, rows: Int, skipped: Bool,
    breaksContract: Bool = true
  ) {
    self.table = table
    self.issue = issue
    self.description = description
    self.rows = rows
    self.skipped = skipped
    self.breaksContract = breaksContract
  }
}
