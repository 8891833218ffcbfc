import EventStore
import Testing

/// Lookups of keys in the interner's order, out of it, repeated and unknown: the same indexes as
/// the interner's own lookup every time.
@Suite("ByteInterner lookups from a position")
struct ByteInternerOrderedLookupTests {
  static func interner(_ keys: [String]) -> ByteInterner {
    var interner = ByteInterner()
    for key in keys { _ = interner.intern(key) }
    return interner
  }

  @Test func everyOrderGivesTheInternersIndexes() {
    let keys = ["a", "ab", "b", "t001", "t002", "t010", "é"]
    let interner = Self.interner(keys)
    let queries = [
      "a", "ab", "ab", "b", "t001", "t002", "t010", "é",  // in order, one repeated
      "t002", "a", "é", "t001",  // out of order
      "zz", "", "t01",  // unknown
      "t001", "t002",  // in order again after a jump
    ]
    var next: Int32 = 0
    for query in queries {
      let bytes = Array(query.utf8)
      let found = bytes.withUnsafeBytes { interner.index(of: $0, from: &next) }
      #expect(found == bytes.withUnsafeBytes { interner.index(of: $0) }, "\(query)")
    }
    #expect(Self.interner([]).count == 0)
    var start: Int32 = 0
    #expect(
      Array("a".utf8).withUnsafeBytes { Self.interner([]).index(of: $0, from: &start) } == nil)
  }
}
