import CLibPQ

/// A statement's outcome from libpq (a `PGresult`), freed with this value: its rows in binary
/// format, or the server's error fields.
final class QueryResult {
  private let handle: OpaquePointer

  /// An error field of the server's report.
  enum Field: UInt8 {
    /// The SQLSTATE code (`PG_DIAG_SQLSTATE`).
    case sqlState = 0x43  // "C"
    /// The primary message (`PG_DIAG_MESSAGE_PRIMARY`).
    case message = 0x4D  // "M"
    /// The table the error is about (`PG_DIAG_TABLE_NAME`).
    case table = 0x74  // "t"
  }

  init(_ handle: OpaquePointer) { self.handle = handle }
  deinit { PQclear(handle) }

  /// The number of rows.
  var count: Int { Int(PQntuples(handle)) }

  /// The type id of each column.
  var columnTypes: [UInt32] { (0..<PQnfields(handle)).map { UInt32(PQftype(handle, $0)) } }

  /// The value at `row`, `column` (see ``StoredValue``).
  func value(_ row: Int, _ column: Int) -> StoredValue {
    let (row, column) = (Int32(row), Int32(column))
    guard column < PQnfields(handle), PQgetisnull(handle, row, column) == 0,
      let start = PQgetvalue(handle, row, column)
    else { return .null }
    return StoredValue(
      type: UInt32(PQftype(handle, column)),
      UnsafeRawBufferPointer(start: start, count: Int(PQgetlength(handle, row, column))))
  }

  /// One error field, if the server sent it.
  func field(_ field: Field) -> String? {
    PQresultErrorField(handle, Int32(field.rawValue)).map { String(cString: $0) }
  }
}
