import EventStore
import Foundation
import GRDB

extension EventStoreError {
  /// Turns a GRDB or SQLite error into an ``EventStoreError`` about `path`, which was opened
  /// to read, or to write when `writing` (`demo`, `init`).
  static func wrapping(_ error: any Error, path: String, writing: Bool = false) -> EventStoreError {
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
      // The file exists (a missing one is refused before): this user may not open it.
      if WALSnapshot.isWALMode(path) {
        return EventStoreError(
          .accessDenied, path: path,
          message: "cannot open \(path) read-only (\(error.message ?? "permission denied")): "
            + "a WAL database needs its -wal and -shm files readable, or its folder writable to create them",
          hint:
            "let this user read \(path)-wal and \(path)-shm, or write to their folder (TuneDash still never writes the database)"
        )
      }
      return EventStoreError(
        .accessDenied, path: path,
        message: "cannot open \(path) (\(error.message ?? "permission denied"))",
        hint: writing
          ? "check that the file and its folder are writable"
          : "check that the file and its folder are readable")
    default:
      return EventStoreError(
        .sqlite, path: path,
        message: "SQLite error reading \(path): \(error.message ?? "\(error.resultCode)")",
        hint: "run `tunedash check --db \(path)` for details")
    }
  }
}
