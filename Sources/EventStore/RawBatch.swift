/// A batch of rows copied out of a source as they were stored — kind of value, number or bytes —
/// so that reading the database and making sense of the rows can happen on different threads,
/// and so that every source's rows are judged by the same validators. Sources fill batches with
/// the `append…` methods, one cell at a time, row after row.
///
/// Cells are 16 bytes; text and blobs live in one byte arena. A batch owns its memory and can
/// move between threads; the pointers it hands out are valid while it lives.
public struct RawBatch: Sendable {
  /// One stored value. `package` (and inlinable) for the sources that gather a row's cells
  /// before appending them (``appendCells(_:)``).
  @usableFromInline
  package struct Cell: Sendable {
    /// The kind of value (``CellKind``).
    @usableFromInline package var type: UInt8
    /// The integer, the bits of the real, or `offset << 32 | length` in the arena for text.
    @usableFromInline package var payload: UInt64

    /// A cell of kind `type`.
    @inlinable
    package init(type: UInt8, payload: UInt64) {
      self.type = type
      self.payload = payload
    }
  }

  /// Columns per row.
  public let columns: Int
  // Not `private(set)`: the inlinable appends below write them from other modules.
  @usableFromInline var cells: [Cell] = []
  @usableFromInline var arena: [UInt8] = []

  /// An empty batch of rows with `columns` columns, with room for `capacity` rows.
  public init(columns: Int, capacity: Int = 0) {
    self.columns = columns
    cells.reserveCapacity(capacity * columns)
    arena.reserveCapacity(capacity * 48)
  }

  /// The number of rows.
  public var count: Int { cells.count / columns }

  /// The first column of the last row as an integer (the id), or 0 when empty.
  public var lastID: Int64 {
    cells.count >= columns ? Int64(bitPattern: cells[cells.count - columns].payload) : 0
  }

  /// How many rows at the end of the batch have `id` in their first column.
  public func trailingCount(ofID id: Int64) -> Int {
    var count = 0
    var cell = cells.count - columns
    while cell >= 0 && Int64(bitPattern: cells[cell].payload) == id
      && cells[cell].type == UInt8(CellKind.integer)
    {
      count += 1
      cell -= columns
    }
    return count
  }

  /// Empties the batch, keeping its memory.
  public mutating func removeAll() {
    cells.removeAll(keepingCapacity: true)
    arena.removeAll(keepingCapacity: true)
  }

  /// Rows per batch that sources should aim for: large enough to amortise the hand-over
  /// between threads, small enough to stay in cache.
  public static let standardSize = 4096

  /// Appends an integer cell.
  public mutating func appendInteger(_ value: Int64) {
    cells.append(Cell(type: UInt8(CellKind.integer), payload: UInt64(bitPattern: value)))
  }

  /// Appends a real (floating-point) cell.
  public mutating func appendReal(_ value: Double) {
    cells.append(Cell(type: UInt8(CellKind.float), payload: value.bitPattern))
  }

  /// Appends a NULL cell.
  public mutating func appendNull() {
    cells.append(Cell(type: UInt8(CellKind.null), payload: 0))
  }

  /// Appends a text cell holding `bytes` (UTF-8 as stored; validity is the validator's job).
  public mutating func appendText(_ bytes: UnsafeRawBufferPointer) {
    appendBytes(bytes, kind: CellKind.text)
  }

  /// Appends a blob cell.
  public mutating func appendBlob(_ bytes: UnsafeRawBufferPointer) {
    appendBytes(bytes, kind: CellKind.blob)
  }

  @inline(__always)
  mutating func appendBytes(_ bytes: UnsafeRawBufferPointer, kind: Int32) {
    cells.append(appendArena(bytes, kind: kind))
  }

  /// Copies `bytes` into the arena and returns the cell that names them.
  @inlinable @inline(__always)
  package mutating func appendArena(_ bytes: UnsafeRawBufferPointer, kind: Int32) -> Cell {
    let offset = UInt64(arena.count)
    arena.append(contentsOf: bytes)
    return Cell(type: UInt8(kind), payload: offset << 32 | UInt64(bytes.count))
  }

  /// Appends whole cells (a row gathered by a source).
  @inlinable @inline(__always)
  package mutating func appendCells(_ row: UnsafeBufferPointer<Cell>) {
    cells.append(contentsOf: row)
  }

  /// Calls `body` with a reader over the rows, valid during the call.
  public func withRows<T>(_ body: (Rows) throws -> T) rethrows -> T {
    try cells.withUnsafeBufferPointer { cells in
      try arena.withUnsafeBytes { arena in
        try body(Rows(cells: cells, arena: arena, columns: columns))
      }
    }
  }

  /// Calls `body` with the batch's text bytes, valid during the call.
  public func withArena<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try arena.withUnsafeBytes(body)
  }

  /// Read access to a batch's rows, cell by cell.
  public struct Rows {
    let cells: UnsafeBufferPointer<Cell>
    let arena: UnsafeRawBufferPointer
    let columns: Int

    /// The number of rows.
    public var count: Int { cells.count / columns }

    @inline(__always)
    func cell(_ row: Int, _ column: Int) -> Cell { cells[row * columns + column] }

    /// The storage class of a cell.
    @inline(__always)
    func type(_ row: Int, _ column: Int) -> Int32 { Int32(cell(row, column).type) }

    /// A cell as an integer (for integer cells).
    @inline(__always)
    func int64(_ row: Int, _ column: Int) -> Int64 { Int64(bitPattern: cell(row, column).payload) }

    /// A cell as a real (for real cells).
    @inline(__always)
    func double(_ row: Int, _ column: Int) -> Double {
      Double(bitPattern: cell(row, column).payload)
    }

    /// Where `bytes` (from ``bytes(_:_:)`` of this batch) start in the batch's text bytes.
    public func offset(of bytes: UnsafeRawBufferPointer) -> Int {
      guard let base = arena.baseAddress, let start = bytes.baseAddress else { return 0 }
      return start - base
    }

    /// A digest of a whole row: every cell's storage class and value.
    func digest(_ row: Int) -> UInt64 {
      var digest = StableDigest()
      for column in 0..<columns {
        let cell = cell(row, column)
        digest.add(separator: cell.type)
        if let bytes = bytes(row, column) {
          digest.add(bytes)
        } else {
          digest.add(integer: cell.payload)
        }
      }
      return digest.value
    }

    /// A cell as a number: integers and reals; `nil` for NULL, text and blobs (as audio
    /// features are read).
    @inline(__always)
    public func number(_ row: Int, _ column: Int) -> Double? {
      switch type(row, column) {
      case CellKind.integer: Double(int64(row, column))
      case CellKind.float: double(row, column)
      default: nil
      }
    }

    /// A text or blob cell's bytes; `nil` for NULL and numbers (numbers are not converted).
    @inline(__always)
    public func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer? {
      let cell = cell(row, column)
      switch Int32(cell.type) {
      case CellKind.text, CellKind.blob:
        let offset = Int(cell.payload >> 32)
        let length = Int(cell.payload & 0xFFFF_FFFF)
        return UnsafeRawBufferPointer(rebasing: arena[offset..<(offset + length)])
      default:
        return nil
      }
    }
  }
}

/// The kinds of value a cell holds, numbered as SQLite numbers its storage classes (other
/// sources map their types onto these five).
///
/// Inlinable constants, so that a source's per-cell switch in another module compiles to plain
/// comparisons.
package enum CellKind {
  /// A 64-bit signed integer.
  @inlinable package static var integer: Int32 { 1 }
  /// A 64-bit floating-point number.
  @inlinable package static var float: Int32 { 2 }
  /// Text (bytes as stored, UTF-8 or not).
  @inlinable package static var text: Int32 { 3 }
  /// A blob.
  @inlinable package static var blob: Int32 { 4 }
  /// NULL.
  @inlinable package static var null: Int32 { 5 }
}
