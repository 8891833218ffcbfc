import BuildPipeline
import EventStore
import Testing

@testable import Engine

/// The listeners and labels a state carries, read back.
@Suite("State interners")
struct StateInternerTests {
  @Test func anInternerReadsBackWithTheSameIndexes() throws {
    var users = ByteInterner()
    for id in ["u1", "listener-with-a-long-id", "u2"] { users.intern(id) }
    var writer = BinaryWriter()
    writer.write(users)
    var reader = BinaryReader(StateSource(bytes: writer.bytes))
    let read = try reader.readInterner()
    #expect(read.count == 3)
    #expect(read.index(of: "listener-with-a-long-id") == 1)
    #expect(read.index(of: "u2") == 2)
  }

  @Test func aListenerWrittenTwiceIsDamage() {
    // The arena and starts of "u1", "u2", "u1", as a damaged state would hold them.
    var writer = BinaryWriter()
    writer.write(Array("u1u2u1".utf8))
    writer.write([0, 2, 4, 6])
    var reader = BinaryReader(StateSource(bytes: writer.bytes))
    #expect(throws: StateError.damaged) { try reader.readInterner() }
  }
}
