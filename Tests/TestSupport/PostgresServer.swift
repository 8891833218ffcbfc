import Foundation

/// A throw-away PostgreSQL cluster for the tests: `initdb` into a temporary folder (in
/// `TUNEDASH_POSTGRES_SCRATCH` when set, where `.ci/run` stops whatever is left), a server on a
/// loopback port, stopped when the test process ends. Logins over TCP need the password
/// ``password`` (scram-sha-256), so that tests can also try a wrong one.
///
/// PostgreSQL refuses to run as root: run as root (as CI is), the cluster belongs to the
/// `postgres` user and its programs run through `setpriv`.
///
/// Tests that need it are enabled when ``available`` is true or when `TUNEDASH_REQUIRE_POSTGRES=1`
/// (CI), in which case a missing PostgreSQL fails them instead of skipping them.
public final class PostgresServer: @unchecked Sendable {
  /// The superuser's name.
  public static let user = "postgres"
  /// The superuser's password.
  public static let password = "throw-away-test-password"

  /// Whether CI asked for these tests to run.
  public static let isRequired =
    ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_POSTGRES"] == "1"

  /// The folder of `initdb`, `pg_ctl` and `psql`: `TUNEDASH_POSTGRES_BIN`, or the newest
  /// `/usr/lib/postgresql/N/bin`.
  public static let binaries: URL? = {
    if let bin = ProcessInfo.processInfo.environment["TUNEDASH_POSTGRES_BIN"] {
      return URL(fileURLWithPath: bin)
    }
    let versions =
      (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
    return versions.compactMap(Int.init).sorted().last.map {
      URL(fileURLWithPath: "/usr/lib/postgresql/\($0)/bin")
    }.flatMap {
      FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path)
        ? $0 : nil
    }
  }()

  /// Whether PostgreSQL's server binaries are installed here.
  public static var available: Bool { binaries != nil }

  /// The one cluster of this test process, started on first use.
  public static func shared() throws -> PostgresServer {
    lock.lock()
    defer { lock.unlock() }
    if let running { return running }
    let server = try PostgresServer()
    running = server
    atexit { PostgresServer.running?.stop() }
    return server
  }

  /// Another cluster besides the shared one (a shard of a sharded test), stopped when this test
  /// process exits.
  public static func another() throws -> PostgresServer {
    let server = try PostgresServer()
    lock.lock()
    others.append(server)
    let first = others.count == 1
    lock.unlock()
    if first { atexit { for server in PostgresServer.others { server.stop() } } }
    return server
  }

  nonisolated(unsafe) private static var running: PostgresServer?
  nonisolated(unsafe) private static var others: [PostgresServer] = []
  private static let lock = NSLock()

  /// The loopback port.
  public private(set) var port = 0
  /// The cluster's folder (data and socket).
  public let folder: URL
  /// The server's self-signed TLS certificate (for `127.0.0.1`): what `sslrootcert` names for a
  /// `verify-full` connection. The server takes TLS and plain connections alike.
  public let certificate: String
  private let bin: URL
  private var server: Process?
  private let asRoot = getuid() == 0
  private var databases = 0

  private init() throws {
    guard let bin = Self.binaries else {
      throw ServerError(
        "PostgreSQL is required (TUNEDASH_REQUIRE_POSTGRES=1) but no initdb was found: apt-get install postgresql-15"
      )
    }
    self.bin = bin
    let scratch =
      ProcessInfo.processInfo.environment["TUNEDASH_POSTGRES_SCRATCH"] ?? NSTemporaryDirectory()
    folder = URL(fileURLWithPath: scratch).appendingPathComponent(
      "tunedash-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let passwordFile = folder.appendingPathComponent("pw").path
    try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
    certificate = folder.appendingPathComponent("server.crt").path
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
      throw ServerError("the test cluster's TLS certificate needs openssl: apt-get install openssl")
    }
    let key = folder.appendingPathComponent("server.key").path
    try Self.shell(
      "/usr/bin/openssl",
      [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1",
      ])
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
    if asRoot { try Self.shell("/bin/chown", ["-R", "postgres", folder.path]) }
    try run(
      "initdb",
      [
        "-D", data, "-U", Self.user, "--pwfile", passwordFile, "--auth-local=trust",
        "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
      ])
    // One role logs in with a client certificate (signed by the server's own) instead of a
    // password; every other login is initdb's.
    let rules = URL(fileURLWithPath: data).appendingPathComponent("pg_hba.conf")
    let initial = try String(contentsOf: rules, encoding: .utf8)
    try "hostssl all \(Self.certificateUser) 127.0.0.1/32 cert\n\(initial)"
      .write(to: rules, atomically: false, encoding: .utf8)
    // The server runs as a child of this process (not daemonized by pg_ctl, whose server
    // would keep this process's descriptors open), on the first free port tried.
    for _ in 0..<20 where server == nil {
      let candidate = Int.random(in: 20_000...60_000)
      let process = Process()
      process.executableURL = URL(
        fileURLWithPath: asRoot ? "/usr/bin/setpriv" : bin.appendingPathComponent("postgres").path)
      process.arguments =
        (asRoot
          ? [
            "--reuid=postgres", "--regid=postgres", "--init-groups", "--",
            bin.appendingPathComponent("postgres").path,
          ] : [])
        + [
          "-D", data, "-p", String(candidate), "-k", folder.path, "-c",
          "listen_addresses=127.0.0.1",
          "-c", "fsync=off", "-c", "logging_collector=off", "-c", "ssl=on",
          "-c", "ssl_cert_file=\(certificate)", "-c", "ssl_key_file=\(key)",
          "-c", "ssl_ca_file=\(certificate)",
        ]
      let logPath = folder.appendingPathComponent("log").path
      _ = FileManager.default.createFile(atPath: logPath, contents: nil)  // opened just below
      let log = FileHandle(forWritingAtPath: logPath)
      process.standardOutput = log
      process.standardError = log
      process.standardInput = FileHandle.nullDevice
      try process.run()
      port = candidate
      for _ in 0..<600 where process.isRunning {
        if (try? psql("postgres", "SELECT 1")) != nil {
          server = process
          break
        }
        usleep(50_000)
      }
      if server == nil, process.isRunning {
        process.interrupt()
        process.waitUntilExit()
      }
    }
    guard server != nil else {
      throw ServerError("could not start PostgreSQL on a loopback port; see \(folder.path)/log")
    }
  }

  private var data: String { folder.appendingPathComponent("data").path }

  /// Stops the server at once (SIGQUIT: immediate shutdown) and removes its folder.
  public func stop() {
    if let server, server.isRunning {
      kill(server.processIdentifier, SIGQUIT)
      server.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// The role that logs in over TLS with a client certificate (``clientCertificate(in:)``) and
  /// no password; create it (`CREATE ROLE … LOGIN`) to use it.
  public static let certificateUser = "tunedash_cert"

  /// A client certificate for ``certificateUser``, signed with the server's key, and its key
  /// (mode 0600, as libpq wants), written into `folder`: `sslcert` and `sslkey`.
  public func clientCertificate(in folder: String) throws -> (certificate: String, key: String) {
    let (request, certificate, key) = (
      folder + "/client.csr", folder + "/client.crt", folder + "/client.key"
    )
    try Self.shell(
      "/usr/bin/openssl",
      [
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key, "-out", request, "-subj", "/CN=\(Self.certificateUser)",
      ])
    try Self.shell(
      "/usr/bin/openssl",
      [
        "x509", "-req", "-in", request, "-CA", self.certificate,
        "-CAkey", self.folder.appendingPathComponent("server.key").path, "-CAcreateserial",
        "-out", certificate, "-days", "2",
      ])
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
    return (certificate, key)
  }

  /// The URL of `database` for `user` (no password in it: pass ``environment``).
  public func url(_ database: String, user: String = PostgresServer.user) -> String {
    "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
  }

  /// `PGPASSWORD` for the superuser, and no password file.
  public var environment: [String: String] {
    ["PGPASSWORD": Self.password, "PGPASSFILE": "/nonexistent"]
  }

  /// A new, empty database; returns its name.
  public func createDatabase() throws -> String {
    Self.lock.lock()
    databases += 1
    let name = "test_\(databases)"
    Self.lock.unlock()
    try psql("postgres", "CREATE DATABASE \(name)")
    return name
  }

  /// Runs SQL in `database` as the superuser, over the socket; returns what psql printed
  /// (unaligned, tuples only).
  @discardableResult
  public func psql(_ database: String, _ sql: String, input: Data? = nil) throws -> String {
    try run(
      "psql",
      [
        "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder.path, "-p", String(port),
        "-U", Self.user,
        "-d", database, "-c", sql,
      ], input: input)
  }

  /// Runs one of the cluster's programs (as `postgres` when we are root).
  @discardableResult
  func run(_ program: String, _ arguments: [String], input: Data? = nil) throws -> String {
    let path = bin.appendingPathComponent(program).path
    return asRoot
      ? try Self.shell(
        "/usr/bin/setpriv",
        ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", path] + arguments,
        input: input)
      : try Self.shell(path, arguments, input: input)
  }

  /// Runs a program and returns its standard output.
  @discardableResult
  public static func shell(_ program: String, _ arguments: [String], input: Data? = nil) throws
    -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try process.run()
    if let input {
      let writer = Thread {
        inPipe.fileHandleForWriting.write(input)
        try? inPipe.fileHandleForWriting.close()
      }
      writer.start()
    }
    let stderrReader = StderrBox()
    let errThread = Thread { stderrReader.data = err.fileHandleForReading.readDataToEndOfFile() }
    errThread.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !stderrReader.done { usleep(1000) }
    guard process.terminationStatus == 0 else {
      throw ServerError(
        "\(program) \(arguments.prefix(3).joined(separator: " ")) failed: \(String(decoding: stderrReader.data ?? Data(), as: UTF8.self))"
      )
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// What went wrong with the cluster.
  public struct ServerError: Error, CustomStringConvertible {
    /// The message.
    public let description: String
    init(_ description: String) { self.description = description }
  }
}

/// Standard error read on another thread.
private final class StderrBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Data?
  var data: Data? {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
  var done: Bool { data != nil }
}
