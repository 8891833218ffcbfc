import EventStore
import Testing

@Suite("Interning")
struct ByteInternerTests {
  @Test func interningGivesDenseIndexesInOrderOfFirstSight() {
    var ids = ByteInterner()
    #expect(ids.intern("u1") == 0)
    #expect(ids.intern("u2") == 1)
    #expect(ids.intern("u1") == 0)
    for i in 0..<5_000 { ids.intern("user-\(i)") }
    #expect(ids.count == 5_002)
    #expect(ids.string(at: 1) == "u2")
    #expect(ids.index(of: "user-4999") == 5_001)
    #expect(ids.index(of: "nobody") == nil)
  }
}
