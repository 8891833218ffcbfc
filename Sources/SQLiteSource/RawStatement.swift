import EventStore
import GRDB
import GRDBSQLite

/// A prepared SQLite statement stepped row by row through the C API, for the hot scans.
///
/// GRDB's `Row` decoding is convenient but allocates per value; the scans read millions of rows,
/// so they read column bytes in place instead. This type and ``SQLiteReader`` are the only places
/// that touch the C API.
final class RawStatement {
  private let handle: OpaquePointer
  private let connection: OpaquePointer
  let sql: String

  init(_ db: Database, sql: String) throws(EventStoreError) {
    guard let connection = db.sqliteConnection else {
      throw EventStoreError(
        .sqlite, path: db.configuration.label ?? "", message: "the database connection is closed",
        hint: "this is a bug in TuneDash; please report it")
    }
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else {
      let message = String(cString: sqlite3_errmsg(connection))
      sqlite3_finalize(statement)
      throw RawStatement.error(code: code, message: message, sql: sql, db: db)
    }
    self.handle = statement
    self.connection = connection
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  func bind(_ index: Int32, _ value: String) {
    sqlite3_bind_text(handle, index, value, -1, sqliteTransient)
  }

  /// Binds bytes that stay alive and unchanged until the statement has run (no copy).
  @inline(__always)
  func bind(_ index: Int32, text bytes: UnsafeRawBufferPointer) {
    sqlite3_bind_text(
      handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil
    )
  }

  /// Binds NULL.
  @inline(__always)
  func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

  func bind(_ index: Int32, _ value: String?) {
    if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
  }

  func bind(_ index: Int32, _ value: Double) {
    sqlite3_bind_double(handle, index, value)
  }

  /// Runs a statement that returns no rows, then resets it for the next bindings.
  func run(_ db: Database) throws(EventStoreError) {
    _ = try step(db)
    sqlite3_reset(handle)
  }

  /// Advances to the next row; `false` at the end. Throws on any SQLite error.
  @inline(__always)
  func step(_ db: Database) throws(EventStoreError) -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw RawStatement.error(
      code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql, db: db)
  }

  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  /// The storage class of column `i` in the current row.
  @inline(__always)
  func type(_ i: Int32) -> Int32 { sqlite3_column_type(handle, i) }

  @inline(__always)
  func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

  @inline(__always)
  func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

  /// The bytes of column `i` as text, valid until the next step; `nil` for NULL.
  @inline(__always)
  func bytes(_ i: Int32) -> UnsafeRawBufferPointer? {
    guard let pointer = sqlite3_column_text(handle, i) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, i))
    return UnsafeRawBufferPointer(start: pointer, count: count)
  }

  /// Column `i` as a string (invalid UTF-8 replaced); `nil` for NULL.
  func string(_ i: Int32) -> String? {
    bytes(i).map { String(decoding: $0, as: UTF8.self) }
  }

  static func error(code: Int32, message: String, sql: String, db: Database) -> EventStoreError {
    let path = db.configuration.label ?? ""
    switch code & 0xFF {
    case SQLITE_NOTADB, SQLITE_CORRUPT:
      return EventStoreError(
        .notADatabase, path: path,
        message: "\(path) is damaged or not an SQLite database (\(message))",
        hint: "restore it from a backup, or point --db at the right file")
    case SQLITE_BUSY, SQLITE_LOCKED:
      return EventStoreError(
        .locked, path: path, message: "\(path) is locked by another process (\(message))",
        hint: "retry when the writer has finished; WAL mode lets readers and a writer work together"
      )
    default:
      return EventStoreError(
        .sqlite, path: path,
        message: "SQLite error \(code) reading \(path): \(message) in `\(sql)`",
        hint: "run `tunedash check --db \(path)` for details")
    }
  }
}

/// `SQLITE_TRANSIENT`, which the C headers define as a macro Swift cannot import.
private let sqliteTransient = unsafeBitCast(Int(-1), to: sqlite3_destructor_type.self)
