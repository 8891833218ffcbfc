import EventStore

/// Turns the messages of a `COPY … TO STDOUT (FORMAT binary)` stream into ``RawBatch`` rows.
///
/// The format: a header (the 11-byte signature `PGCOPY\n\xFF\r\n\0`, a flags word and the
/// length of a header extension, then the extension), then per row the number of fields (16
/// bits) and for each its length (32 bits, −1 for NULL) and bytes, and last a row of −1 fields:
/// all big-endian. PostgreSQL sends each row in a message of its own, the header with the
/// first; this decoder reads any number of whole rows per message and no partial one.
///
/// Binary COPY does not name the fields' types: they come from describing the query first
/// (``Connection/columnTypes(of:table:)``), and each field is read as ``StoredValue`` reads
/// that type. Columns whose bit is set in `textColumns` are read as text (as the SQLite reader
/// reads them: an integer user id 17 becomes "17").
struct CopyDecoder {
  /// The type id of each column.
  let types: [UInt32]
  /// Bit `i` set: column `i` is read as text.
  let textColumns: UInt32
  private var headerRead = false
  /// Whether the end-of-data row has been read.
  private(set) var ended = false

  static let signature: [UInt8] = [
    0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00,
  ]

  init(types: [UInt32], textColumns: UInt32) {
    (self.types, self.textColumns) = (types, textColumns)
  }

  /// Appends the rows of one message to `batch`, calling `row` after each.
  /// - Returns: `false` when the message is not binary COPY data of ``types``' columns.
  mutating func append(
    _ message: UnsafeRawBufferPointer, to batch: inout RawBatch,
    _ row: (inout RawBatch) -> Void = { _ in }
  ) -> Bool {
    var reader = BigEndianReader(message)
    if !headerRead {
      guard reader.bytes(Self.signature.count).map({ $0.elementsEqual(Self.signature) }) == true,
        reader.int32() != nil, let extensionLength = reader.int32(), extensionLength >= 0,
        reader.bytes(Int(extensionLength)) != nil
      else { return false }
      headerRead = true
    }
    while !reader.isAtEnd {
      guard !ended, let fields = reader.int16() else { return false }
      if fields == -1 {
        ended = true
        continue
      }
      guard Int(fields) == types.count, appendRow(&reader, to: &batch) else { return false }
      row(&batch)
    }
    return true
  }

  /// Reads one row's fields from `reader` and appends them to `batch` at once (one capacity
  /// check a row, as the SQLite reader does); `false`, and nothing appended but arena bytes,
  /// when the bytes end too soon.
  @inline(__always)
  private func appendRow(_ reader: inout BigEndianReader, to batch: inout RawBatch) -> Bool {
    withUnsafeTemporaryAllocation(of: RawBatch.Cell.self, capacity: types.count) { cells in
      for column in 0..<types.count {
        guard let field = reader.field() else { return false }
        let asText = textColumns & (1 << UInt32(column)) != 0
        (cells.baseAddress! + column).initialize(
          to: batch.cell(types[column], field, asText: asText))
      }
      batch.appendCells(UnsafeBufferPointer(cells))
      return true
    }
  }
}

extension RawBatch {
  /// The cell for one field of type `type` sent in binary format (`nil`: NULL), its bytes
  /// copied into the arena when it is text or a blob.
  @inline(__always)
  mutating func cell(_ type: UInt32, _ field: UnsafeRawBufferPointer?, asText: Bool) -> Cell {
    guard let field else { return Cell(type: UInt8(CellKind.null), payload: 0) }
    if StoredValue.isText(type) { return appendArena(field, kind: CellKind.text) }
    if !asText, type == StoredValue.TypeID.int8, field.count == 8 {
      // The common case of the event tables' ids and times, without the general conversion.
      return Cell(
        type: UInt8(CellKind.integer),
        payload: UInt64(bigEndian: field.loadUnaligned(as: UInt64.self)))
    }
    return cell(StoredValue(type: type, field), asText: asText)
  }

  /// The cell for `value`, as text when `asText` (``StoredValue/withText(_:)``).
  mutating func cell(_ value: StoredValue, asText: Bool) -> Cell {
    if asText {
      return value.withText { bytes in
        bytes.map { appendArena($0, kind: CellKind.text) }
          ?? Cell(type: UInt8(CellKind.null), payload: 0)
      }
    }
    switch value {
    case .null: return Cell(type: UInt8(CellKind.null), payload: 0)
    case .integer(let number):
      return Cell(type: UInt8(CellKind.integer), payload: UInt64(bitPattern: number))
    case .real(let number): return Cell(type: UInt8(CellKind.float), payload: number.bitPattern)
    case .text(let bytes): return bytes.withUnsafeBytes { appendArena($0, kind: CellKind.text) }
    case .blob(let bytes): return bytes.withUnsafeBytes { appendArena($0, kind: CellKind.blob) }
    }
  }
}

/// Reads PostgreSQL's binary formats: big-endian integers and length-prefixed fields, every read
/// checked against the end.
struct BigEndianReader {
  private let buffer: UnsafeRawBufferPointer
  private var offset = 0

  init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

  /// Whether every byte was read.
  var isAtEnd: Bool { offset == buffer.count }

  /// The next `count` bytes, or `nil` past the end.
  mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
    guard count >= 0, offset + count <= buffer.count else { return nil }
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + count])
  }

  /// The next 2-byte integer, or `nil` past the end.
  mutating func int16() -> Int16? {
    bytes(2).map { Int16(bigEndian: $0.loadUnaligned(as: Int16.self)) }
  }

  /// The next 4-byte integer, or `nil` past the end.
  mutating func int32() -> Int32? {
    bytes(4).map { Int32(bigEndian: $0.loadUnaligned(as: Int32.self)) }
  }

  /// The next field: its length, then its bytes. `.some(nil)` for NULL (length −1), `nil` when
  /// the bytes end too soon.
  mutating func field() -> UnsafeRawBufferPointer?? {
    guard let length = int32() else { return nil }
    guard length >= 0 else { return .some(nil) }
    guard let field = bytes(Int(length)) else { return nil }
    return .some(field)
  }
}
