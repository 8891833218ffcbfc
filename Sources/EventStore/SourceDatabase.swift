import Foundation
import GRDB

/// A source database opened read-only, with the schema v1 contract verified.
///
/// TuneDash never writes to the source: the connection is opened with `SQLITE_OPEN_READONLY`
/// and `PRAGMA query_only`. Every read happens inside one read transaction, so a build sees a
/// single consistent state even while the app keeps writing (in WAL mode).
///
/// ```swift
/// let source = try SourceDatabase(path: "events.sqlite")
/// let cut = try source.read { try $0.cut() }
/// ```
public final class SourceDatabase: EventSource {
  /// The database file.
  public let path: String

  /// The database file, for messages.
  public var location: String { path }
  private let queue: DatabaseQueue
  /// Set when the database is read as an immutable snapshot (see ``WALSnapshot``).
  private let snapshot: WALSnapshot?

  /// Opens `path` read-only and checks the contract's tables and columns.
  ///
  /// - Parameter busyTimeout: how long to wait for a writer's lock before failing with
  ///   ``EventStoreError/Kind-swift.enum/locked``.
  /// - Throws: ``EventStoreError`` naming the missing file, table or column, or the damage.
  public init(path: String, busyTimeout: TimeInterval = 10) throws {
    self.path = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw EventStoreError(
        .missingFile, path: path, message: "database \(path) does not exist",
        hint:
          "run `tunedash demo --db \(path)` for sample data, or `tunedash init --db \(path)` for an empty one"
      )
    }
    guard !isDirectory.boolValue else {
      throw EventStoreError(
        .notADatabase, path: path, message: "\(path) is a folder, not an SQLite database",
        hint: "point --db at the database file")
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.label = path
    configuration.busyMode = .timeout(busyTimeout)
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") }
    snapshot = WALSnapshot.needed(for: path)
    do {
      queue = try DatabaseQueue(
        path: snapshot == nil ? path : WALSnapshot.immutableURI(path), configuration: configuration)
    } catch {
      throw EventStoreError.wrapping(error, path: path)
    }
    try read { try $0.verifyContract() }
  }

  /// Runs `body` inside one read transaction.
  public func read<T>(_ body: (EventReader) throws -> T) throws -> T {
    do {
      let result = try queue.read { db in try body(EventReader(db: db, path: path)) }
      try snapshot?.verifyUnchanged(path)
      return result
    } catch let error as EventStoreError {
      throw error
    } catch let error as DatabaseError {
      throw EventStoreError.wrapping(error, path: path)
    }
  }
}

extension EventReader {
  /// Throws ``EventStoreError/Kind-swift.enum/contractViolation`` naming the first missing table
  /// or column of ``SchemaV1/requiredColumns``.
  func verifyContract() throws {
    _ = try scalar("PRAGMA schema_version")
    try SchemaV1.verify(location: path, columnNames: columnNames(of:))
  }

  /// The column names of a table or view, lower-cased; empty when it does not exist.
  func columnNames(of table: String) throws -> Set<String> {
    let statement = try RawStatement(db, sql: "SELECT name FROM pragma_table_info(?)")
    statement.bind(1, table)
    var names: Set<String> = []
    while try statement.step(db) {
      if let name = statement.string(0) { names.insert(name.lowercased()) }
    }
    return names
  }
}

extension EventStoreError {
  /// Turns a GRDB or SQLite error into an ``EventStoreError`` about `path`.
  static func wrapping(_ error: any Error, path: String) -> EventStoreError {
    if let error = error as? EventStoreError { return error }
    guard let error = error as? DatabaseError else {
      return EventStoreError(
        .sqlite, path: path, message: "cannot read \(path): \(error)",
        hint: "check the file's permissions")
    }
    switch error.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return EventStoreError(
        .notADatabase, path: path,
        message: "\(path) is damaged or not an SQLite database (\(error.message ?? "unreadable"))",
        hint: "restore it from a backup, or point --db at the right file")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return EventStoreError(
        .locked, path: path, message: "\(path) is locked by another process",
        hint: "retry when the writer has finished; WAL mode lets readers and a writer work together"
      )
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
      if WALSnapshot.isWALMode(path) {
        return EventStoreError(
          .sqlite, path: path,
          message: "cannot open \(path) read-only (\(error.message ?? "permission denied")): "
            + "a WAL database needs its -wal and -shm files readable, or its folder writable to create them",
          hint:
            "let this user read \(path)-wal and \(path)-shm, or write to their folder (TuneDash still never writes the database)"
        )
      }
      return EventStoreError(
        .sqlite, path: path,
        message: "cannot open \(path) (\(error.message ?? "permission denied"))",
        hint: "check that the file and its folder are readable")
    default:
      return EventStoreError(
        .sqlite, path: path,
        message: "SQLite error reading \(path): \(error.message ?? "\(error.resultCode)")",
        hint: "run `tunedash check --db \(path)` for details")
    }
  }
}
