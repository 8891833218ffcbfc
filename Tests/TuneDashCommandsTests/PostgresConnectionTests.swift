import Foundation
import TestSupport
import Testing

/// `--db` takes whatever libpq takes, as psql does: a Unix socket, the PG… environment, a
/// service file. Each way reaches the same database and gives the same site.
@Suite(
  "PostgreSQL connections as libpq makes them",
  .enabled(
    if: PostgresServer.available || PostgresServer.isRequired,
    "PostgreSQL server binaries not found (apt-get install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
  ),
  .serialized)
struct PostgresConnectionTests {
  /// A small database, and the report.json of a build over TCP with the password, to compare.
  static func database(_ server: PostgresServer, _ fixture: Fixture) throws -> (
    name: String, report: Data
  ) {
    let name = try PostgresErrorTests.smallDatabase(server)
    try PostgresSourceTests.build(
      server.url(name), fixture.path("tcp"), server: server, ["--min-users", "1"])
    return (name, try Data(contentsOf: URL(fileURLWithPath: fixture.path("tcp/report.json"))))
  }

  /// Builds with `db` and `environment` only (no PGPASSWORD unless given) and returns report.json.
  static func build(_ db: String, _ out: String, environment: [String: String]) throws -> Data {
    let clean = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
      .merging(PostgresSourceTests.key) { $1 }.merging(environment) { $1 }
    // Through env, with exactly this environment: no PG… variable of the test process leaks in.
    let result = try TuneDashBinary.run(
      ["build", "--db", db, "--out", out, "--min-users", "1"], environment: clean,
      launcher: ["/usr/bin/env"])
    #expect(result.status == 0, "\(db): \(result.stderr)")
    return try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))
  }

  @Test func aUnixSocketWithoutAPassword() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (name, expected) = try Self.database(server, fixture)
    // The cluster trusts local (socket) logins, as peer authentication does for the app's user.
    let db = "postgresql:///\(name)?host=\(server.folder.path)&port=\(server.port)&user=postgres"
    #expect(
      try Self.build(db, fixture.path("socket"), environment: ["PGPASSFILE": "/nonexistent"])
        == expected)
  }

  @Test func everythingFromThePGEnvironment() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (name, expected) = try Self.database(server, fixture)
    let environment = [
      "PGHOST": "127.0.0.1", "PGPORT": String(server.port), "PGUSER": "postgres",
      "PGDATABASE": name,
      "PGPASSWORD": PostgresServer.password, "PGSSLMODE": "disable", "PGPASSFILE": "/nonexistent",
    ]
    #expect(
      try Self.build("postgresql://", fixture.path("env"), environment: environment) == expected)
  }

  @Test func aServiceFileAndAPasswordFile() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (name, expected) = try Self.database(server, fixture)
    let services = fixture.path("pg_service.conf")
    try
      "[events]\nhost=127.0.0.1\nport=\(server.port)\ndbname=\(name)\nuser=postgres\nsslmode=disable\n"
      .write(toFile: services, atomically: true, encoding: .utf8)
    let passwords = fixture.path("pgpass")
    try "127.0.0.1:\(server.port):\(name):postgres:\(PostgresServer.password)\n"
      .write(toFile: passwords, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwords)
    let environment = ["PGSERVICEFILE": services, "PGPASSFILE": passwords]
    #expect(
      try Self.build(
        "postgresql://?service=events", fixture.path("service"), environment: environment)
        == expected)
  }

  /// Client certificates are libpq's too (`sslcert`, `sslkey`): a role the server admits only
  /// with one builds with it and no password, and without it is refused in one line, exit 77.
  @Test func aClientCertificateInsteadOfAPassword() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let (name, expected) = try Self.database(server, fixture)
    let user = PostgresServer.certificateUser
    try server.psql(
      name,
      """
      DO $$ BEGIN CREATE ROLE \(user) LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
      GRANT SELECT ON users, tracks, track_genres, activity, feedback TO \(user)
      """)
    let (certificate, key) = try server.clientCertificate(in: fixture.path("."))
    let db =
      "postgresql://\(user)@127.0.0.1:\(server.port)/\(name)?sslmode=verify-full"
      + "&sslrootcert=\(server.certificate)"
    let noPassword = ["PGPASSFILE": "/nonexistent"]
    #expect(
      try Self.build(
        db + "&sslcert=\(certificate)&sslkey=\(key)", fixture.path("certificate"),
        environment: noPassword) == expected)
    try PostgresErrorTests.expectFailure(
      ["check", "--db", db + "&sslcert=/nonexistent/client.crt"], environment: noPassword,
      status: 77, ["refused the login of user \(user)", "client certificate", "sslcert"])
  }
}
