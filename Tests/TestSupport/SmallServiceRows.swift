/// The rows of the hand-counted small service (see `SmallService` in the analytics tests,
/// which lays them out as a table with the arithmetic): in memory, and as SQL for a schema v1
/// database.
public enum SmallServiceRows {
  /// A = 2026-01-01T00:00:00Z.
  private static let asOf: Int64 = 1_767_225_600
  /// One day.
  private static let day: Int64 = 86_400

  /// Users, tracks, genres, activity and feedback.
  public static let source = MemorySource(
    users: [
      .init(id: "u1", displayName: "Ann", email: "ann@example.com"),
      .init(id: "u2", displayName: "Bo", email: "bo@example.com"),
      .init(id: "u3", displayName: "Cy", email: "cy@example.com"),
      .init(id: "u4", displayName: "Di", email: "di@example.com"),
      .init(id: "u5", displayName: "Ed", email: "ed@example.com"),
      .init(id: "u6", displayName: "Flo", email: "flo@example.com"),
    ],
    tracks: [
      .init(id: "t1", title: "One", artist: "Alpha"),
      .init(id: "t2", title: "Two", artist: "Beta"),
      .init(id: "t3", title: "Three", artist: "Gamma"),
      .init(id: "t4", title: "Four", artist: "Delta"),
    ],
    genres: [.init("t1", "rock"), .init("t1", "pop"), .init("t2", "jazz"), .init("t3", "rock")],
    activity: [
      .init(id: 1, user: "u1", kind: "play", time: asOf - 1, track: "t1"),
      .init(id: 2, user: "u2", kind: "play", time: asOf - 7 * day, track: "t1"),
      .init(
        id: 3, user: "u2", kind: "search", time: asOf - 7 * day + 1, query: "Rock anthems",
        track: "t3"),
      .init(id: 4, user: "u3", kind: "play", time: asOf - 30 * day, track: "t2"),
      .init(id: 5, user: "u3", kind: "login", time: asOf - 30 * day + 1),
      .init(id: 6, user: "u4", kind: "playlist", time: asOf - 40 * day, query: "Rock & Roll 🎸"),
      .init(id: 7, user: "u1", kind: "search", time: asOf - 2 * day, query: "rock"),
      .init(id: 8, user: "u5", kind: "play", time: asOf - 3 * day, track: "t4"),
      .init(id: 9, user: "u1", kind: "share", time: asOf - 100 * day),
      .init(id: 10, user: "u4", kind: "play", time: asOf - 5 * day, track: "t9"),
    ],
    feedback: [
      .init(
        id: 1, user: "u1", track: "t1", verdict: 1, time: asOf - 2 * day, source: "song",
        model: "rec-v2"),
      .init(
        id: 2, user: "u2", track: "t2", verdict: -1, time: asOf - 8 * day, source: "playlist",
        model: "rec-v1"),
      .init(
        id: 3, user: "u3", track: "t3", verdict: 1, time: asOf - 20 * day, source: "song",
        model: "rec-v2"),
      .init(id: 4, user: "u5", track: "t2", verdict: 1, time: asOf - 45 * day, model: "rec-v1"),
      .init(
        id: 5, user: "u1", track: "t1", verdict: -1, time: asOf, source: "song", model: "rec-v2"),
      .init(
        id: 6, user: "u2", track: "t1", verdict: 0, time: asOf - 1, source: "song", model: "rec-v2"),
      .init(
        id: 7, user: "u9", track: "t999", verdict: 1, time: asOf - 1, source: "song",
        model: "rec-v2"),
    ])

  /// The same rows as SQL `INSERT` statements.
  public static var sql: String { source.sql }
}
