import Foundation

/// One PostgreSQL value, received in binary format, as the kinds of value SQLite stores
/// (integer, real, text, blob, NULL), so that the same logical rows reach the validators as the
/// same cells from either database.
///
/// Integers (`int2`, `int4`, `int8`, `bool`) are integers; `float4` and `float8` are reals;
/// `numeric` is an integer when it is whole and fits 64 bits, else a real (as SQLite's INTEGER
/// affinity stores it); character types are text; `bytea` and any other type are blobs of the
/// bytes received.
enum StoredValue: Equatable {
  case null
  case integer(Int64)
  case real(Double)
  case text([UInt8])
  case blob([UInt8])

  /// PostgreSQL's type ids (`pg_type.oid`) that TuneDash reads as something other than a blob.
  enum TypeID {
    static let bool: UInt32 = 16
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
    static let numeric: UInt32 = 1700
  }

  /// Reads `bytes`, a value of type `type` in binary format; `nil` bytes are NULL.
  init(type: UInt32, _ bytes: UnsafeRawBufferPointer?) {
    guard let bytes else {
      self = .null
      return
    }
    if let fixed = Self.fixedWidth(type, bytes) {
      self = fixed
    } else if type == TypeID.numeric {
      self = Self.numeric(bytes) ?? .blob(Array(bytes))
    } else {
      self = Self.isText(type) ? .text(Array(bytes)) : .blob(Array(bytes))
    }
  }

  /// The integer (`int2`, `int4`, `int8`, `bool`) or real (`float4`, `float8`) that `bytes` hold
  /// in binary format; `nil` for other types, or when the bytes are not the type's size.
  @inline(__always)
  static func fixedWidth(_ type: UInt32, _ bytes: UnsafeRawBufferPointer) -> StoredValue? {
    func bigEndian<T: FixedWidthInteger>(_: T.Type) -> T? {
      bytes.count == MemoryLayout<T>.size ? T(bigEndian: bytes.loadUnaligned(as: T.self)) : nil
    }
    switch type {
    case TypeID.int8: return bigEndian(Int64.self).map { .integer($0) }
    case TypeID.int4: return bigEndian(Int32.self).map { .integer(Int64($0)) }
    case TypeID.int2: return bigEndian(Int16.self).map { .integer(Int64($0)) }
    case TypeID.bool: return bigEndian(UInt8.self).map { .integer($0 == 0 ? 0 : 1) }
    case TypeID.float8: return bigEndian(UInt64.self).map { .real(Double(bitPattern: $0)) }
    case TypeID.float4: return bigEndian(UInt32.self).map { .real(Double(Float(bitPattern: $0))) }
    default: return nil
    }
  }

  /// Whether values of `type` are text (the character types).
  @inline(__always)
  static func isText(_ type: UInt32) -> Bool {
    switch type {
    case TypeID.text, TypeID.varchar, TypeID.bpchar, TypeID.name: true
    default: false
    }
  }

  /// A `numeric` in binary format: the number of base-10,000 digits, the weight of the first
  /// (its power of 10,000), the sign (0 positive, 0x4000 negative; NaN and infinities are
  /// `nil`), the display scale, then the digits, all 16-bit big-endian. Whole values that fit
  /// 64 bits are integers; others are the nearest real, through their decimal text.
  static func numeric(_ bytes: UnsafeRawBufferPointer) -> StoredValue? {
    func word(_ index: Int) -> Int? {
      guard index * 2 + 2 <= bytes.count else { return nil }
      return Int(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
    }
    guard let count = word(0), let weightBits = word(1), let sign = word(2), word(3) != nil,
      sign == 0 || sign == 0x4000, bytes.count == 8 + count * 2
    else { return nil }
    let weight = Int(Int16(truncatingIfNeeded: weightBits))
    let digits = (0..<count).compactMap { word(4 + $0) }
    guard digits.allSatisfy({ $0 < 10_000 }) else { return nil }
    // Base-10,000 digit i stands for digits[i] × 10,000^(weight − i).
    let digit = { (power: Int) -> Int in
      let index = weight - power
      return index >= 0 && index < count ? digits[index] : 0
    }
    var whole = ""
    for power in stride(from: max(weight, 0), through: 0, by: -1) {
      let group = String(digit(power))
      whole += whole.isEmpty ? group : String(repeating: "0", count: 4 - group.count) + group
    }
    var fraction = ""
    for power in stride(from: -1, through: min(weight - count + 1, -1), by: -1) {
      let group = String(digit(power))
      fraction += String(repeating: "0", count: 4 - group.count) + group
    }
    let minus = sign == 0x4000 ? "-" : ""
    if fraction.allSatisfy({ $0 == "0" }), let integer = Int64(minus + whole) {
      return .integer(integer)
    }
    return Double(minus + whole + "." + (fraction.isEmpty ? "0" : fraction)).map { .real($0) }
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
      return try bytes.withUnsafeBytes { try body($0) }
    }
  }

  /// The value as a string (see ``withText(_:)``); `nil` for NULL.
  var string: String? {
    withText { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
  }

  /// SQLite's text form of a real (`%!.15g`).
  static func sqliteText(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "" : (value < 0 ? "-Inf" : "Inf") }
    let text = String(format: "%.15g", value)
    return text.contains(where: { ".eE".contains($0) }) ? text : text + ".0"
  }
}
