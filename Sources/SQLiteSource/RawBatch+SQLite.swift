import EventStore

extension RawBatch {
  /// Copies the current row of `statement`. Columns whose bit is set in `textColumns` are read
  /// as text, as SQLite converts them (an integer user id 17 becomes "17"); the others keep
  /// their storage class.
  @inline(__always)
  mutating func append(_ statement: RawStatement, textColumns: UInt32) {
    // The row's cells are gathered, then appended at once: one capacity check for the row.
    withUnsafeTemporaryAllocation(of: Cell.self, capacity: columns) { row in
      for column in 0..<columns {
        var type = statement.type(Int32(column))
        if textColumns & (1 << UInt32(column)) != 0 && type != CellKind.null {
          type = CellKind.text
        }
        let cell: Cell
        switch type {
        case CellKind.integer:
          cell = Cell(
            type: UInt8(type), payload: UInt64(bitPattern: statement.int64(Int32(column))))
        case CellKind.float:
          cell = Cell(type: UInt8(type), payload: statement.double(Int32(column)).bitPattern)
        case CellKind.null: cell = Cell(type: UInt8(type), payload: 0)
        default:
          cell = appendArena(
            statement.bytes(Int32(column)) ?? UnsafeRawBufferPointer(start: nil, count: 0),
            kind: type)
        }
        (row.baseAddress! + column).initialize(to: cell)
      }
      appendCells(UnsafeBufferPointer(row))
    }
  }
}
