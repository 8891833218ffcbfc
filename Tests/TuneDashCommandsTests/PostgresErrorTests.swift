import Foundation
import TestSupport
import Testing

/// Each bad PostgreSQL input gives one line saying what is wrong and how to fix it, its exit
/// code from the README's table, and leaves the old site in place.
@Suite(
  "PostgreSQL errors",
  .enabled(
    if: PostgresServer.available || PostgresServer.isRequired,
    "PostgreSQL server binaries not found (apt-get install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
  ),
  .serialized)
struct PostgresErrorTests {
  /// Runs `tunedash ARGUMENTS` and checks it failed with `status` and one line naming `words`.
  @discardableResult
  static func expectFailure(
    _ arguments: [String], environment: [String: String], status: Int32, _ words: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let result = try TuneDashBinary.run(arguments, environment: environment)
    #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n").filter { !$0.contains("warning:") }
    #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
    for word in words {
      #expect(
        result.stderr.contains(word), "\(result.stderr) lacks \(word)",
        sourceLocation: sourceLocation)
    }
    #expect(!result.stderr.contains(PostgresServer.password), sourceLocation: sourceLocation)
    return result.stderr
  }

  /// A database with schema v1 and three listeners' rows.
  static func smallDatabase(_ server: PostgresServer) throws -> String {
    let fixture = try Fixture(sql: EndToEndTests.sql)
    return try PostgresSourceTests.copy(fixture.database, into: server)
  }

  @Test func anUnreachableServerExits69() throws {
    // A loopback port nothing listens on: bind one, then close it.
    let url = "postgresql://postgres@127.0.0.1:\(Self.closedPort())/nothing?sslmode=disable"
    try Self.expectFailure(
      ["check", "--db", url], environment: [:], status: 69,
      ["cannot reach the PostgreSQL server", "127.0.0.1"])
  }

  @Test func aWrongOrMissingPasswordExits77() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    try Self.expectFailure(
      ["check", "--db", server.url(name)],
      environment: ["PGPASSWORD": "wrong", "PGPASSFILE": "/nonexistent"],
      status: 77, ["refused the login of user postgres", "PGPASSWORD"])
    try Self.expectFailure(
      ["check", "--db", server.url(name)],
      environment: ["PGPASSWORD": "", "PGPASSFILE": "/nonexistent"],
      status: 77, ["postgres"])
  }

  @Test func thePasswordFileIsReadOnlyWhenPrivate() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    let fixture = try Fixture(schema: false)
    let file = fixture.path("pgpass")
    // A comment, a line for another database, then ours with an escaped colon-free password.
    try """
    # host:port:database:user:password
    127.0.0.1:\(server.port):other:postgres:not-this-one
    127.0.0.1:*:\(name):postgres:\(PostgresServer.password)
    """.write(toFile: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    let environment = ["PGPASSFILE": file, "PGPASSWORD": ""].filter { $0.key == "PGPASSFILE" }
    let unsetPassword = ProcessInfo.processInfo.environment.filter { $0.key != "PGPASSWORD" }
      .merging(environment) { $1 }
    let ok = try TuneDashBinary.run(
      ["check", "--db", server.url(name)], environment: unsetPassword)
    #expect(ok.status == 0, "\(ok.stderr)")

    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
    let stderr = try Self.expectFailure(
      ["check", "--db", server.url(name)], environment: unsetPassword, status: 77, ["postgres"])
    #expect(stderr.contains("has group or world access and is ignored"))
  }

  /// With several hosts, the most telling failure decides: the first host is down, the second
  /// refuses the password — a refused login (77) on the second host, not "unreachable".
  @Test func aRefusedLoginOnTheSecondHostExits77() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    let url =
      "postgresql://postgres@127.0.0.1:\(Self.closedPort()),127.0.0.1:\(server.port)/\(name)?sslmode=disable"
    try Self.expectFailure(
      ["check", "--db", url], environment: ["PGPASSWORD": "wrong", "PGPASSFILE": "/nonexistent"],
      status: 77, ["PostgreSQL at 127.0.0.1:\(server.port) refused the login of user postgres"])
  }

  /// A service file is libpq's: what it sets — here the password file — is what libpq uses,
  /// and a loose `~/.pgpass` it never reads draws no warning.
  @Test func aServiceFileNamesItsOwnPasswordFile() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    let fixture = try Fixture(schema: false)
    let passfile = fixture.path("service.pgpass")
    try "127.0.0.1:*:*:postgres:\(PostgresServer.password)\n"
      .write(toFile: passfile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile)
    try "*:*:*:*:not-this-one\n".write(
      toFile: fixture.path(".pgpass"), atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o644], ofItemAtPath: fixture.path(".pgpass"))
    let services = fixture.path("services.conf")
    try """
    [events]
    host=127.0.0.1
    port=\(server.port)
    dbname=\(name)
    user=postgres
    sslmode=disable
    passfile=\(passfile)
    """.write(toFile: services, atomically: true, encoding: .utf8)
    let environment = ProcessInfo.processInfo.environment
      .filter { !$0.key.hasPrefix("PG") }
      .merging(["PGSERVICEFILE": services, "HOME": fixture.path("")]) { $1 }
    let result = try TuneDashBinary.run(
      ["check", "--db", "postgresql://?service=events"], environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("warning"), "\(result.stderr)")
  }

  /// A column whose type schema v1 does not allow fails the whole read, in one line that says
  /// which type to give it.
  @Test func aColumnOfAnotherTypeExits65() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    try server.psql(name, "ALTER TABLE activity ALTER COLUMN occurred_at TYPE TEXT")
    try Self.expectFailure(
      ["build", "--db", server.url(name), "--out", "/nonexistent/site"],
      environment: server.environment, status: 65,
      ["has a type schema v1 does not allow", "BIGINT for ids and occurred_at"])
  }

  /// A server message that quotes a row's text (a cast in a view) is still one line, without
  /// the row's line breaks or terminal escapes.
  @Test func aServerMessageQuotingRowTextIsOneCleanLine() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    try server.psql(
      name,
      """
      ALTER TABLE activity RENAME TO activity_text;
      ALTER TABLE activity_text ALTER COLUMN occurred_at TYPE TEXT;
      UPDATE activity_text SET occurred_at = E'1767\\n6 \\x1b[31mred\\x07' WHERE event_id = 1;
      CREATE VIEW activity AS SELECT event_id, user_id, kind, occurred_at::bigint AS occurred_at,
        query, track_id FROM activity_text;
      """)
    let stderr = try Self.expectFailure(
      ["check", "--db", server.url(name)], environment: server.environment, status: 65,
      ["invalid input syntax", "red"])
    #expect(!stderr.unicodeScalars.dropLast().contains { $0.value < 0x20 || $0.value == 0x7F })
  }

  @Test func aMissingDatabaseExits66() throws {
    let server = try PostgresServer.shared()
    try Self.expectFailure(
      ["build", "--db", server.url("no_such_db"), "--out", "/nonexistent/site"],
      environment: server.environment,
      status: 66, ["database no_such_db does not exist", "createdb no_such_db"])
  }

  @Test func aMissingTableOrColumnExits65() throws {
    let server = try PostgresServer.shared()
    let empty = try server.createDatabase()
    try Self.expectFailure(
      ["check", "--db", server.url(empty)], environment: server.environment, status: 65,
      ["no table `users`"])
    let name = try Self.smallDatabase(server)
    try server.psql(name, "ALTER TABLE activity DROP COLUMN query")
    try Self.expectFailure(
      ["check", "--db", server.url(name)], environment: server.environment, status: 65,
      ["table `activity`", "no column `query`"])
  }

  @Test func aReadOnlyRoleIsEnoughAndAMissingGrantExits77() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    let role = "reader_\(name)"
    try server.psql(name, "CREATE ROLE \(role) LOGIN PASSWORD 'reader-password'")
    let environment = ["PGPASSWORD": "reader-password", "PGPASSFILE": "/nonexistent"]
    try Self.expectFailure(
      ["check", "--db", server.url(name, user: role)], environment: environment, status: 77,
      ["may not read", "GRANT SELECT"])
    try server.psql(
      name, "GRANT SELECT ON users, tracks, track_genres, activity, feedback TO \(role)")
    let fixture = try Fixture(schema: false)
    let result = try TuneDashBinary.run(
      [
        "build", "--db", server.url(name, user: role), "--out", fixture.path("site"), "--min-users",
        "1",
      ],
      environment: environment.merging(PostgresSourceTests.key) { $1 })
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("from 7 events"))
  }

  /// `init` needs to create tables: a role that may not is told so (not to GRANT SELECT).
  @Test func initWithoutCreateSaysWhatTheRoleLacks() throws {
    let server = try PostgresServer.shared()
    let name = try server.createDatabase()
    let role = "maker_\(name)"
    // PostgreSQL 15: only the database's owner may create in `public`.
    try server.psql(name, "CREATE ROLE \(role) LOGIN PASSWORD 'maker-password'")
    try Self.expectFailure(
      ["init", "--db", server.url(name, user: role)],
      environment: ["PGPASSWORD": "maker-password", "PGPASSFILE": "/nonexistent"], status: 77,
      [
        "user \(role) may not create the schema v1 tables in \(name)",
        "GRANT CREATE ON SCHEMA public TO \(role)",
      ])
    #expect(
      try server.psql(name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  @Test func initTwiceExits73AndLeavesTheTables() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    try Self.expectFailure(
      ["init", "--db", server.url(name)], environment: server.environment, status: 73,
      ["already has schema v1 tables"])
    #expect(
      try server.psql(name, "SELECT count(*) FROM activity").trimmingCharacters(
        in: .whitespacesAndNewlines) == "4")
  }

  /// A migration's exclusive lock on `activity` holds a build back at most `--db-wait` seconds
  /// (the read's `lock_timeout`): exit 75 and one line, the old site kept; once the lock is
  /// released, the same command builds.
  @Test func aTableLockedByAnotherSessionExits75AndLeavesTheOldSite() throws {
    let server = try PostgresServer.shared()
    let name = try Self.smallDatabase(server)
    let fixture = try Fixture(schema: false)
    let out = fixture.path("site")
    let build = [
      "build", "--db", server.url(name), "--out", out, "--min-users", "1", "--db-wait", "0.5",
    ]
    let environment = server.environment.merging(PostgresSourceTests.key) { $1 }
    let first = try TuneDashBinary.run(build, environment: environment)
    #expect(first.status == 0, "\(first.stderr)")
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))

    let migration = Thread {
      _ = try? server.psql(
        name,
        "BEGIN; LOCK TABLE activity IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120); COMMIT")
    }
    migration.start()
    let released = {
      _ = try? server.psql(
        "postgres",
        """
        SELECT pg_terminate_backend(pid, 30000) FROM pg_stat_activity
        WHERE datname = '\(name)' AND query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()
        """)
    }
    defer { released() }
    let granted = Date().addingTimeInterval(60)
    var held = false
    while !held && Date() < granted {
      held =
        try server.psql(
          name,
          """
          SELECT count(*) FROM pg_locks WHERE relation = 'activity'::regclass
          AND mode = 'AccessExclusiveLock' AND granted
          """
        ).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
      if !held { usleep(20_000) }
    }
    try #require(held, "the lock was never granted")

    try Self.expectFailure(
      build, environment: environment, status: 75,
      ["`activity`", "is locked by another session", "--db-wait"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.json")) == before)

    released()  // waits until the session has ended, and its lock with it
    let after = try TuneDashBinary.run(build, environment: environment)
    #expect(after.status == 0, "\(after.stderr)")
  }

  /// A loopback port that was free a moment ago.
  static func closedPort() -> Int {
    let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
