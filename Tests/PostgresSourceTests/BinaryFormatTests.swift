import EventStore
import Testing

@testable import PostgresSource

/// PostgreSQL's binary formats, bytes written out by hand from the protocol's description.
@Suite("Binary COPY and numeric values")
struct BinaryFormatTests {
  /// Big-endian bytes of a 16- or 32-bit integer.
  static func be16(_ value: Int16) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
  static func be32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

  /// A numeric: digit count, weight, sign, scale, then the base-10,000 digits.
  static func numeric(weight: Int16, sign: UInt16 = 0, scale: Int16 = 0, _ digits: [Int16])
    -> [UInt8]
  {
    be16(Int16(digits.count)) + be16(weight) + be16(Int16(bitPattern: sign)) + be16(scale)
      + digits.flatMap(be16)
  }

  static func value(_ bytes: [UInt8]) -> StoredValue? {
    bytes.withUnsafeBytes { StoredValue.numeric($0) }
  }

  @Test func numericsThatAreWholeAreIntegers() {
    // 1,234,567,890 = 12 × 10,000² + 3456 × 10,000 + 7890: weight 2.
    #expect(Self.value(Self.numeric(weight: 2, [12, 3456, 7890])) == .integer(1_234_567_890))
    // 50,000 = 5 × 10,000¹, the trailing zero digit left out: weight 1, one digit.
    #expect(Self.value(Self.numeric(weight: 1, [5])) == .integer(50_000))
    // −7 with scale 2 ("−7.00") is still whole.
    #expect(Self.value(Self.numeric(weight: 0, sign: 0x4000, scale: 2, [7])) == .integer(-7))
    // Zero: no digits at all.
    #expect(Self.value(Self.numeric(weight: 0, [])) == .integer(0))
    // 2^63 does not fit: the nearest real.
    // 9,223,372,036,854,775,808 = 922 3372 0368 5477 5808 in base 10,000: weight 4.
    #expect(
      Self.value(Self.numeric(weight: 4, [922, 3372, 368, 5477, 5808]))
        == .real(9.223372036854775808e18))
  }

  @Test func numericsWithAFractionAreReals() {
    // 12.5 = 12 × 10,000⁰ + 5000 × 10,000⁻¹.
    #expect(Self.value(Self.numeric(weight: 0, scale: 1, [12, 5000])) == .real(12.5))
    // 0.0003 = 3 × 10,000⁻¹: weight −1, nothing before the point.
    #expect(Self.value(Self.numeric(weight: -1, scale: 4, [3])) == .real(0.0003))
    // −0.00000001 = 1 × 10,000⁻²: weight −2 (the zero group 10,000⁻¹ is not sent).
    #expect(Self.value(Self.numeric(weight: -2, sign: 0x4000, scale: 8, [1])) == .real(-0.00000001))
    // 0.000001 = 100 × 10,000⁻²: the group's digits are not its decimal digits.
    #expect(Self.value(Self.numeric(weight: -2, scale: 6, [100])) == .real(0.000001))
  }

  @Test func notANumberAndDamagedNumericsAreNotNumbers() {
    #expect(Self.value(Self.numeric(weight: 0, sign: 0xC000, [])) == nil)
    #expect(Self.value(Self.numeric(weight: 0, [10_000])) == nil)
    #expect(Self.value(Array(Self.numeric(weight: 0, [1]).dropLast())) == nil)
  }

  /// A binary COPY stream's header.
  static let header = CopyDecoder.signature + be32(0) + be32(0)

  /// One row: its field count, then each field's length and bytes (nil: NULL).
  static func row(_ fields: [[UInt8]?]) -> [UInt8] {
    be16(Int16(fields.count)) + fields.flatMap { $0.map { be32(Int32($0.count)) + $0 } ?? be32(-1) }
  }

  @Test func copyRowsKeepEachValuesKind() throws {
    // Columns: an int8 id, a text user, a float8, an int4 user id read as text.
    var decoder = CopyDecoder(
      types: [
        StoredValue.TypeID.int8, StoredValue.TypeID.text, StoredValue.TypeID.float8,
        StoredValue.TypeID.int4,
      ],
      textColumns: 0b1010)
    var batch = RawBatch(columns: 4)
    let id: [UInt8] = [0, 0, 0, 0, 0, 0, 1, 0x2C]  // 300
    let real = withUnsafeBytes(of: (2.5).bitPattern.bigEndian, Array.init)
    let first = Self.header + Self.row([id, Array("ana".utf8), real, Self.be32(17)])
    let second = Self.row([id, nil, nil, nil]) + Self.be16(-1)
    #expect(first.withUnsafeBytes { decoder.append($0, to: &batch) })
    #expect(!decoder.ended)
    #expect(second.withUnsafeBytes { decoder.append($0, to: &batch) })
    #expect(decoder.ended)
    #expect(batch.count == 2)
    batch.withRows { rows in
      #expect(rows.number(0, 0) == 300)
      #expect(rows.bytes(0, 1).map { String(decoding: $0, as: UTF8.self) } == "ana")
      #expect(rows.number(0, 2) == 2.5)
      #expect(rows.bytes(0, 3).map { String(decoding: $0, as: UTF8.self) } == "17")
      #expect(rows.bytes(1, 1) == nil && rows.number(1, 2) == nil)
    }
  }

  @Test func anythingElseIsRefused() {
    var batch = RawBatch(columns: 1)
    var decoder = CopyDecoder(types: [StoredValue.TypeID.int8], textColumns: 0)
    // No signature.
    #expect(!Self.row([Self.be32(1)]).withUnsafeBytes { decoder.append($0, to: &batch) })
    // Two fields where one was asked for.
    decoder = CopyDecoder(types: [StoredValue.TypeID.int8], textColumns: 0)
    #expect(
      !(Self.header + Self.row([nil, nil])).withUnsafeBytes { decoder.append($0, to: &batch) })
    // A field longer than the message.
    decoder = CopyDecoder(types: [StoredValue.TypeID.int8], textColumns: 0)
    #expect(
      !(Self.header + Self.be16(1) + Self.be32(8) + [0, 1]).withUnsafeBytes {
        decoder.append($0, to: &batch)
      })
  }
}
