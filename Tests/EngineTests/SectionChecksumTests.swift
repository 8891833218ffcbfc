import Testing

@testable import Engine

/// The checksum of a state's sections: the same however the bytes are cut into calls, and
/// different when any byte, or the length, differs.
@Suite("Section checksums")
struct SectionChecksumTests {
  static func checksum(_ bytes: [UInt8], cuts: [Int] = []) -> UInt64 {
    var checksum = SectionChecksum()
    var start = 0
    for cut in cuts.sorted() + [bytes.count] {
      bytes.withUnsafeBytes { checksum.add(UnsafeRawBufferPointer(rebasing: $0[start..<cut])) }
      start = cut
    }
    return checksum.value
  }

  static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
  }

  @Test func theSameBytesCutAnywhereGiveTheSameChecksum() {
    var state: UInt64 = 3
    for count in [0, 1, 7, 31, 32, 33, 64, 95, 1_000] {
      let bytes = Self.bytes(count, seed: UInt64(count))
      let whole = Self.checksum(bytes)
      for _ in 0..<20 {
        let cuts = (0..<4).map { _ -> Int in
          state = state &* 6_364_136_223_846_793_005 &+ 1
          return count == 0 ? 0 : Int(state >> 33) % (count + 1)
        }
        #expect(Self.checksum(bytes, cuts: cuts) == whole, "\(count) bytes cut at \(cuts)")
      }
      // Byte by byte.
      #expect(Self.checksum(bytes, cuts: Array(0...count)) == whole)
    }
  }

  @Test func anyByteChangedOrAddedChangesIt() {
    let bytes = Self.bytes(100, seed: 9)
    let original = Self.checksum(bytes)
    var seen: Set<UInt64> = [original]
    for index in bytes.indices {
      for bit in [0, 7] {
        var changed = bytes
        changed[index] ^= 1 << bit
        seen.insert(Self.checksum(changed, cuts: [index / 2]))
      }
    }
    #expect(seen.count == 1 + 2 * bytes.count, "every flipped bit gives a checksum of its own")
    #expect(Self.checksum(bytes + [0]) != original)
    #expect(Self.checksum(Array(bytes.dropLast())) != original)
    #expect(Self.checksum([]) != Self.checksum([0]))
    // Two words swapped between lanes.
    var swapped = bytes
    swapped.swapAt(0, 8)
    #expect(Self.checksum(swapped) != original || bytes[0] == bytes[8])
  }
}
