import EventStore
import PostgresNIO

extension RawBatch {
  /// Appends the cells of `row`. Columns whose bit is set in `textColumns` are read as text
  /// (as the SQLite reader reads them: an integer user id 17 becomes "17"); the others keep
  /// their kind (``StoredValue``).
  mutating func append(_ row: PostgresRow, textColumns: UInt32) {
    for (column, cell) in row.enumerated() {
      let value = StoredValue(cell)
      if textColumns & (1 << UInt32(column)) != 0 {
        value.withText { bytes in
          if let bytes { appendText(bytes) } else { appendNull() }
        }
        continue
      }
      switch value {
      case .null: appendNull()
      case .integer(let number): appendInteger(number)
      case .real(let number): appendReal(number)
      case .text(let bytes): bytes.withUnsafeReadableBytes { appendText($0) }
      case .blob(let bytes): bytes.withUnsafeReadableBytes { appendBlob($0) }
      }
    }
  }
}
