import BuildPipeline
import Testing

@testable import Engine

/// The table of sections at the end of a state, by which its parts are decoded side by side.
@Suite("State sections")
struct StateSectionsTests {
  /// Three sections: 16 bytes, then 8, then 8, and the table (two marks and their count).
  static func written() -> [UInt8] {
    var writer = BinaryWriter()
    writer.write(Int64(1))
    writer.write(Int64(2))
    writer.mark()
    writer.write(Int64(3))
    writer.mark()
    writer.write(Int64(4))
    writer.writeSectionTable()
    return writer.bytes
  }

  @Test func eachSectionReadsAloneAndNotPastItsEnd() throws {
    let bytes = Self.written()
    #expect(bytes.count == 32 + 3 * 8)
    let sections = try StateSections(StateSource(bytes: bytes))
    #expect(sections.count == 3)
    #expect((0..<3).map(sections.size) == [16, 8, 8])
    var first = sections.reader(0)
    #expect(try first.read(Int64.self) == 1)
    #expect(try first.read(Int64.self) == 2)
    #expect(first.isAtEnd)
    #expect(throws: StateError.damaged) { try first.read(Int64.self) }
    var last = sections.reader(2)
    #expect(try last.read(Int64.self) == 4)
    #expect(throws: StateError.damaged) { try last.read(UInt8.self) }
  }

  @Test func aTableThatDoesNotFitIsDamage() {
    let bytes = Self.written()
    // A count larger than the state could hold.
    var huge = bytes
    huge.replaceSubrange(
      huge.count - 8..<huge.count, with: withUnsafeBytes(of: Int64(99)) { Array($0) })
    #expect(throws: StateError.damaged) { try StateSections(StateSource(bytes: huge)) }
    // Marks that go back: the second (at 24) made 8.
    var back = bytes
    back.replaceSubrange(40..<48, with: withUnsafeBytes(of: Int64(8)) { Array($0) })
    #expect(throws: StateError.damaged) { try StateSections(StateSource(bytes: back)) }
    // Shorter than a count.
    #expect(throws: StateError.damaged) { try StateSections(StateSource(bytes: [1, 2, 3])) }
  }
}
