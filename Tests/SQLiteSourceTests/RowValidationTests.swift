import EventStore
import SQLiteSource
import TestSupport
import Testing

@Suite("Rows that break the contract")
struct RowValidationTests {
  /// One row per problem; each comment says what the scan must do with it.
  static let sql = """
    INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'One', 'Alpha');
    INSERT INTO activity (event_id, user_id, kind, occurred_at, query, track_id) VALUES
      (1, 'u1', 'play', 1767225600, NULL, 't1'),          -- fine
      (2, '', 'play', 1767225600, NULL, NULL),             -- missing user: skipped
      (3, 'u1', '', 1767225600, NULL, NULL),               -- missing kind: skipped
      (4, 'u1', ' Search ', 1767225600, 'x', NULL),        -- kind repaired: kept
      (5, 'u1', 'share', 1767225600, NULL, NULL),          -- other kind: kept
      (6, 'u1', 'play', 1767225600000, NULL, NULL),        -- milliseconds: kept, repaired
      (7, 'u1', 'play', 800000000, NULL, NULL),            -- 1995: skipped
      (8, 'u1', 'play', 'yesterday', NULL, NULL),          -- not a number: skipped
      (9, 'u1', 'play', '1767225600', NULL, NULL),         -- digits as text: kept
      (10, 'u1', 'play', 1767225600, NULL, 'ghost'),       -- unknown track: kept, no genre
      (11, 'u1', ' Play', 1767225600000, NULL, 'ghost'),   -- three repairs: counted once, as ms
      (12, 'u1', ' Play', 1767225600, NULL, 'ghost'),      -- two: counted once, as unknown track
      (13, 'u1', 'share', 1767225600000, NULL, NULL);      -- a repair and a note: both
    INSERT INTO feedback (feedback_id, user_id, track_id, verdict, occurred_at, source, model) VALUES
      (1, 'u1', 't1', 1, 1767225600, 'song', 'v1'),        -- fine
      (2, 'u1', 't1', 2, 1767225600, 'song', 'v1'),        -- verdict 2: skipped
      (3, 'u1', 'ghost', 1, 1767225600, 'song', 'v1'),     -- unknown track: skipped
      (4, 'u1', '', -1, 1767225600, 'song', 'v1'),         -- missing track: skipped
      (5, 'u1', 't1', -1, 1767225600 + 2 * 86400, NULL, NULL); -- after as-of + 1 day: skipped
    """

  @Test func everyProblemIsCountedOnceAndValidRowsAreKept() throws {
    let fixture = try Fixture(sql: Self.sql)
    let source = try SourceDatabase(path: fixture.database)
    let check = try source.read { try $0.checkContract(asOf: 1_767_225_600) }
    #expect(check.validActivity == 9)
    #expect(check.validFeedback == 1)
    let activity: [RowIssue: Int] = [
      .missingUser: 1, .missingKind: 1, .kindNormalized: 1, .otherKind: 2, .millisecondsRepaired: 3,
      .timeOutOfRange: 1, .badTime: 1, .unknownActivityTrack: 2,
    ]
    let feedback: [RowIssue: Int] = [
      .badVerdict: 1, .unknownTrack: 1, .missingTrack: 1, .futureTime: 1,
    ]
    for issue in RowIssue.allCases {
      #expect(
        check.issues.count(issue, in: .activity) == activity[issue, default: 0], "activity \(issue)"
      )
      #expect(
        check.issues.count(issue, in: .feedback) == feedback[issue, default: 0], "feedback \(issue)"
      )
    }
  }

  @Test func theDefaultAsOfIsTheLatestValidTimeWithMillisecondsRepaired() throws {
    let fixture = try Fixture(
      sql: """
        INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'play', 1767225600),
          ('u1', 'play', 1767225700000), ('u1', 'play', 99999999999999);
        """)
    let source = try SourceDatabase(path: fixture.database)
    let latest = try source.read { try $0.latestValidTime(in: $0.cut(), catalog: $0.loadCatalog()) }
    #expect(latest == 1_767_225_700)
  }

  /// A row the contract leaves out never sets the default as-of time, however late it is: the
  /// rows after the latest valid one are an empty user id, an empty kind, a verdict of 0 and
  /// feedback on a track missing from `tracks` (in milliseconds), and `check` agrees.
  @Test func rowsLeftOutNeverSetTheDefaultAsOf() throws {
    let fixture = try Fixture(
      sql: """
        INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'Song', 'Artist');
        INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'play', 1767225600),
          ('', 'play', 1767312000), ('u2', '', 1767312001);
        INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES
          ('u1', 't1', 1, 1767225700), ('u1', 't1', 0, 1767398400),
          ('u1', 'nope', 1, 1767398400000);
        """)
    let source = try SourceDatabase(path: fixture.database)
    let (latest, anyTime) = try source.read {
      (
        try $0.latestValidTime(in: $0.cut(), catalog: $0.loadCatalog()),
        try $0.latestTime(in: $0.cut(), before: nil)
      )
    }
    #expect(anyTime == 1_767_398_400)
    #expect(latest == 1_767_225_700)
    #expect(try source.read { try $0.checkContract() }.lastTime == latest)
    // With only rows left out, there is no as-of time at all.
    try fixture.execute(
      "DELETE FROM activity WHERE user_id = 'u1'; DELETE FROM feedback WHERE verdict = 1 AND track_id = 't1';"
    )
    #expect(
      try source.read { try $0.latestValidTime(in: $0.cut(), catalog: $0.loadCatalog()) } == nil)
  }

  /// Times stored as text — a view that makes them with `strftime('%s', …)`, as here, or a
  /// column declared `TEXT` — are numbers to the validators, and so to the default as-of time
  /// and to the ranges of times an incremental build reads again (SQLite sorts text after every
  /// number: compared as stored, they fell in no range, and the as-of time was the integer
  /// feedback's, four days earlier).
  @Test func timesStoredAsTextSetTheDefaultAsOfAndFallInTimeRanges() throws {
    let fixture = try Fixture(
      sql: """
        DROP TABLE activity;
        CREATE TABLE app_events (id INTEGER PRIMARY KEY, who TEXT, what TEXT, at TEXT);
        CREATE VIEW activity AS SELECT id AS event_id, who AS user_id, what AS kind,
          strftime('%s', at) AS occurred_at, NULL AS query, NULL AS track_id FROM app_events;
        INSERT INTO app_events (who, what, at) VALUES ('u1', 'play', '2026-01-01 00:00:00'),
          ('u1', 'play', '2026-01-02 00:00:00'), ('u2', 'login', '2026-01-02 00:00:00'),
          ('u3', 'play', 'soon');
        INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'Song', 'Artist');
        INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES ('u1', 't1', 1, 1766966400);
        """)
    let source = try SourceDatabase(path: fixture.database)
    let (latest, users) = try source.read { reader in
      let catalog = try reader.loadCatalog()
      var (users, issues) = (ByteInterner(), RowIssueCounts())
      var seen: [Int32] = []
      try reader.scanActivity(
        .times(after: 1_767_225_600, through: 1_767_312_000, idsThrough: 4), catalog: catalog,
        asOf: EventTime.end, users: &users, issues: &issues
      ) { row in seen.append(row.user) }
      return (
        try reader.latestValidTime(in: reader.cut(), catalog: catalog),
        seen.map { users.string(at: $0) }
      )
    }
    #expect(latest == 1_767_312_000)
    #expect(users == ["u1", "u2"])
  }

  /// A time stored as a real number is the second it falls in (as the validator reads it), and
  /// a week of rows left out after the latest valid one, one a minute, is passed over.
  @Test func theDefaultAsOfReadsRealTimesAndPassesLongRunsOfRowsLeftOut() throws {
    let fixture = try Fixture(
      sql: """
        INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'play', 1767225600.9),
          ('u2', 'play', 1767225660.5);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10080)
          INSERT INTO activity (user_id, kind, occurred_at)
          SELECT '', 'play', 1767225660 + 60 * i FROM n;
        """)
    let source = try SourceDatabase(path: fixture.database)
    let latest = try source.read {
      try $0.latestValidTime(in: $0.cut(), catalog: $0.loadCatalog())
    }
    #expect(latest == 1_767_225_660)
    #expect(try source.read { try $0.checkContract() }.lastTime == latest)
  }

  @Test func anEmptyDatabaseHasNoTimeSpan() throws {
    let fixture = try Fixture()
    let check = try SourceDatabase(path: fixture.database).read { try $0.checkContract() }
    #expect(check.firstTime == nil)
    #expect(check.validActivity == 0)
    #expect(check.missingIndexes.isEmpty)
    #expect(
      check.rowCounts.map(\.table) == ["users", "tracks", "track_genres", "activity", "feedback"])
  }
}
