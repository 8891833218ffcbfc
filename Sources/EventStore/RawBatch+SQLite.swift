extension RawBatch {
  /// Copies the current row of `statement`. Columns whose bit is set in `textColumns` are read
  /// as text, as SQLite converts them (an integer user id 17 becomes "17"); the others keep
  /// their storage class.
  @inline(__always)
  mutating func append(_ statement: RawStatement, textColumns: UInt32) {
    for column in 0..<Int32(columns) {
      var type = statement.type(column)
      if textColumns & (1 << UInt32(column)) != 0 && type != CellKind.null { type = CellKind.text }
      switch type {
      case CellKind.integer: appendInteger(statement.int64(column))
      case CellKind.float: appendReal(statement.double(column))
      case CellKind.null: appendNull()
      default:
        appendBytes(
          statement.bytes(column) ?? UnsafeRawBufferPointer(start: nil, count: 0), kind: type)
      }
    }
  }
}
