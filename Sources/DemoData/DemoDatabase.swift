import EventStore
import Foundation
import SQLiteSource

/// Writes realistic demo databases: `tunedash demo` and `tunedash build --demo`.
///
/// The result follows schema v1 and tells a story on every panel: Zipf-like track popularity,
/// listeners with favourite genres, a daily and weekly rhythm, growth through the year with some
/// listeners who stop coming back, like ratios that differ by genre and improve with each model
/// version (each new version A/B-tested on a share of listeners for some weeks, assigned by
/// listener, before it serves everyone; the last test is still running at the end), audio features that follow genre, recommendations and likes that follow each
/// listener's taste in sound (so the content recommender finds their songs), search text with
/// casing variants and typos, and playlist titles in several languages with emoji. The same
/// ``DemoOptions`` always give the same rows.
public enum DemoDatabase {
  /// What a demo run wrote.
  public struct Summary: Sendable, Equatable {
    /// Rows written to `users`, `tracks`, `activity` and `feedback`.
    public var users, tracks, events, feedback: Int

    /// Creates a summary.
    public init(users: Int, tracks: Int, events: Int, feedback: Int) {
      self.users = users
      self.tracks = tracks
      self.events = events
      self.feedback = feedback
    }
  }

  /// Writes a new demo database at `path`.
  ///
  /// The rows are written to a temporary file beside `path`, which is renamed into place only
  /// when complete, so an interrupted run never leaves a half-written database.
  /// - Throws: ``EventStoreError/Kind-swift.enum/alreadyExists`` if `path` exists and `replace`
  ///   is false.
  @discardableResult
  public static func create(at path: String, options: DemoOptions, replace: Bool = false) throws
    -> Summary
  {
    var summary: Summary?
    try WritableDatabase.create(at: path, replace: replace) { database in
      for statement in SchemaV1.tables { try database.execute(statement) }
      summary = try DemoWriter(database: database, world: DemoWorld(options: options)).writeAll()
      try database.execute("CREATE TABLE demo_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      let meta = try database.prepare("INSERT INTO demo_meta VALUES ('options', ?)")
      meta.bind(1, String(decoding: try encoder.encode(options), as: UTF8.self))
      try meta.run()
      for statement in SchemaV1.indexes { try database.execute(statement) }
    }
    return summary!
  }

  /// Appends `events` activity rows and `feedback` feedback rows (by default 1% of the
  /// history's own counts) to the demo database at `path`, on the days after its latest event,
  /// each day as busy as the history's last week.
  ///
  /// This is the "service kept running" batch that incremental builds are measured with. The
  /// rows are written in one transaction, so an interrupted run appends nothing. The same
  /// database and counts always give the same rows.
  /// - Throws: ``EventStoreError/Kind-swift.enum/contractViolation`` if `path` was not written
  ///   by ``create(at:options:replace:)``.
  @discardableResult
  public static func append(at path: String, events: Int? = nil, feedback: Int? = nil) throws
    -> Summary
  {
    var summary: Summary?
    try WritableDatabase.update(at: path) { database in
      guard try database.tableExists("demo_meta"),
        let meta = try database.fetchText("SELECT value FROM demo_meta WHERE key = 'options'"),
        let options = try? JSONDecoder().decode(DemoOptions.self, from: Data(meta.utf8))
      else {
        throw EventStoreError(
          .contractViolation, path: path, message: "\(path) was not written by tunedash demo",
          hint: "append to a database made with tunedash demo, or make one first")
      }
      let latest = max(
        try database.fetchInt64("SELECT max(occurred_at) FROM activity") ?? 0,
        try database.fetchInt64("SELECT max(occurred_at) FROM feedback") ?? 0)
      let firstDay = max(options.days, Int((latest - options.start) / 86_400) + 1)
      let world = DemoWorld(options: options)
      let writer = DemoWriter(database: database, world: world)
      var random = SplitMix64(seed: options.seed ^ UInt64(firstDay) &* 0x9E37_79B9_7F4A_7C15)
      // `count` rows (by default 1% of the history's `total`) from day `firstDay` on.
      func schedule(_ count: Int?, historyTotal total: Int) -> DaySchedule {
        DaySchedule(
          firstDay: firstDay,
          counts: world.continuation(count ?? max(1, total / 100), historyTotal: total))
      }
      let written = try writer.writeActivity(
        schedule(events, historyTotal: options.events), &random)
      let rated = try writer.writeFeedback(
        schedule(feedback, historyTotal: options.feedback), &random)
      summary = Summary(users: 0, tracks: 0, events: written, feedback: rated)
    }
    return summary!
  }
}
