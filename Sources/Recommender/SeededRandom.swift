/// A small, fast random number generator with a fixed seed (xoshiro256**), so that the same
/// catalog and options always give the same clusters. Not for anything secret.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator whose whole sequence is fixed by `seed`.
  public init(seed: UInt64) {
    // Spread the seed over the four words with an LCG step and a mixing shift; never all zero.
    var x = seed
    func next() -> UInt64 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return x ^ (x >> 29)
    }
    (s0, s1, s2, s3) = (next(), next(), next(), next() | 1)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  /// A uniform value in [0, 1).
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
