import EventStore
import Foundation
import GRDB

/// A database TuneDash writes itself — a new one (`tunedash init`, the demo) or a demo it wrote
/// before — never the source being reported on, which is only ever opened read-only.
///
/// This is the whole writing surface of `EventStore`: running statements, preparing statements
/// to insert rows, and reading a value back. It knows no table but the ones the caller names, so
/// the code that decides which rows to write lives with the caller (`DemoData`).
///
/// ```swift
/// try WritableDatabase.create(at: "new.sqlite") { database in
///   for statement in SchemaV1.statements { try database.execute(statement) }
/// }
/// ```
package struct WritableDatabase {
  private let db: Database

  /// Creates a database at `path` with `body`, written to a temporary file beside `path` and
  /// renamed into place only when `body` returned, so an interrupted run leaves nothing.
  /// - Throws: ``EventStoreError/Kind-swift.enum/alreadyExists`` if `path` exists and
  ///   `replace` is false; any SQLite failure as an ``EventStoreError`` about `path`.
  package static func create(
    at path: String, replace: Bool = false, _ body: (WritableDatabase) throws -> Void
  ) throws {
    let files = FileManager.default
    if files.fileExists(atPath: path) && !replace {
      throw EventStoreError(
        .alreadyExists, path: path, message: "\(path) already exists",
        hint: "choose another path, or move the file away first")
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw EventStoreError(
        .cannotCreate, path: path,
        message: "cannot create \(path): the folder \(folder) does not exist",
        hint: "create the folder first, or choose a path in an existing one")
    }
    guard files.isWritableFile(atPath: folder) else {
      throw EventStoreError(
        .cannotCreate, path: path,
        message: "cannot create \(path): the folder \(folder) is not writable",
        hint: "choose a folder this user can write to")
    }
    let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    try? files.removeItem(atPath: temporary)
    defer { try? files.removeItem(atPath: temporary) }
    do {
      var configuration = Configuration()
      configuration.label = temporary
      let queue = try DatabaseQueue(path: temporary, configuration: configuration)
      try queue.writeWithoutTransaction { db in
        try db.execute(
          sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        try db.execute(sql: "BEGIN")
        try body(WritableDatabase(db: db))
        try db.execute(sql: "COMMIT")
        try db.execute(sql: "PRAGMA journal_mode = DELETE")
      }
      try queue.close()
    } catch {
      throw EventStoreError.wrapping(error, path: path, writing: true)
    }
    do {
      if replace {
        // rename(2) replaces the old file atomically: readers see the old or the new database.
        guard rename(temporary, path) == 0 else {
          throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
      } else {
        try files.moveItem(atPath: temporary, toPath: path)
      }
    } catch {
      throw EventStoreError(
        .sqlite, path: path,
        message: "cannot move the new database into \(path): \(error.localizedDescription)",
        hint: "check that the folder is writable")
    }
  }

  /// Changes an existing database that TuneDash wrote itself (a demo) with `body`, in one
  /// transaction: if `body` throws, nothing changes.
  /// - Throws: ``EventStoreError/Kind-swift.enum/missingFile`` if `path` does not exist; any
  ///   SQLite failure as an ``EventStoreError`` about `path`.
  package static func update(at path: String, _ body: (WritableDatabase) throws -> Void) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw EventStoreError(
        .missingFile, path: path, message: "\(path) does not exist",
        hint: "make it first with tunedash demo --db \(path)")
    }
    do {
      var configuration = Configuration()
      configuration.label = path
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      try queue.inTransaction { db in
        try body(WritableDatabase(db: db))
        return .commit
      }
      try queue.close()
    } catch {
      throw EventStoreError.wrapping(error, path: path, writing: true)
    }
  }

  /// Runs SQL without parameters (one or more statements).
  package func execute(_ sql: String) throws {
    try db.execute(sql: sql)
  }

  /// Prepares one statement with `?` parameters, to be bound and run many times.
  package func prepare(_ sql: String) throws(EventStoreError) -> WriteStatement {
    WriteStatement(try RawStatement(db, sql: sql), db: db)
  }

  /// Whether a table named `name` exists.
  package func tableExists(_ name: String) throws -> Bool {
    try db.tableExists(name)
  }

  /// The first column of the first row `sql` returns as an integer; `nil` for no row or NULL.
  package func fetchInt64(_ sql: String) throws -> Int64? {
    try Int64.fetchOne(db, sql: sql)
  }

  /// The first column of the first row `sql` returns as text; `nil` for no row or NULL.
  package func fetchText(_ sql: String) throws -> String? {
    try String.fetchOne(db, sql: sql)
  }
}
