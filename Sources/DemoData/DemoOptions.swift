/// The size and seed of a demo database.
public struct DemoOptions: Sendable, Equatable, Codable {
  /// Listeners (rows in `users`).
  public var users: Int
  /// Tracks in the catalog.
  public var tracks: Int
  /// `activity` rows.
  public var events: Int
  /// `feedback` rows.
  public var feedback: Int
  /// The random seed; the same options give the same database.
  public var seed: UInt64
  /// How many days the history spans.
  public var days: Int
  /// The end of the history (exclusive), Unix seconds. Default: 2026-11-21T00:00:00Z.
  public var end: Int64

  /// The defaults: about 5,000 listeners and 1,000,000 activity events over a year.
  public init(
    users: Int = 5_000, tracks: Int = 20_000, events: Int = 1_000_000, feedback: Int = 200_000,
    seed: UInt64 = 1, days: Int = 365, end: Int64 = 1_795_219_200
  ) {
    self.users = users
    self.tracks = tracks
    self.events = events
    self.feedback = feedback
    self.seed = seed
    self.days = days
    self.end = end
  }

  /// The first second of the history.
  public var start: Int64 { end - Int64(days) * 86_400 }
}
