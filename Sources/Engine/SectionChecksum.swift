import EventStore

/// A 64-bit checksum of a stream of bytes, the same however the stream is cut into calls of
/// ``add(_:)``: four lanes take 8-byte words in turn (32 bytes a round, each word multiplied,
/// added and rotated into its lane), and the last round's bytes, the length and the lanes are
/// mixed at the end. Fast enough to cover every byte of a state as it is written and read (a few
/// GB/s on one core); it finds damage — a torn write, a file overwritten while it was read — not
/// forgery.
package struct SectionChecksum: Sendable {
  private static let multiplier: UInt64 = 0x9E37_79B1_85EB_CA87
  private static let adder: UInt64 = 0xC2B2_AE3D_27D4_EB4F

  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
    0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
  )
  /// Bytes waiting for a whole round (fewer than 32).
  private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var pendingCount = 0
  private var length: UInt64 = 0

  /// An empty checksum.
  package init() {}

  @inline(__always)
  private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
    ((lane &+ word &* adder) << 31 | (lane &+ word &* adder) >> 33) &* multiplier
  }

  @inline(__always)
  private mutating func round(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
    lanes.0 = Self.round(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    lanes.1 = Self.round(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
    lanes.2 = Self.round(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
    lanes.3 = Self.round(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
  }

  /// Adds the next bytes of the stream.
  package mutating func add(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    length &+= UInt64(bytes.count)
    var offset = 0
    if pendingCount > 0 {
      let taken = min(32 - pendingCount, bytes.count)
      let start = pendingCount
      withUnsafeMutableBytes(of: &pending) { pending in
        pending.baseAddress!.advanced(by: start).copyMemory(
          from: bytes.baseAddress!, byteCount: taken)
      }
      pendingCount += taken
      offset = taken
      guard pendingCount == 32 else { return }
      let full = pending
      withUnsafeBytes(of: full) { round($0, at: 0) }
      pendingCount = 0
    }
    while offset + 32 <= bytes.count {
      round(bytes, at: offset)
      offset += 32
    }
    if offset < bytes.count {
      let rest = bytes.count - offset
      withUnsafeMutableBytes(of: &pending) { pending in
        pending.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: rest)
      }
      pendingCount = rest
    }
  }

  /// The checksum of the bytes added so far.
  package var value: UInt64 {
    var result =
      lanes.0 ^ (lanes.1 << 7 | lanes.1 >> 57) ^ (lanes.2 << 19 | lanes.2 >> 45)
      ^ (lanes.3 << 37 | lanes.3 >> 27)
    result = StableDigest.mix(result ^ length)
    withUnsafeBytes(of: pending) { pending in
      for index in 0..<pendingCount {
        result = StableDigest.mix(result ^ UInt64(pending[index]) &+ UInt64(index))
      }
    }
    return result
  }
}
