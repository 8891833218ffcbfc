import EventStore
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
      // No use suggesting a database where no file can be made: the folder is the mistake.
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
        throw EventStoreError(
          .missingFile, path: path,
          message: "database \(path) does not exist: there is no folder \(folder)",
          hint: "check the --db path")
      }
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
  public func read<T>(_ body: (SQLiteReader) throws -> T) throws -> T {
    do {
      let result = try queue.read { db in try body(SQLiteReader(db: db, path: path)) }
      try snapshot?.verifyUnchanged(path)
      return result
    } catch let error as EventStoreError {
      throw error
    } catch let error as DatabaseError {
      throw EventStoreError.wrapping(error, path: path)
    }
  }
}
