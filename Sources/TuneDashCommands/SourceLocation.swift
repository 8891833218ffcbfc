import EventStore
import Foundation
import PostgresSource
import SQLiteSource

/// What `--db` names: an SQLite file (the default), or a PostgreSQL database when the text is a
/// `postgresql://` or `postgres://` URL. The one place commands open or create a source.
enum SourceLocation {
  /// Opens the source `db` names, read-only, with its contract checked.
  /// - Parameter busyTimeout: how long SQLite waits for a writer's lock, and PostgreSQL for
  ///   another session's lock on a table it reads (`lock_timeout`).
  /// - Parameter partition: for a partition build, the listeners to read; PostgreSQL reads
  ///   only their rows (SQLite's rows are filtered as they are read).
  static func open(_ db: String, busyTimeout: Double = 10, partition: ListenerPartition? = nil)
    throws -> any EventSource
  {
    try refuseNeitherPathNorURI(db)
    if ConnectionString.matches(db) {
      return try PostgresEventSource(
        url: db, partition: partition, lockWait: busyTimeout, silence: try silenceLimit(),
        warning: warn)
    }
    return try SourceDatabase(path: db, busyTimeout: busyTimeout)
  }

  /// Creates an empty schema v1 database (`init`); returns what to call it in messages.
  static func create(_ db: String) throws -> String {
    try refuseNeitherPathNorURI(db)
    if ConnectionString.matches(db) {
      return try EmptyPostgresDatabase.create(url: db, silence: try silenceLimit(), warning: warn)
    }
    try EmptyDatabase.create(at: db)
    return db
  }

  /// Refuses what `--db` cannot mean — a libpq keyword/value string
  /// (``refuseKeywordString(_:)``), or a URL of another scheme (``refuseOtherURL(_:)``) —
  /// before it is taken for an SQLite path.
  static func refuseNeitherPathNorURI(_ db: String) throws {
    try refuseKeywordString(db)
    try refuseOtherURL(db)
  }

  /// Refuses a `--db` for `demo`, which writes an SQLite file: a PostgreSQL URI, or anything
  /// ``refuseNeitherPathNorURI(_:)`` refuses.
  /// - Throws: a usage error (64) that does not repeat the text.
  static func refuseAllButPath(_ db: String) throws {
    try refuseNeitherPathNorURI(db)
    guard ConnectionString.matches(db) else { return }
    throw CommandError(
      message: "demo writes an SQLite file, and --db names a PostgreSQL database",
      hint:
        "give --db a file path (demo.sqlite); to try PostgreSQL, copy its five tables into a database `tunedash init --db URI` made",
      status: .usage)
  }

  /// Refuses a URL whose scheme is not `postgresql://` or `postgres://` — `PostgreSQL://`,
  /// `pgsql://`, `mysql://`: libpq reads those two, in lower case, and anything else would be
  /// taken for an SQLite path, created by `init` or `demo` as folders and a file, or echoed,
  /// password and all, in "does not exist". A file of that name that exists is opened as ever.
  /// - Throws: a usage error (64) that does not repeat the text.
  static func refuseOtherURL(_ db: String) throws {
    guard !ConnectionString.matches(db), let scheme = db.range(of: "://"),
      let first = db.first, first.isLetter,
      db[..<scheme.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
      !FileManager.default.fileExists(atPath: db)
    else { return }
    throw CommandError(
      message:
        "--db is a URL, but not a postgresql:// or postgres:// one (libpq reads only those, in lower case)",
      hint:
        "write postgresql://USER@HOST:PORT/DBNAME, with the password in PGPASSWORD or ~/.pgpass, or give an SQLite file's path",
      status: .usage)
  }

  /// Refuses a libpq keyword/value string (`host=db dbname=events password=…`), which would
  /// otherwise be taken for an SQLite path — and created by `init`, or echoed, password and
  /// all, in "does not exist". A file of that name that exists is opened as ever.
  /// - Throws: a usage error (64) that does not repeat the text.
  static func refuseKeywordString(_ db: String) throws {
    let keywords: Set<Substring> = [
      "host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "service",
    ]
    // libpq allows spaces around `=`: `host = db`.
    let words = db.replacingOccurrences(of: #"\s*=\s*"#, with: "=", options: .regularExpression)
      .split(whereSeparator: \.isWhitespace)
    guard !ConnectionString.matches(db),
      words.contains(where: { word in
        word.firstIndex(of: "=").map { keywords.contains(word[..<$0]) } ?? false
      }),
      !FileManager.default.fileExists(atPath: db)
    else { return }
    throw CommandError(
      message:
        "--db looks like a libpq keyword/value string (host=… dbname=…), which TuneDash does not read",
      hint:
        "write it as a URI, postgresql://USER@HOST:PORT/DBNAME?sslmode=require, with the password in PGPASSWORD or ~/.pgpass",
      status: .usage)
  }

  /// The environment variable that sets how long a PostgreSQL server may send nothing while a
  /// read waits for it.
  static let silenceVariable = "TUNEDASH_PG_SILENCE"

  /// The silence limit `TUNEDASH_PG_SILENCE` sets in seconds (`0`: none), or the standard one.
  /// - Throws: a configuration error (78) when it is not a number of seconds.
  static func silenceLimit(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> SilenceLimit {
    guard let text = environment[silenceVariable], !text.isEmpty else { return .standard }
    guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
      let shown = text.count <= 20 && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." }
      throw CommandError(
        message:
          "\(silenceVariable) must be a number of seconds\(shown ? ", not \(text)" : "")",
        hint: "set it to how long the server may send nothing before a read gives up (0: no limit)",
        status: .configuration)
    }
    return SilenceLimit(seconds: seconds > 0 ? seconds : nil)
  }

  private static func warn(_ line: String) {
    StandardStream.standardError.write("tunedash: warning: \(line)\n")
  }
}
