import Foundation
import GRDB

/// Creates new databases (never the source being reported on): written to a temporary file
/// beside the destination and renamed into place when complete.
enum Writable {
  static func create(at path: String, replace: Bool = false, _ body: (Database) throws -> Void) throws {
    let files = FileManager.default
    if files.fileExists(atPath: path) && !replace {
      throw EventStoreError(
        .alreadyExists, path: path, message: "\(path) already exists",
        hint: "choose another path, or pass --force to replace it")
    }
    let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    try? files.removeItem(atPath: temporary)
    defer { try? files.removeItem(atPath: temporary) }
    do {
      var configuration = Configuration()
      configuration.label = temporary
      let queue = try DatabaseQueue(path: temporary, configuration: configuration)
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        try db.execute(sql: "BEGIN")
        try body(db)
        try db.execute(sql: "COMMIT")
        try db.execute(sql: "PRAGMA journal_mode = DELETE")
      }
      try queue.close()
    } catch {
      throw EventStoreError.wrapping(error, path: path)
    }
    do {
      if replace {
        // rename(2) replaces the old file atomically: readers see the old or the new database.
        guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      } else {
        try files.moveItem(atPath: temporary, toPath: path)
      }
    } catch {
      throw EventStoreError(
        .sqlite, path: path, message: "cannot move the new database into \(path): \(error.localizedDescription)",
        hint: "check that the folder is writable")
    }
  }

  /// Changes an existing database that TuneDash wrote itself (a demo), in one transaction.
  static func update(at path: String, _ body: (Database) throws -> Void) throws {
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
        try body(db)
        return .commit
      }
      try queue.close()
    } catch {
      throw EventStoreError.wrapping(error, path: path)
    }
  }
}
