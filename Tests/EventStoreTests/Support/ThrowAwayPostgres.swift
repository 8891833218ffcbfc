import Foundation

/// Whether the tests against a real PostgreSQL server run, and with which binaries.
///
/// They run when `initdb`, `pg_ctl` and `psql` are found — in `TUNEDASH_POSTGRES_BIN`, else the
/// newest `/usr/lib/postgresql/*/bin` (Debian's `postgresql` package) — or when
/// `TUNEDASH_REQUIRE_POSTGRES=1` is set, as CI does: then a missing server fails them with a
/// clear message instead of skipping them.
enum PostgresTestEnvironment {
  /// Whether CI demands the PostgreSQL tests.
  static let isRequired = ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_POSTGRES"] == "1"

  /// The folder holding `initdb` and `pg_ctl`, or `nil`.
  static let binaries: URL? = {
    let fileManager = FileManager.default
    var candidates: [String] = []
    if let configured = ProcessInfo.processInfo.environment["TUNEDASH_POSTGRES_BIN"] {
      candidates.append(configured)
    }
    let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
    candidates += versions.compactMap(Int.init).sorted(by: >).map {
      "/usr/lib/postgresql/\($0)/bin"
    }
    return candidates.map { URL(fileURLWithPath: $0) }.first { folder in
      ["initdb", "pg_ctl", "psql"].allSatisfy {
        fileManager.isExecutableFile(atPath: folder.appendingPathComponent($0).path)
      }
    }
  }()

  /// Whether the tests should run at all.
  static var shouldRun: Bool { isRequired || binaries != nil }

  /// The message for a required run without a server.
  static let missingMessage =
    "TUNEDASH_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries (initdb, pg_ctl, psql) were found in "
    + "$TUNEDASH_POSTGRES_BIN or /usr/lib/postgresql/*/bin; install Debian's postgresql package"
}

/// A PostgreSQL cluster of its own in a temporary folder, listening on a free loopback port,
/// with trust authentication for the `postgres` role; stopped and removed when released. Run as
/// root (as CI is), the server runs as the `postgres` OS user, which PostgreSQL requires.
final class ThrowAwayPostgres {
  let folder: URL
  let port: Int
  private let binaries: URL
  private let asPostgres: [String]

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(binaries: URL) throws {
    self.binaries = binaries
    folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tunedash-pg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    asPostgres = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
    if geteuid() == 0 {
      try FileManager.default.setAttributes(
        [.ownerAccountName: "postgres"], ofItemAtPath: folder.path)
    }
    port = try Self.freePort()
    let data = folder.appendingPathComponent("data").path
    try run(
      asPostgres + [
        binaries.appendingPathComponent("initdb").path, "-D", data, "-A", "trust", "-U", "postgres",
        "-E", "UTF8", "--locale=C.UTF-8",
      ])
    // The server outlives pg_ctl: it must not inherit the pipes whose end the run waits for.
    try run(
      asPostgres + [
        binaries.appendingPathComponent("pg_ctl").path, "-D", data, "-w", "-l",
        folder.appendingPathComponent("log").path,
        "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
      ],
      capture: false)
  }

  deinit {
    _ = try? run(
      asPostgres + [
        binaries.appendingPathComponent("pg_ctl").path, "-D",
        folder.appendingPathComponent("data").path,
        "-m", "immediate", "stop",
      ])
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs `sql` with `psql` (stopping at the first error) and returns its unaligned output,
  /// fields separated by `|`.
  func psql(_ sql: String) throws -> String {
    try run(
      [
        binaries.appendingPathComponent("psql").path, "-X", "-q", "-At", "-F", "|", "-v",
        "ON_ERROR_STOP=1",
        "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", "postgres", "-f", "-",
      ], input: sql)
  }

  /// Runs `command` with `input` on its standard input; returns its standard output. Without
  /// `capture`, its output goes to `folder/command.log` instead of pipes (``spawnAndWait(_:)``).
  @discardableResult
  private func run(_ command: [String], input: String? = nil, capture: Bool = true) throws -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = folder
    guard capture else { return try spawnAndWait(command) }
    let output = Pipe()
    let errors = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = stdin
    try process.run()
    let writer = Thread {
      if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let errorReader = Thread.detachedRead(errors)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errorReader.wait()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "\(command.joined(separator: " ")) exited with \(process.terminationStatus): "
          + String(decoding: errorData, as: UTF8.self))
    }
    return String(decoding: outputData, as: UTF8.self)
  }

  /// Runs `command` with its output appended to `folder/command.log`, waiting with `waitpid`.
  /// (Foundation's `Process` notices a child's exit through a descriptor that the child's own
  /// children inherit: it would wait for the server that `pg_ctl start` leaves running.)
  private func spawnAndWait(_ command: [String]) throws -> String {
    let log = folder.appendingPathComponent("command.log").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let arguments = command.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    var pid = pid_t()
    guard posix_spawn(&pid, command[0], &actions, nil, arguments, environ) == 0 else {
      throw Failure(description: "cannot start \(command[0])")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard status == 0 else {
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      throw Failure(
        description: "\(command.joined(separator: " ")) failed (status \(status)): \(text)")
    }
    return ""
  }

  /// A loopback port nothing listens on now (the kernel's choice for port 0).
  private static func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Failure(description: "socket() failed") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
      }
    }
    guard bound else { throw Failure(description: "cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

extension Thread {
  /// Reads a pipe to its end on its own thread (so that a full standard error cannot block a
  /// process whose standard output is being read); `wait()` returns the bytes.
  static func detachedRead(_ pipe: Pipe) -> PipeReader {
    let reader = PipeReader()
    let thread = Thread {
      reader.data = pipe.fileHandleForReading.readDataToEndOfFile()
      reader.done.signal()
    }
    thread.start()
    return reader
  }
}

/// The bytes a ``Thread/detachedRead(_:)`` thread read.
final class PipeReader: @unchecked Sendable {
  var data = Data()
  let done = DispatchSemaphore(value: 0)

  func wait() -> Data {
    done.wait()
    return data
  }
}
