import DemoData
import Foundation
import SiteBuilder
import TestSupport
import Testing

/// The same rows in SQLite and in a real PostgreSQL server give the same site, byte for byte.
@Suite(
  "PostgreSQL as a source",
  .enabled(
    if: PostgresServer.available || PostgresServer.isRequired,
    "PostgreSQL server binaries not found (apt-get install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
  ),
  .serialized)
struct PostgresSourceTests {
  static let key = ["TUNEDASH_PSEUDONYM_KEY": "postgres-comparison-test-key-0123456789"]

  /// Copies the SQLite database at `path` into a new PostgreSQL database made by `tunedash init`.
  static func copy(_ path: String, into server: PostgresServer) throws -> String {
    try server.copy(sqlite: path) { url in
      let result = try TuneDashBinary.run(["init", "--db", url], environment: server.environment)
      #expect(result.status == 0, "\(result.stderr)")
    }
  }

  /// Builds `db` into `out` and returns what it printed.
  @discardableResult
  static func build(_ db: String, _ out: String, server: PostgresServer, _ extra: [String] = [])
    throws -> TuneDashBinary.Result
  {
    let result = try TuneDashBinary.run(
      ["build", "--db", db, "--out", out] + extra,
      environment: key.merging(server.environment) { $1 })
    #expect(result.status == 0, "\(db): \(result.stderr)")
    return result
  }

  /// Every file of two sites, compared byte for byte: `report.json` first.
  static func expectSameSite(_ a: String, _ b: String) throws {
    let report = try Data(contentsOf: URL(fileURLWithPath: a + "/report.json"))
    #expect(report.count > 1000)
    #expect(
      report == (try Data(contentsOf: URL(fileURLWithPath: b + "/report.json"))),
      "report.json differs")
    let files = FileManager.default.enumerator(atPath: a)!.compactMap { $0 as? String }.sorted()
    let others = FileManager.default.enumerator(atPath: b)!.compactMap { $0 as? String }.sorted()
    #expect(files == others)
    for file in files {
      let left = FileManager.default.contents(atPath: a + "/" + file)
      #expect(left == FileManager.default.contents(atPath: b + "/" + file), "\(file) differs")
    }
  }

  /// A small demo database in `fixture` (48,000 events), and its copy on `server`.
  static func demo(_ fixture: Fixture, on server: PostgresServer) throws -> (
    sqlite: String, url: String
  ) {
    let sqlite = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: sqlite, options: DemoOptions(users: 300, tracks: 1_500, events: 40_000, feedback: 8_000))
    return (sqlite, server.url(try Self.copy(sqlite, into: server)))
  }

  @Test func theDemoGivesTheSameSiteAndCommandOutputFromBothDatabases() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (sqlite, url) = try Self.demo(fixture, on: server)

    let fromSQLite = try Self.build(sqlite, fixture.path("a"), server: server)
    let fromPostgres = try Self.build(url, fixture.path("b"), server: server)
    #expect(fromSQLite.stdout.contains("from 48,000 events"))
    #expect(fromPostgres.stdout.contains("from 48,000 events"))
    try Self.expectSameSite(fixture.path("a"), fixture.path("b"))

    // The password never shows, and the URL is printed without it.
    let check = try TuneDashBinary.run(["check", "--db", url], environment: server.environment)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(!check.stdout.contains(PostgresServer.password))
    let checkSQLite = try TuneDashBinary.run(["check", "--db", sqlite])
    #expect(Self.dropFirstLine(check.stdout) == Self.dropFirstLine(checkSQLite.stdout))
    #expect(check.stdout.contains("activity"))

    for arguments in [
      ["evaluate", "--json"],
      ["recommend", "--track", "t000001", "--json", "--listener", "u000001"],
    ] {
      let a = try TuneDashBinary.run(arguments + ["--db", sqlite])
      let b = try TuneDashBinary.run(arguments + ["--db", url], environment: server.environment)
      #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
      #expect(a.stdout.count > 100)
      #expect(a.stdout == b.stdout, "\(arguments[0]) differs")
    }
  }

  /// Over TLS, verified against the server's certificate (libpq's `sslmode`, `sslrootcert`):
  /// the same site; a certificate that does not match is one line and exit 69.
  @Test func theDemoOverTLSGivesTheSameSite() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (sqlite, plain) = try Self.demo(fixture, on: server)
    let url = plain.replacingOccurrences(
      of: "sslmode=disable", with: "sslmode=verify-full&sslrootcert=\(server.certificate)")
    try Self.build(sqlite, fixture.path("a"), server: server)
    try Self.build(url, fixture.path("b"), server: server)
    try Self.expectSameSite(fixture.path("a"), fixture.path("b"))

    let other = fixture.path("other.crt")
    try PostgresServer.shell(
      "/usr/bin/openssl",
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", fixture.path("other.key"), "-out", other, "-days", "2", "-subj", "/CN=other",
      ])
    try PostgresErrorTests.expectFailure(
      [
        "check", "--db",
        plain.replacingOccurrences(
          of: "sslmode=disable", with: "sslmode=verify-full&sslrootcert=\(other)"),
      ],
      environment: server.environment, status: 69, ["cannot open a TLS connection", "sslrootcert"])
  }

  @Test func hostileTextGivesTheSameSiteFromBothDatabases() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(sql: HostileDatabase.postgresSQL())
    let url = server.url(try Self.copy(fixture.database, into: server))
    try Self.build(fixture.database, fixture.path("a"), server: server)
    try Self.build(url, fixture.path("b"), server: server)
    try Self.expectSameSite(fixture.path("a"), fixture.path("b"))
  }

  @Test func anIncrementalBuildReadsOnlyTheNewRowsAsWithSQLite() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(sql: EndToEndTests.sql)
    let name = try Self.copy(fixture.database, into: server)
    let url = server.url(name)
    try Self.build(fixture.database, fixture.path("a"), server: server, ["--min-users", "1"])
    try Self.build(url, fixture.path("b"), server: server, ["--min-users", "1"])
    // Two new plays a day later; ids 5 and 6 in both.
    let rows = """
      INSERT INTO activity (event_id, user_id, kind, occurred_at, query, track_id) VALUES
        (5, 'u2', 'play', 1767312000, NULL, 't1'), (6, 'u3', 'play', 1767312060, NULL, 't2');
      """
    try fixture.execute(rows)
    try server.psql(name, rows)
    let a = try Self.build(
      fixture.database, fixture.path("a"), server: server, ["--min-users", "1", "--verbose"])
    let b = try Self.build(
      url, fixture.path("b"), server: server, ["--min-users", "1", "--verbose"])
    #expect(a.stdout.contains("(2 new)"), "\(a.stdout)")
    #expect(b.stdout.contains("(2 new)"), "\(b.stdout)")
    // Both kept the catalog the state carries: its rows had not changed.
    for result in [a, b] {
      #expect(
        (result.stdout + result.stderr).contains("load catalog (kept from the last build)"),
        "\(result.stdout)")
    }
    try Self.expectSameSite(fixture.path("a"), fixture.path("b"))
  }

  /// A table without a primary key may repeat an id. Large reads come in pages of ids (the
  /// first of 1,024 rows); the five rows of an id that straddles the first two pages are each
  /// read once, and four of them counted as duplicates, as when read row by row.
  @Test func rowsOfADuplicatedIDAcrossTwoPagesAreReadOnceEach() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(sql: EndToEndTests.sql)
    let name = try Self.copy(fixture.database, into: server)
    // 1,500 logins of u1 a minute apart, ids 101…1600, except rows n = 1019…1023 all have id
    // 1120. With the fixture's 4 rows (ids 1…4) first, the first page ends at n = 1020: two of
    // the five in it, three in the next.
    try server.psql(
      name,
      """
      ALTER TABLE activity DROP CONSTRAINT activity_pkey;
      INSERT INTO activity (event_id, user_id, kind, occurred_at)
      SELECT CASE WHEN n BETWEEN 1019 AND 1023 THEN 1120 ELSE 100 + n END, 'u1', 'login', 1767052800 + n * 60
      FROM generate_series(1, 1500) AS n;
      """)
    try Self.build(server.url(name), fixture.path("site"), server: server, ["--min-users", "1"])
    let report = try ReportJSON.decode(
      Data(contentsOf: URL(fileURLWithPath: fixture.path("site/report.json"))))
    let duplicates = report.dataQuality.issues.filter {
      $0.issue == "duplicateID" && $0.table == "activity"
    }
    #expect(duplicates.map(\.rows) == [4])
    // The fixture's 4 activity rows and the 1,496 logins that are not duplicates.
    #expect(report.ranges.all.activity.events == 1_500)
  }

  /// A demo database of 60 listeners and 4,800 events, in a fixture of its own.
  static func smallDemo() throws -> Fixture {
    let fixture = try Fixture(schema: false)
    try DemoDatabase.create(
      at: fixture.database,
      options: DemoOptions(users: 60, tracks: 300, events: 4_000, feedback: 800))
    return fixture
  }

  /// `occurred_at` as `double precision` (schema v1 allows a real time): the latest time, the
  /// as-of time, is read as SQLite reads it, so the site is SQLite's — with one time between
  /// two seconds in both databases.
  @Test func realTimesGiveTheSameSiteAsSQLite() throws {
    let server = try PostgresServer.shared()
    let fixture = try Self.smallDemo()
    let name = try Self.copy(fixture.database, into: server)
    let late = "UPDATE activity SET occurred_at = occurred_at + 0.5 WHERE event_id = 3999"
    try fixture.execute(late)
    try server.psql(
      name,
      """
      ALTER TABLE activity ALTER COLUMN occurred_at TYPE double precision;
      ALTER TABLE feedback ALTER COLUMN occurred_at TYPE double precision;
      \(late);
      """)
    let fromSQLite = try Self.build(fixture.database, fixture.path("a"), server: server)
    let fromPostgres = try Self.build(server.url(name), fixture.path("b"), server: server)
    #expect(fromPostgres.stdout.contains("from 4,800 events"), "\(fromPostgres.stdout)")
    #expect(fromSQLite.stdout.contains("from 4,800 events"), "\(fromSQLite.stdout)")
    try Self.expectSameSite(fixture.path("a"), fixture.path("b"))
  }

  /// An integer `user_id` (BIGINT in PostgreSQL, the same digits as text in SQLite) is read as
  /// its decimal text everywhere: partition builds merged, a listener's recommendations and the
  /// week's digests are SQLite's.
  @Test func integerUserIDsWorkEverywhere() throws {
    let server = try PostgresServer.shared()
    let fixture = try Self.smallDemo()
    try fixture.execute(
      ["users", "activity", "feedback"].map {
        "UPDATE \($0) SET user_id = CAST(substr(user_id, 2) AS INTEGER) + 1000;"
      }.joined(separator: "\n"))
    let name = try Self.copy(fixture.database, into: server)
    try server.psql(
      name,
      ["users", "activity", "feedback"].map {
        "ALTER TABLE \($0) ALTER COLUMN user_id TYPE bigint USING user_id::bigint;"
      }.joined(separator: "\n"))
    let url = server.url(name)
    let environment = Self.key.merging(server.environment) { $1 }

    let states = (0..<2).map { fixture.path("p\($0).state") }
    for index in 0..<2 {
      let run = try TuneDashBinary.run(
        ["build", "--db", url, "--partition", "\(index)/2", "--state-out", states[index]],
        environment: environment)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let merged = try TuneDashBinary.run(
      ["merge", "--db", url, "--out", fixture.path("merged"), "--quiet"] + states,
      environment: environment)
    #expect(merged.status == 0, "\(merged.stderr)")
    try Self.build(fixture.database, fixture.path("single"), server: server)
    try Self.expectSameSite(fixture.path("single"), fixture.path("merged"))

    let recommend = ["recommend", "--track", "t000001", "--json", "--listener", "1001"]
    let fromSQLite = try TuneDashBinary.run(recommend + ["--db", fixture.database])
    let fromPostgres = try TuneDashBinary.run(recommend + ["--db", url], environment: environment)
    #expect(fromPostgres.status == 0, "\(fromPostgres.stderr)")
    #expect(fromSQLite.stdout.count > 100 && fromSQLite.stdout == fromPostgres.stdout)

    var outboxes: [String] = []
    for (label, db) in [("sqlite", fixture.database), ("postgres", url)] {
      let outbox = fixture.path("outbox-\(label)")
      let digest = try TuneDashBinary.run(
        ["digest", "--db", db, "--outbox", outbox, "--from", "Owl <digest@example.com>"],
        environment: environment)
      #expect(digest.status == 0, "\(label): \(digest.stderr)")
      outboxes.append(outbox)
    }
    let files = FileManager.default.enumerator(atPath: outboxes[0])!.compactMap { $0 as? String }
      .sorted()
    #expect(files.count > 5)
    for file in files {
      #expect(
        FileManager.default.contents(atPath: outboxes[0] + "/" + file)
          == FileManager.default.contents(atPath: outboxes[1] + "/" + file), "\(file)")
    }
  }

  static func dropFirstLine(_ text: String) -> String {
    String(text.drop { $0 != "\n" })
  }
}
