/// A 64-bit FNV-1a digest: the same bytes give the same value in every run and on every
/// machine (unlike Swift's `Hasher`, which is seeded per process). For fingerprints, not for
/// security.
public struct StableDigest: Sendable {
  /// The digest so far.
  public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

  /// An empty digest.
  public init() {}

  /// Adds bytes.
  public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01B3
    }
  }

  /// Adds a fixed-width integer's bytes.
  public mutating func add<T: FixedWidthInteger>(integer: T) {
    withUnsafeBytes(of: integer.littleEndian) { add($0) }
  }

  /// Adds one byte that separates fields, so `("ab", "c")` and `("a", "bc")` differ.
  public mutating func add(separator: UInt8) { add(CollectionOfOne(separator)) }

  /// SplitMix64's finaliser: every bit of `value` spread over every bit of the result, so that
  /// values which differ a little (digests, counters) come out unrelated.
  @inlinable @inline(__always)
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
