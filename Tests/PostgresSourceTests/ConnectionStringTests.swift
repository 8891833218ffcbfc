import CLibPQ
import EventStore
import Foundation
import Testing

@testable import PostgresSource

@Suite("PostgreSQL connection URIs")
struct ConnectionStringTests {
  @Test func theLocationNeverHoldsAPassword() throws {
    let uri = "postgresql://ana%40ops:s3cr%3At@db.internal:6543/events%2Dprod?sslmode=require"
    let string = try ConnectionString(uri)
    // libpq's own parse: the user and password percent-decoded.
    #expect(string.options["user"] == "ana@ops")
    #expect(string.options["password"] == "s3cr:t")
    #expect(string.options["host"] == "db.internal")
    #expect(string.options["port"] == "6543")
    #expect(string.options["dbname"] == "events-prod")
    #expect(
      string.location == "postgresql://ana%40ops@db.internal:6543/events%2Dprod?sslmode=require")
    // Passwords as parameters go too; the other parameters stay in order.
    let parameters = try ConnectionString(
      "postgres://u@h1:5432,h2:5433/d?password=x&sslmode=verify-full&sslpassword=y&application_name=a"
    )
    #expect(
      parameters.location == "postgres://u@h1:5432,h2:5433/d?sslmode=verify-full&application_name=a"
    )
  }

  @Test func whatLibpqAcceptsIsAccepted() throws {
    // A Unix socket with peer authentication: the common cron job on the database host.
    let socket = try ConnectionString("postgresql:///events?host=/var/run/postgresql")
    #expect(socket.options["host"] == "/var/run/postgresql")
    #expect(socket.options["dbname"] == "events")
    #expect(socket.location == "postgresql:///events?host=/var/run/postgresql")
    // Everything from the environment: no user, host or database in the URI.
    #expect(try ConnectionString("postgresql://").location == "postgresql://")
    let tls = try ConnectionString(
      "postgresql://u@[::1]/d?sslmode=verify-ca&sslrootcert=/etc/ca.pem&sslcert=c.pem&sslkey=k.pem"
        + "&connect_timeout=3&target_session_attrs=read-only&service=events")
    #expect(tls.options["sslrootcert"] == "/etc/ca.pem")
    #expect(tls.options["target_session_attrs"] == "read-only")
    #expect(tls.options["host"] == "::1")
  }

  @Test func onlyPostgresURIsMatch() {
    #expect(ConnectionString.matches("postgresql://u@h/d"))
    #expect(ConnectionString.matches("postgres://u@h/d"))
    #expect(!ConnectionString.matches("events.sqlite"))
    #expect(!ConnectionString.matches("./postgresql://x"))
    #expect(!ConnectionString.matches("host=h dbname=d"))
  }

  /// A URI libpq cannot read is one line quoting libpq's reason — and whatever libpq quotes
  /// (the URI, or the piece it could not read), no password.
  @Test(arguments: [
    ("postgresql://u@h/d?nonsense=1", "invalid URI query parameter", ""),
    ("postgresql://u@[::1/d", "matching \"]\"", ""),
    ("postgresql://app:Pw%zzSecret@127.0.0.1:5432/events", "percent-encoded", "Pw%zzSecret"),
    ("postgresql://app:S3cretPw!x@[::1/events", "matching \"]\"", "S3cretPw!x"),
    ("postgresql://app@h/d?password=Pw%zzQuery&sslmode=require", "percent", "Pw%zzQuery"),
    // libpq ends the user part at the first `@` before the path, past a `?`.
    ("postgresql://u:a?b%zz@host/db", "percent-encoded", "a?b%zz"),
    ("postgresql://u:p%zz@x@host/db", "percent-encoded", "p%zz"),
  ])
  func badURIsSayWhatIsWrongInOneLineWithoutAPassword(
    text: String, problem: String, password: String
  ) {
    #expect {
      try ConnectionString(text)
    } throws: { error in
      guard let error = error as? EventStoreError else { return false }
      let leaks =
        !password.isEmpty
        && (error.description.contains(password)
          || error.description.contains(password.removingPercentEncoding ?? password))
      return error.kind == .notADatabase && error.message.contains(problem)
        && !error.message.contains("\n") && !leaks
        && error.message.contains("cannot read the PostgreSQL connection URI")
    }
  }

  /// A `/` written unencoded in a password: libpq would read its pieces as a host, a port and a
  /// database, and print them in its messages and TuneDash's. Refused before libpq sees it,
  /// without a piece of it.
  @Test(arguments: [
    "postgresql://postgres:Sec9/Pw@127.0.0.1:55990/events",
    "postgresql://alice:2024/Sec9@db.example.invalid/events?sslmode=require",
  ])
  func aPasswordCutShortByASlashIsRefused(text: String) {
    #expect {
      try ConnectionString(text)
    } throws: { error in
      guard let error = error as? EventStoreError else { return false }
      return error.kind == .notADatabase && error.message.contains("%2F")
        && !error.description.contains("Sec9") && !error.description.contains("2024")
    }
  }

  /// What only looks like it: a port before the path, an `@` in the query or the user part.
  @Test(arguments: [
    "postgresql://db.example:5432/events?sslmode=require&application_name=a@b",
    "postgresql://u:p?q@host/db", "postgresql://u@h:5432/d", "postgresql:///events?host=/run/pg",
  ])
  func aSlashAfterAPortIsNotAPassword(text: String) {
    #expect(!ConnectionString.cutsPasswordShort(text))
  }

  /// A user part libpq reads past a `?` or to a first `@`: the location drops its password too.
  @Test func theLocationOfAMistypedURIHoldsNoPassword() {
    #expect(
      ConnectionString.withoutPasswords("postgresql://u:a?b@host/db") == "postgresql://u@host/db")
    #expect(
      ConnectionString.withoutPasswords("postgresql://u:p@x@host/db?sslmode=require")
        == "postgresql://u@host/db?sslmode=require")
  }

  @Test func passwordsAreLeftOutOfAnyMessage() {
    let text = "postgresql://ana:s3cr%3At@h/d?sslpassword=k%20ey&x=1"
    #expect(
      ConnectionString.withoutPasswords(
        in: "bad \"\(text)\", also \"s3cr:t\" and \"k ey\"", of: text)
        == "bad \"postgresql://ana@h/d?x=1\", also \"****\" and \"****\"")
  }

  @Test func libpqGetsTuneDashDefaultsFirstAndUTF8Last() throws {
    let string = try ConnectionString("postgresql://u@h/d")
    let parameters = string.parameters(environment: [:], warning: { _ in })
    #expect(
      parameters.map(\.0) == [
        "fallback_application_name", "connect_timeout", "keepalives_idle", "keepalives_interval",
        "keepalives_count", "dbname", "client_encoding",
      ])
    #expect(parameters[5].1 == "postgresql://u@h/d")
    // PGCONNECT_TIMEOUT is libpq's to read: TuneDash's default steps aside.
    let fromEnvironment = string.parameters(
      environment: ["PGCONNECT_TIMEOUT": "2"], warning: { _ in })
    #expect(!fromEnvironment.map(\.0).contains("connect_timeout"))
  }

  @Test func aPasswordFileOthersCanReadIsIgnoredWithOneWarning() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("pgpass").path
    try "*:*:*:*:secret\n".write(toFile: path, atomically: true, encoding: .utf8)
    let string = try ConnectionString("postgresql://ana@h/d")

    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    var warnings: [String] = []
    var parameters = string.parameters(environment: ["PGPASSFILE": path]) { warnings.append($0) }
    #expect(warnings.isEmpty)
    #expect(!parameters.map(\.0).contains("passfile"))

    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    parameters = string.parameters(environment: ["PGPASSFILE": path]) { warnings.append($0) }
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("chmod 0600 \(path)") == true)
    #expect(parameters.contains { $0.0 == "passfile" && $0.1 != path })
    // A folder where the file should be: libpq would warn in its own words; TuneDash does once.
    warnings = []
    parameters = string.parameters(environment: ["PGPASSFILE": folder.path]) { warnings.append($0) }
    #expect(
      warnings == [
        "password file \(folder.path) is not a plain file and is ignored (check PGPASSFILE)"
      ])
    #expect(parameters.contains { $0.0 == "passfile" && $0.1 != folder.path })
    // Named in the URI, the file is replaced after it: the URI's own would count otherwise.
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    warnings = []
    let named = try ConnectionString("postgresql://ana@h/d?passfile=\(path)")
    parameters = named.parameters(environment: [:]) { warnings.append($0) }
    #expect(warnings.count == 1)
    #expect(parameters.map(\.0).suffix(3) == ["dbname", "passfile", "client_encoding"])
    // With a password given, libpq never reads the file: nothing to warn about.
    warnings = []
    _ = string.parameters(environment: ["PGPASSFILE": path, "PGPASSWORD": "p"]) {
      warnings.append($0)
    }
    #expect(warnings.isEmpty)
  }

  /// What a connection service sets is the service's: TuneDash's connect timeout and keepalives
  /// step aside for it as they do for the URI, and a password or password file it names is the
  /// one libpq uses, not `~/.pgpass`.
  @Test func aServiceKeepsWhatItSets() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("good.pgpass").path
    let loose = folder.appendingPathComponent("loose.pgpass").path
    for (path, mode) in [(good, 0o600), (loose, 0o644), (folder.path + "/.pgpass", 0o644)] {
      try "*:*:*:*:secret\n".write(toFile: path, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
    let services = folder.appendingPathComponent("services.conf").path
    try """
    # TuneDash's reader
    [slow]
    host=127.0.0.1
    connect_timeout=3
    keepalives_idle=30
    passfile=\(good)

    [given]
    password=secret
    [loose]
    passfile=\(loose)
    [slow]
    connect_timeout=99
    """.write(toFile: services, atomically: true, encoding: .utf8)
    let environment = ["PGSERVICEFILE": services, "HOME": folder.path]
    var warnings: [String] = []
    let warn = { (line: String) in warnings.append(line) }

    let slow = try ConnectionString("postgresql://?service=slow")
      .parameters(environment: environment, warning: warn)
    #expect(
      slow.map(\.0) == [
        "fallback_application_name", "keepalives_interval", "keepalives_count", "dbname",
        "client_encoding",
      ])
    // The same service named by PGSERVICE; the home folder's loose ~/.pgpass is not the one used.
    let named = try ConnectionString("postgresql://")
      .parameters(environment: environment.merging(["PGSERVICE": "slow"]) { $1 }, warning: warn)
    #expect(named.map(\.0) == slow.map(\.0))
    // A password in the service: libpq reads no file at all.
    _ = try ConnectionString("postgresql://?service=given")
      .parameters(environment: environment, warning: warn)
    #expect(warnings.isEmpty)
    // The service's own loose file is the one ignored, in TuneDash's one line.
    let ignored = try ConnectionString("postgresql://?service=loose")
      .parameters(environment: environment, warning: warn)
    #expect(
      warnings == [
        "password file \(loose) has group or world access and is ignored (chmod 0600 \(loose))"
      ])
    #expect(ignored.contains { $0.0 == "passfile" && $0.1 != loose })
    // Without a service, the defaults are TuneDash's, and the loose ~/.pgpass is ignored.
    warnings = []
    let plain = try ConnectionString("postgresql://u@h/d")
      .parameters(environment: environment, warning: warn)
    #expect(plain.map(\.0).contains("connect_timeout"))
    #expect(warnings.count == 1)
  }

  @Test func aServiceSectionIsReadAsLibpqReadsIt() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("svc-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "[a]\nhost=x\n\n  # note\n  port=6543  \nhost=w\n[b]\nhost=y\n[a]\nhost=z\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    #expect(ServiceFile.section("a", in: path) == ["host": "x", "port": "6543"])
    #expect(ServiceFile.section("b", in: path) == ["host": "y"])
    #expect(ServiceFile.section("c", in: path) == nil)
    #expect(ServiceFile.section("a", in: path + "-missing") == nil)
    // The user's file first; a service it lacks comes from the system's folder.
    let system = FileManager.default.temporaryDirectory.appendingPathComponent("sys-\(UUID())")
    try FileManager.default.createDirectory(at: system, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: system) }
    try "[a]\nhost=system\n[c]\nhost=w\n".write(
      toFile: system.path + "/pg_service.conf", atomically: true, encoding: .utf8)
    let environment = ["PGSERVICEFILE": path, "PGSYSCONFDIR": system.path]
    #expect(ServiceFile.keywords(of: "a", environment: environment)["host"] == "x")
    #expect(ServiceFile.keywords(of: "c", environment: environment) == ["host": "w"])
    #expect(ServiceFile.keywords(of: "d", environment: environment).isEmpty)
  }

  /// A value libpq checks before connecting is the URI's fault (65), not the server's (69).
  @Test(arguments: [
    "invalid sslmode value: \"bogus\"\n",
    "invalid integer value \"notaport\" for connection option \"port\"\n",
    "definition of service \"nosuch\" not found\n",
  ])
  func optionsLibpqRefusesAreABadURI(message: String) throws {
    let error = EventStoreError.connecting(message, place: try Self.place())
    #expect(error.kind == .notADatabase)
    #expect(error.message.hasPrefix("cannot read the PostgreSQL connection URI in --db: "))
  }

  /// With several hosts, each one's reason: not only the last one's.
  @Test func everyHostTriedIsNamed() throws {
    let message =
      "connection to server at \"127.0.0.1\", port 55499 failed: Connection refused\n"
      + "\tIs the server running on that host and accepting TCP/IP connections?\n"
      + "connection to server at \"127.0.0.2\", port 55498 failed: timeout expired\n"
    let error = EventStoreError.connecting(message, place: try Self.place())
    #expect(error.kind == .unreachable)
    #expect(
      error.message
        == "cannot reach PostgreSQL at any address --db names (at \"127.0.0.1\", port 55499: "
        + "Connection refused; at \"127.0.0.2\", port 55498: timeout expired)")
  }

  /// With several hosts, the most telling reason decides, naming the host that gave it: a
  /// refused login on the second host is a refused login (77), not an unreachable server.
  @Test func theMostTellingHostDecides() throws {
    let refused =
      "connection to server at \"127.0.0.1\", port 55991 failed: Connection refused\n"
      + "\tIs the server running on that host and accepting TCP/IP connections?\n"
    let login =
      refused
      + "connection to server at \"127.0.0.2\", port 55990 failed: FATAL:  password authentication failed for user \"u\"\n"
    var error = EventStoreError.connecting(login, place: try Self.place())
    #expect(error.kind == .accessDenied)
    #expect(
      error.message
        == "PostgreSQL at 127.0.0.2:55990 refused the login of user u (password authentication failed for user \"u\")"
    )
    error = EventStoreError.connecting(
      refused
        + "connection to server at \"127.0.0.2\", port 55990 failed: FATAL:  database \"d\" does not exist\n",
      place: try Self.place())
    #expect(error.kind == .missingFile)
    #expect(error.message.hasSuffix("on the PostgreSQL server at 127.0.0.2:55990"))
    // A name that does not resolve is a host tried, paired with its own reason.
    error = EventStoreError.connecting(
      refused
        + "could not translate host name \"nosuchhost.invalid\" to address: Name or service not known\n",
      place: try Self.place())
    #expect(error.kind == .unreachable)
    #expect(
      error.message
        == "cannot reach PostgreSQL at any address --db names (at \"127.0.0.1\", port 55991: Connection refused; "
        + "at \"nosuchhost.invalid\": could not translate host name \"nosuchhost.invalid\" to address: Name or service not known)"
    )
  }

  /// A name libpq quotes never decides the kind of failure: a host called `pg-tls` that does not
  /// resolve is unreachable, not a TLS problem.
  @Test func aQuotedNameIsNotAReason() throws {
    #expect(
      ConnectFailure(
        "could not translate host name \"pg-tls.invalid\" to address: Name or service not known")
        == .unreachable)
    #expect(ConnectFailure("role \"ssl-reader\" does not exist") == .loginRefused)
    #expect(ConnectFailure("database \"certificates\" does not exist") == .missingDatabase)
  }

  /// A port out of range is refused by libpq before it connects: the URI is wrong (65), the
  /// server not away.
  @Test func aPortOutOfRangeIsABadURI() {
    #expect(ConnectFailure("invalid port number: \"99999\"") == .badURI)
    #expect(ConnectFailure("invalid integer value \"x\" for connection option \"port\"") == .badURI)
  }

  /// A certificate that does not verify, or a root certificate file that is missing, is a TLS
  /// problem, with TLS advice — not "is the server running".
  @Test(arguments: [
    "connection to server at \"127.0.0.1\", port 5432 failed: server certificate for \"127.0.0.1\" (and 1 other name) does not match host name \"localhost\"\n",
    "connection to server at \"127.0.0.1\", port 5432 failed: root certificate file \"/etc/ca.pem\" does not exist\n",
  ])
  func certificateProblemsAreTLSProblems(message: String) throws {
    let error = EventStoreError.connecting(message, place: try Self.place())
    #expect(error.kind == .unreachable)
    #expect(error.message.hasPrefix("cannot open a TLS connection to PostgreSQL at 127.0.0.1:1 ("))
    #expect(error.hint.contains("sslrootcert"))
  }

  /// A place for messages, from a connection that failed (nothing listens on port 1).
  static func place() throws -> ServerPlace {
    let connection = try #require(PQconnectdb("postgresql://u@127.0.0.1:1/d?connect_timeout=1"))
    defer { PQfinish(connection) }
    return ServerPlace(connection, location: "postgresql://u@127.0.0.1:1/d")
  }

  @Test func libpqMessagesBecomeOneReason() {
    let place = "connection to server at \"127.0.0.1\", port 5432 failed: "
    #expect(
      EventStoreError.reason(place + "FATAL:  password authentication failed for user \"ana\"\n")
        == "password authentication failed for user \"ana\"")
    #expect(
      EventStoreError.reason(
        place
          + "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"
      )
        == "Connection refused")
  }
}
