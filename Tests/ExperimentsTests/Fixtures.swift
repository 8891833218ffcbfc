import Experiments

/// A listener's tally, written as in the comments: likes/ratings of A, then of B.
func tally(_ likesA: Int, _ ratingsA: Int, _ likesB: Int, _ ratingsB: Int) -> ListenerTally {
  ListenerTally(likesA: likesA, ratingsA: ratingsA, likesB: likesB, ratingsB: ratingsB)
}

/// Whether `actual` is within `tolerance` of `expected`, relative to |expected| when that
/// exceeds 1 and absolute otherwise.
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
  guard let actual else { return false }
  return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// The 4 listeners of the hand-worked case (see `HandWorkedTests`): likes/ratings of A, of B.
let fourListeners = [
  tally(3, 4, 0, 0),
  tally(1, 4, 4, 4),
  tally(0, 0, 1, 2),
  tally(0, 0, 1, 2),
]

/// A seeded stream of numbers (SplitMix64), so generated tallies are the same on every run.
struct SeededNumbers {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A whole number in 0..<bound.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// `count` listeners: a third rated only A, a third only B, a third both (a few rated
  /// nothing), each with 0–29 ratings per version and their own like rate.
  static func tallies(count: Int, seed: UInt64) -> [ListenerTally] {
    var numbers = SeededNumbers(seed: seed)
    return (0..<count).map { _ in
      let kind = numbers.below(3)
      func version(_ rated: Bool) -> (Int, Int) {
        guard rated else { return (0, 0) }
        let ratings = numbers.below(30)
        let rate = 40 + numbers.below(50)
        let likes = (0..<ratings).count { _ in numbers.below(100) < rate }
        return (likes, ratings)
      }
      let (likesA, ratingsA) = version(kind != 1)
      let (likesB, ratingsB) = version(kind != 0)
      return tally(likesA, ratingsA, likesB, ratingsB)
    }
  }
}
