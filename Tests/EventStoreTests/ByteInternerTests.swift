import Testing

@testable import EventStore

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

@Suite("Interning, rebuilt from storage")
struct ByteInternerStorageTests {
  /// Keys of every length around the eight bytes a slot holds, many sharing their first eight.
  static let keys: [String] =
    ["", "a", "abcdefgh", "abcdefghi", "abcdefghij"]
    + (0..<3_000).map { "listener-\($0)" } + (0..<300).map { "t\($0)" }

  @Test func aRebuiltInternerFindsEveryKeyAtItsIndexAndGoesOnCountingFromThere() {
    var original = ByteInterner()
    for key in Self.keys { original.intern(key) }
    let storage = original.storage
    var rebuilt = ByteInterner(arena: storage.arena, starts: storage.starts)
    #expect(rebuilt.count == Self.keys.count)
    for (index, key) in Self.keys.enumerated() {
      #expect(rebuilt.index(of: key) == Int32(index), "\(key)")
      #expect(rebuilt.string(at: Int32(index)) == key)
    }
    #expect(rebuilt.index(of: "listener-3000") == nil)
    #expect(rebuilt.index(of: "abcdefghk") == nil)
    // Interning goes on where the original would: old keys keep their index, new ones follow.
    #expect(rebuilt.intern("abcdefghi") == 3)
    #expect(rebuilt.intern("listener-3000") == Int32(Self.keys.count))
    #expect(original.intern("listener-3000") == Int32(Self.keys.count))
    #expect(rebuilt.storage.arena == original.storage.arena)
    #expect(rebuilt.storage.starts == original.storage.starts)
  }

  @Test func aRebuiltTableIsTheSizeInterningOneByOneGrewItTo() {
    // Around the growth points: the table doubles when more than half of it is taken.
    for count in [0, 1, 32, 33, 64, 65, 3_305] {
      var original = ByteInterner()
      for index in 0..<count { original.intern("k\(index)") }
      let storage = original.storage
      let rebuilt = ByteInterner(arena: storage.arena, starts: storage.starts)
      #expect(rebuilt.tableSize == original.tableSize, "\(count) keys")
    }
  }

  @Test func anEmptyStorageGivesAnEmptyInterner() {
    var rebuilt = ByteInterner(arena: [], starts: [0])
    #expect(rebuilt.count == 0)
    #expect(rebuilt.index(of: "a") == nil)
    #expect(rebuilt.intern("a") == 0)
  }

  @Test func aKeyStoredTwiceKeepsOnlyTheKeysBeforeIt() {
    // "abcdefghij", "x", "abcdefghij", "y": the second copy of a long key.
    let arena = Array("abcdefghijxabcdefghijy".utf8)
    let rebuilt = ByteInterner(arena: arena, starts: [0, 10, 11, 21, 22])
    #expect(rebuilt.count == 2)
    #expect(rebuilt.index(of: "x") == 1)
    #expect(rebuilt.index(of: "y") == nil)
    #expect(rebuilt.storage.starts == [0, 10, 11])
    // A short key stored twice.
    let short = ByteInterner(arena: Array("aba".utf8), starts: [0, 1, 2, 3])
    #expect(short.count == 2)
  }
}
