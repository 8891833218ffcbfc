import Foundation
import PostgresNIO

/// One PostgreSQL cell as the kinds of value SQLite stores (integer, real, text, blob, NULL),
/// so that the same logical rows reach the validators as the same cells from either database.
///
/// Integers (`int2`, `int4`, `int8`, `bool`) are integers; `float4` and `float8` are reals;
/// `numeric` is an integer when it is whole and fits 64 bits, else a real (as SQLite's INTEGER
/// affinity stores it); character types are text; `bytea` and any other type are blobs of the
/// bytes received.
enum StoredValue {
  case null
  case integer(Int64)
  case real(Double)
  case text(ByteBuffer)
  case blob(ByteBuffer)

  /// Reads `cell`, sent in binary format (PostgresNIO's default) or as text.
  init(_ cell: PostgresCell) {
    guard let bytes = cell.bytes else {
      self = .null
      return
    }
    guard cell.format == .binary else {
      self = .text(bytes)
      return
    }
    if let fixed = bytes.withUnsafeReadableBytes({ Self.fixedWidth(cell.dataType, $0) }) {
      self = fixed
      return
    }
    switch cell.dataType {
    case .numeric:
      guard let decimal = try? cell.decode(Decimal.self) else {
        self = .blob(bytes)
        return
      }
      let double = NSDecimalNumber(decimal: decimal).doubleValue
      if double.rounded() == double, let whole = Int64(exactly: double),
        Decimal(whole) == decimal
      {
        self = .integer(whole)
      } else {
        self = .real(double)
      }
    default:
      self = Self.isText(cell.dataType) ? .text(bytes) : .blob(bytes)
    }
  }

  /// The integer (`int2`, `int4`, `int8`, `bool`) or real (`float4`, `float8`) that `bytes` hold
  /// in binary format; `nil` for other types, or when the bytes are too short for the type.
  static func fixedWidth(_ type: PostgresDataType, _ bytes: UnsafeRawBufferPointer) -> StoredValue?
  {
    func bigEndian<T: FixedWidthInteger>(_: T.Type) -> T? {
      bytes.count >= MemoryLayout<T>.size ? T(bigEndian: bytes.loadUnaligned(as: T.self)) : nil
    }
    switch type {
    case .int8: return bigEndian(Int64.self).map { .integer($0) }
    case .int4: return bigEndian(Int32.self).map { .integer(Int64($0)) }
    case .int2: return bigEndian(Int16.self).map { .integer(Int64($0)) }
    case .bool: return bigEndian(UInt8.self).map { .integer($0 == 0 ? 0 : 1) }
    case .float8: return bigEndian(UInt64.self).map { .real(Double(bitPattern: $0)) }
    case .float4: return bigEndian(UInt32.self).map { .real(Double(Float(bitPattern: $0))) }
    default: return nil
    }
  }

  /// Whether values of `type` are text (the character types).
  static func isText(_ type: PostgresDataType) -> Bool {
    switch type {
    case .text, .varchar, .bpchar, .name: true
    default: false
    }
  }

  /// The value as text bytes, as SQLite converts a value read as text: integers in decimal,
  /// reals with 15 significant digits (and `.0` when whole), text and blobs as their bytes;
  /// `nil` for NULL.
  func withText<T>(_ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
    switch self {
    case .null: return try body(nil)
    case .integer(let value): return try Array(String(value).utf8).withUnsafeBytes { try body($0) }
    case .real(let value):
      return try Array(Self.sqliteText(value).utf8).withUnsafeBytes { try body($0) }
    case .text(let bytes), .blob(let bytes):
      return try bytes.withUnsafeReadableBytes { try body($0) }
    }
  }

  /// The value as a string (see ``withText(_:)``); `nil` for NULL.
  var string: String? {
    withText { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
  }

  /// The value as a number: integers and reals; `nil` for NULL, text and blobs (as the SQLite
  /// reader reads audio features).
  var number: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .real(let value): value
    default: nil
    }
  }

  /// SQLite's text form of a real (`%!.15g`).
  static func sqliteText(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "" : (value < 0 ? "-Inf" : "Inf") }
    let text = String(format: "%.15g", value)
    return text.contains(where: { ".eE".contains($0) }) ? text : text + ".0"
  }
}
