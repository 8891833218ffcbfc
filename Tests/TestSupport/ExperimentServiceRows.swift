/// A small service whose model-version comparisons were worked out by hand (see
/// `ModelExperimentsTests`, which lays the rows out as a table with the arithmetic): in memory,
/// and as SQL for a schema v1 database through ``MemorySource/sql``.
public enum ExperimentServiceRows {
  /// A = 2026-01-01T00:00:00Z, the start of its day in UTC.
  public static let asOf: Int64 = 1_767_225_600
  /// One day.
  private static let day: Int64 = 86_400

  /// Five listeners rating recommendations of four model versions.
  public static let source = MemorySource(
    users: (1...5).map { MemorySource.User(id: "u\($0)") },
    tracks: (1...4).map { MemorySource.Track(id: "t\($0)", title: "Song \($0)", artist: "A\($0)") },
    genres: [.init("t1", "rock"), .init("t2", "jazz"), .init("t3", "pop"), .init("t4", "folk")],
    activity: [],
    feedback: [
      rating(1, "u1", "t1", +1, 40, "song", "rec-c"),
      rating(2, "u5", "t2", -1, 35, "playlist", "rec-c"),
      rating(3, "u3", "t3", +1, 20, "song", "rec-a"),
      rating(4, "u5", "t1", -1, 20, "song", "rec-a"),
      rating(5, "u5", "t2", +1, 10, "song", "rec-a"),
      rating(6, "u5", "t3", -1, 10, "playlist", "rec-b"),
      rating(7, "u1", "t1", +1, 6, "song", "rec-a"),
      rating(8, "u1", "t2", -1, 6, "song", "rec-a"),
      rating(9, "u2", "t1", +1, 6, "playlist", "rec-a"),
      rating(10, "u2", "t2", +1, 1, "playlist", "rec-a"),
      rating(11, "u2", "t3", +1, 1, "playlist", "rec-a"),
      rating(12, "u4", "t4", -1, 1, "song", "rec-a"),
      rating(13, "u1", "t3", +1, 6, "song", "rec-b"),
      rating(14, "u3", "t1", +1, 6, "playlist", "rec-b"),
      rating(15, "u3", "t2", -1, 1, "song", "rec-b"),
      rating(16, "u4", "t1", +1, 1, "song", "rec-b"),
      rating(17, "u4", "t2", +1, 6, "song", "rec-b"),
      rating(18, "u2", "t4", +1, 5, "song", "rec-b"),
      rating(19, "u5", "t4", +1, 6, "song", "rec-d"),
    ])

  /// A rating `daysBefore` whole days before A (at that day's first second).
  private static func rating(
    _ id: Int64, _ user: String, _ track: String, _ verdict: Int64, _ daysBefore: Int64,
    _ source: String, _ model: String
  ) -> MemorySource.Feedback {
    MemorySource.Feedback(
      id: id, user: user, track: track, verdict: verdict, time: asOf - daysBefore * day,
      source: source, model: model)
  }
}
