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
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
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

/// Samples an index in O(1) with probability proportional to its weight (Vose's alias method).
struct AliasTable: Sendable {
  private var probability: [Double]
  private var alias: [Int32]

  init(weights: [Double]) {
    let n = weights.count
    precondition(n > 0, "an alias table needs at least one weight")
    let total = weights.reduce(0, +)
    var scaled = weights.map { total > 0 ? $0 * Double(n) / total : 1 }
    probability = Array(repeating: 1, count: n)
    alias = Array(repeating: 0, count: n)
    var small: [Int] = []
    var large: [Int] = []
    for (i, p) in scaled.enumerated() {
      if p < 1 { small.append(i) } else { large.append(i) }
    }
    while let s = small.popLast(), let l = large.popLast() {
      probability[s] = scaled[s]
      alias[s] = Int32(l)
      scaled[l] = scaled[l] + scaled[s] - 1
      if scaled[l] < 1 { small.append(l) } else { large.append(l) }
    }
  }

  var count: Int { probability.count }

  @inline(__always)
  func sample(_ random: inout SplitMix64) -> Int {
    let i = random.below(probability.count)
    return random.unit() < probability[i] ? i : Int(alias[i])
  }
}
