import DemoData
import Foundation
import GRDB
import TestSupport
import Testing

/// The same rows give the same site whatever order a table keeps them in: a `VACUUM`, a
/// re-import or a restore may rewrite `tracks` and `users` in another order, and K-means
/// seeding, ties and listings must not notice.
@Suite("The same rows in any order", .serialized)
struct ShuffledRowsTests {
  /// Rewrites every table of the SQLite database at `path` with its rows in another order (new
  /// rowids, same content): rowid `r` goes to position `(r × 7919) mod 10007`, a permutation
  /// for tables of fewer than 10,007 rows. `activity` and `feedback` keep theirs: their ids are
  /// their rowids, and they are read in id order anyway. `track_genres` is stored by its
  /// primary key.
  static func shuffle(_ path: String) throws {
    var sql = ""
    for table in ["tracks", "users"] {
      sql += """
        CREATE TEMP TABLE shuffled AS SELECT * FROM \(table) ORDER BY (rowid * 7919) % 10007;
        DELETE FROM \(table);
        INSERT INTO \(table) SELECT * FROM shuffled;
        DROP TABLE shuffled;

        """
    }
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: sql) }
    try queue.close()
  }

  /// The first `count` track ids of `path` in table order.
  static func firstTracks(_ path: String, _ count: Int) throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      try String.fetchAll(db, sql: "SELECT track_id FROM tracks ORDER BY rowid LIMIT \(count)")
    }
  }

  /// Builds `db` into `out`.
  static func build(_ db: String, _ out: String) throws {
    let result = try TuneDashBinary.run(
      ["build", "--db", db, "--out", out], environment: PostgresSourceTests.key)
    #expect(result.status == 0, "\(db): \(result.stderr)")
  }

  /// A small demo database, and a copy with its rows shuffled.
  static func demoAndShuffledCopy(in fixture: Fixture) throws -> (String, String) {
    let original = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: original, options: DemoOptions(users: 300, tracks: 1_500, events: 40_000, feedback: 8_000)
    )
    let shuffled = fixture.path("shuffled.sqlite")
    try FileManager.default.copyItem(atPath: original, toPath: shuffled)
    try Self.shuffle(shuffled)
    // The shuffle did change the order the table keeps.
    #expect(try Self.firstTracks(original, 5) != Self.firstTracks(shuffled, 5))
    return (original, shuffled)
  }

  @Test func theDemoWithShuffledRowsGivesTheSameSiteAndRecommendations() throws {
    let fixture = try Fixture(schema: false)
    let (original, shuffled) = try Self.demoAndShuffledCopy(in: fixture)
    try Self.build(original, fixture.path("a"))
    try Self.build(shuffled, fixture.path("b"))
    try PostgresSourceTests.expectSameSite(fixture.path("a"), fixture.path("b"))
    for arguments in [["evaluate", "--json"], ["recommend", "--track", "t000001", "--json"]] {
      let a = try TuneDashBinary.run(arguments + ["--db", original])
      let b = try TuneDashBinary.run(arguments + ["--db", shuffled])
      #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
      #expect(a.stdout == b.stdout, "\(arguments[0]) differs")
    }
  }

  @Test func hostileTextWithShuffledRowsGivesTheSameSite() throws {
    let fixture = try Fixture(sql: HostileDatabase.sql())
    let shuffled = fixture.path("shuffled.sqlite")
    try FileManager.default.copyItem(atPath: fixture.database, toPath: shuffled)
    try Self.shuffle(shuffled)
    try Self.build(fixture.database, fixture.path("a"))
    try Self.build(shuffled, fixture.path("b"))
    try PostgresSourceTests.expectSameSite(fixture.path("a"), fixture.path("b"))
  }

  @Test(
    .enabled(
      if: PostgresServer.available || PostgresServer.isRequired,
      "PostgreSQL server binaries not found (apt-get install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
    ))
  func catalogRowsInsertedOutOfIDOrderIntoPostgresGiveTheSameSite() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (original, shuffled) = try Self.demoAndShuffledCopy(in: fixture)
    // The copy inserts rows in the shuffled table order.
    let url = server.url(try PostgresSourceTests.copy(shuffled, into: server))
    try PostgresSourceTests.build(original, fixture.path("a"), server: server)
    try PostgresSourceTests.build(url, fixture.path("b"), server: server)
    try PostgresSourceTests.expectSameSite(fixture.path("a"), fixture.path("b"))
  }
}
