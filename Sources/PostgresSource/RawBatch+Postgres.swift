import EventStore
import PostgresNIO

extension RawBatch {
  /// Appends the fields of one row that the server sent as a single anonymous record
  /// (`SELECT ROW(a, b, …)`) in binary format: the number of fields, then for each its type,
  /// its length (−1 for NULL) and its bytes, all big-endian. Columns whose bit is set in
  /// `textColumns` are read as text (as the SQLite reader reads them: an integer user id 17
  /// becomes "17"); the others keep their kind (``StoredValue``).
  ///
  /// One cell per row rather than one per column is what makes a large read cheap: PostgresNIO's
  /// bookkeeping for each cell (reference-counted buffers shared with its event-loop thread)
  /// costs several times more than reading the fields here.
  /// - Returns: `false`, with the row partly appended, when `cell` is not a binary record of
  ///   `columns` fields.
  mutating func appendRecord(_ cell: PostgresCell, columns: Int, textColumns: UInt32) -> Bool {
    guard cell.format == .binary, let bytes = cell.bytes else { return false }
    return bytes.withUnsafeReadableBytes {
      appendRecord($0, columns: columns, textColumns: textColumns)
    }
  }

  /// Appends the rows of a page sent as one array per column (`SELECT array_agg(a),
  /// array_agg(b), …`), each in binary format: the number of dimensions (1, or 0 when empty),
  /// a flags word, the element type, the dimension's length and lower bound, then each element's
  /// length (−1 for NULL) and bytes. The arrays come from one aggregate over the same rows, so
  /// element `i` of every array is row `i`. A page in one row of a few cells costs PostgresNIO
  /// one row's bookkeeping instead of thousands, and the server about a third of what building
  /// a record per row costs it.
  /// - Returns: `false`, with some rows perhaps appended, when the cells are not such arrays of
  ///   equal length.
  mutating func appendColumns(_ arrays: [PostgresCell], textColumns: UInt32) -> Bool {
    guard arrays.count == columns else { return false }
    var buffers: [ByteBuffer] = []
    for array in arrays {
      guard array.format == .binary, let bytes = array.bytes else { return false }
      buffers.append(bytes)
    }
    return Self.withReadableBytes(buffers) { columns in
      var readers: [BigEndianReader] = []
      var types: [PostgresDataType] = []
      var count: Int32? = nil
      for column in columns {
        var reader = BigEndianReader(column)
        guard let dimensions = reader.int32(), reader.int32() != nil, let type = reader.int32()
        else { return false }
        var length: Int32 = 0
        if dimensions == 1 {
          guard let elements = reader.int32(), elements >= 0, reader.int32() != nil else {
            return false
          }
          length = elements
        } else if dimensions != 0 {
          return false
        }
        guard count == nil || count == length else { return false }
        count = length
        readers.append(reader)
        types.append(PostgresDataType(UInt32(bitPattern: type)))
      }
      for _ in 0..<(count ?? 0) {
        for column in readers.indices {
          guard let field = readers[column].field() else { return false }
          guard let field else {
            appendNull()
            continue
          }
          appendField(types[column], field, asText: textColumns & (1 << UInt32(column)) != 0)
        }
      }
      return readers.allSatisfy(\.isAtEnd)
    }
  }

  /// Calls `body` with the readable bytes of every buffer.
  private static func withReadableBytes<T>(
    _ buffers: [ByteBuffer], _ body: ([UnsafeRawBufferPointer]) -> T
  ) -> T {
    func nest(_ index: Int, _ done: [UnsafeRawBufferPointer]) -> T {
      guard index < buffers.count else { return body(done) }
      return buffers[index].withUnsafeReadableBytes { nest(index + 1, done + [$0]) }
    }
    return nest(0, [])
  }

  /// How many ids an array of ids holds (the first column of a page, see
  /// ``appendColumns(_:textColumns:)``), the last, how many at the end equal it, and whether
  /// they are in ascending order (when not, the other fields mean nothing); `nil` when the
  /// array is empty or not an array of integers.
  static func summary(ofIDs cell: PostgresCell) -> (
    count: Int, lastID: Int64, trailing: Int, ordered: Bool
  )? {
    guard cell.format == .binary, let bytes = cell.bytes else { return nil }
    return bytes.withUnsafeReadableBytes { array -> (Int, Int64, Int, Bool)? in
      var reader = BigEndianReader(array)
      guard reader.int32() == 1, reader.int32() != nil, let type = reader.int32(),
        let count = reader.int32(), count > 0, reader.int32() != nil
      else { return nil }
      let dataType = PostgresDataType(UInt32(bitPattern: type))
      var last: (id: Int64, trailing: Int)? = nil
      for _ in 0..<count {
        guard let element = reader.field(), let bytes = element,
          case .integer(let id)? = StoredValue.fixedWidth(dataType, bytes)
        else { return nil }
        switch last {
        case (let previous, let trailing)? where previous == id: last = (id, trailing + 1)
        case (let previous, _)? where previous > id: return (Int(count), id, 1, false)
        default: last = (id, 1)
        }
      }
      return last.map { (Int(count), $0.id, $0.trailing, true) }
    }
  }

  /// Appends one binary record's fields, as the cell version above.
  private mutating func appendRecord(
    _ record: UnsafeRawBufferPointer, columns: Int, textColumns: UInt32
  ) -> Bool {
    var reader = BigEndianReader(record)
    guard reader.int32() == Int32(columns) else { return false }
    for column in 0..<columns {
      guard let type = reader.int32(), let field = reader.field() else { return false }
      guard let field else {
        appendNull()
        continue
      }
      let asText = textColumns & (1 << UInt32(column)) != 0
      appendField(PostgresDataType(UInt32(bitPattern: type)), field, asText: asText)
    }
    return reader.isAtEnd
  }

  /// Appends one non-NULL field of type `type` sent in binary format.
  private mutating func appendField(
    _ type: PostgresDataType, _ field: UnsafeRawBufferPointer, asText: Bool
  ) {
    if StoredValue.isText(type) {
      appendText(field)
    } else if let value = StoredValue.fixedWidth(type, field) {
      append(value, asText: asText)
    } else {
      let cell = PostgresCell(
        bytes: ByteBuffer(bytes: field), dataType: type, format: .binary, columnName: "",
        columnIndex: 0)
      append(StoredValue(cell), asText: asText)
    }
  }

  /// Appends `value`, as text when `asText` (``StoredValue/withText(_:)``).
  mutating func append(_ value: StoredValue, asText: Bool) {
    if asText {
      value.withText { bytes in
        if let bytes { appendText(bytes) } else { appendNull() }
      }
      return
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

/// Reads PostgreSQL's binary formats: big-endian integers and length-prefixed fields, every read
/// checked against the end.
struct BigEndianReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// Whether every byte was read.
  var isAtEnd: Bool { offset == bytes.count }

  /// The next 4-byte integer, or `nil` past the end.
  mutating func int32() -> Int32? {
    guard offset + 4 <= bytes.count else { return nil }
    defer { offset += 4 }
    return Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
  }

  /// The next field: its length, then its bytes. `.some(nil)` for NULL (length −1), `nil` when
  /// the bytes end too soon.
  mutating func field() -> UnsafeRawBufferPointer?? {
    guard let length = int32() else { return nil }
    guard length >= 0 else { return .some(nil) }
    guard offset + Int(length) <= bytes.count else { return nil }
    defer { offset += Int(length) }
    return .some(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)]))
  }
}
