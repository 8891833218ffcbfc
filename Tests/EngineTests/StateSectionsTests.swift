import BuildPipeline
import Foundation
import Testing

@testable import Engine

/// The table of sections at the end of a state, by which its parts are decoded side by side.
@Suite("State sections")
struct StateSectionsTests {
  /// Three sections: 16 bytes, then 8, then 8, and the table (two marks, three checksums and the
  /// number of marks).
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
    #expect(bytes.count == 32 + 6 * 8)
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

  /// A section whose bytes changed after it was written (a state torn by a power cut, or
  /// written over while it was read) is damage once its last byte is read; the others read on.
  @Test func aSectionWhoseBytesChangedIsDamageOnceReadToItsEnd() throws {
    var bytes = Self.written()
    bytes[19] ^= 0x40  // in section 1 (bytes 16 ..< 24)
    let sections = try StateSections(StateSource(bytes: bytes))
    var first = sections.reader(0)
    #expect(try first.read(Int64.self) == 1)
    #expect(try first.read(Int64.self) == 2)
    var second = sections.reader(1)
    #expect(throws: StateError.damaged) { try second.read(Int64.self) }
    var third = sections.reader(2)
    #expect(try third.read(Int64.self) == 4)
    // A reader that stops early checks the rest with readToEnd.
    var part = sections.reader(1)
    #expect(throws: StateError.damaged) { try part.readToEnd() }
    var whole = try StateSections(StateSource(bytes: Self.written())).reader(0)
    _ = try whole.read(UInt8.self)
    try whole.readToEnd()
    #expect(whole.isAtEnd)
    // A checksum in the table changed: the same.
    var table = Self.written()
    table[table.count - 9] ^= 1  // the last section's checksum
    var last = try StateSections(StateSource(bytes: table)).reader(2)
    #expect(throws: StateError.damaged) { try last.read(Int64.self) }
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

/// A build's state is read under a shared lock, so that no build writes its state over a file
/// being read; a file some build holds for writing is no state to read.
@Suite("State files held while read")
struct StateSourceLockTests {
  @Test func aStateBeingReadIsLockedAndAStateBeingWrittenIsNotRead() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("tunedash-lock-\(UUID().uuidString).state").path
    defer { unlink(path) }
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(StateSectionsTests.written())))
    let writer = open(path, O_RDWR)
    defer { close(writer) }
    do {
      let source = try #require(StateSource(file: URL(fileURLWithPath: path)))
      #expect(source.size == StateSectionsTests.written().count)
      #expect(flock(writer, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK, "held while read")
    }
    // The reader gone, a writer takes the file; then it cannot be read.
    #expect(flock(writer, LOCK_EX | LOCK_NB) == 0)
    #expect(StateSource(file: URL(fileURLWithPath: path)) == nil)
    #expect(flock(writer, LOCK_UN) == 0)
    #expect(StateSource(file: URL(fileURLWithPath: path)) != nil)
  }
}
