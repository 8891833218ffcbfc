import EventStore

/// A small, fast, seedable random number generator (SplitMix64), so demo data is the same for
/// the same seed on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator; equal seeds give equal sequences.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return StableDigest.mix(state)
  }

  /// Moves on as `count` calls of ``next()`` would, without computing their numbers.
  public mutating func skip(_ count: Int) {
    state &+= 0x9E37_79B9_7F4A_7C15 &* UInt64(count)
  }

  /// A uniform double in `[0, 1)`.
  @inline(__always)
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform integer in `0 ..< bound` (bound > 0).
  @inline(__always)
  public mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bound).multipliedFullWidth(by: next())).high)
  }

  /// A uniformly chosen element of a non-empty array.
  @inline(__always)
  public mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }

  /// Shuffles `elements` in place (Fisher–Yates), independent of the standard library's algorithm.
  public mutating func shuffle<T>(_ elements: inout [T]) {
    guard elements.count > 1 else { return }
    for i in stride(from: elements.count - 1, to: 0, by: -1) {
      elements.swapAt(i, below(i + 1))
    }
  }

  /// `true` with probability `p`.
  @inline(__always)
  public mutating func chance(_ p: Double) -> Bool { unit() < p }
}
