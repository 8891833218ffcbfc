import EventStore

/// What the engine needs, besides its own state, to finish a report: the scans' interned ids,
/// what the scans counted, and lookups for the few tracks and users a page names.
public struct FinishInputs {
  /// The users interned by the scans (their indexes are the rows' `user`).
  public var users: ByteInterner
  /// The sources and models interned by the feedback scan.
  public var labels: ByteInterner
  /// Rows that broke the contract.
  public var issues: RowIssueCounts
  /// Rows in `users`.
  public var registeredUsers: Int
  /// Rows in `users` without any valid event.
  public var neverActiveUsers: Int
  /// Title and artist for track ids.
  public var trackDetails: ([String]) throws -> [String: TrackDetails]
  /// How a user id is shown: a pseudonym, or a display name with `--show-names`.
  public var userLabel: ([String]) throws -> [String: String]

  /// Creates inputs.
  public init(
    users: ByteInterner, labels: ByteInterner, issues: RowIssueCounts, registeredUsers: Int,
    neverActiveUsers: Int, trackDetails: @escaping ([String]) throws -> [String: TrackDetails],
    userLabel: @escaping ([String]) throws -> [String: String]
  ) {
    self.users = users
    self.labels = labels
    self.issues = issues
    self.registeredUsers = registeredUsers
    self.neverActiveUsers = neverActiveUsers
    self.trackDetails = trackDetails
    self.userLabel = userLabel
  }
}
