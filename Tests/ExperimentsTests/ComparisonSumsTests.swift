import Testing

@testable import Experiments

@Suite("Sums: one listener at a time, merged, equal to the direct computation")
struct ComparisonSumsTests {
  static let listeners = SeededNumbers.tallies(count: 300, seed: 23)

  /// Whether every number of two comparisons agrees to a relative 10⁻¹².
  static func expectSame(_ x: VersionComparison, _ y: VersionComparison) {
    #expect(x.listeners == y.listeners)
    #expect(x.a == y.a)
    #expect(x.b == y.b)
    #expect(x.difference == y.difference)
    #expect(x.verdict == y.verdict)
    let numbers: [(Double?, Double?)] = [
      (x.variance?.a, y.variance?.a), (x.variance?.b, y.variance?.b),
      (x.variance?.covariance, y.variance?.covariance), (x.variance?.total, y.variance?.total),
      (x.ci95?.lower, y.ci95?.lower), (x.ci95?.upper, y.ci95?.upper), (x.pValue, y.pValue),
      (x.alwaysValid95?.lower, y.alwaysValid95?.lower),
      (x.alwaysValid95?.upper, y.alwaysValid95?.upper),
    ]
    for (actual, expected) in numbers {
      #expect(expected != nil)
      #expect(
        isClose(actual, expected ?? .nan, tolerance: 1e-12), "\(actual as Any) \(expected as Any)")
    }
  }

  // The hand-worked four listeners, summed: n = 4; A: Σy = 4, Σm = 8, Σy² = 9 + 1 = 10,
  // Σm² = 16 + 16 = 32, Σy·m = 12 + 4 = 16; B: Σy = 6, Σm = 8, Σy² = 16 + 1 + 1 = 18,
  // Σm² = 16 + 4 + 4 = 24, Σy·m = 16 + 2 + 2 = 20; cross (listener 2 only, A 1/4, B 4/4):
  // Σy_A·y_B = 4, Σy_A·m_B = 4, Σm_A·y_B = 16, Σm_A·m_B = 16.
  // Check Σe_A² = 10 − 2·0.5·16 + 0.25·32 = 2 and Σe_A·e_B = 4 − 0.75·4 − 0.5·16 + 0.375·16
  // = −1, as in HandWorkedTests.
  @Test func fourListenersSums() {
    let sums = ComparisonSums(tallies: fourListeners)
    #expect(sums.listeners == 4)
    #expect(
      sums.a
        == ComparisonSums.Version(
          listeners: 2, likes: 4, ratings: 8, likesSquared: 10, ratingsSquared: 32,
          likesTimesRatings: 16))
    #expect(
      sums.b
        == ComparisonSums.Version(
          listeners: 3, likes: 6, ratings: 8, likesSquared: 18, ratingsSquared: 24,
          likesTimesRatings: 20))
    #expect(
      sums.cross
        == ComparisonSums.Cross(
          likesALikesB: 4, likesARatingsB: 4, ratingsALikesB: 16, ratingsARatingsB: 16))
    // (Σm_A)²·Σe_A² = 64 · 2 and Σm_A·Σm_B·Σe_A·e_B = 64 · (−1), exactly.
    #expect(sums.a.scaledSquaredResiduals == 128)
    #expect(sums.scaledCrossResiduals == -64)
  }

  @Test func sumsGiveTheDirectComputation() {
    let direct = VersionComparison(tallies: Self.listeners)
    #expect(direct.listeners > 250)
    #expect(direct.variance.map { $0.covariance != 0 } == true)
    Self.expectSame(ComparisonSums(tallies: Self.listeners).comparison, direct)
  }

  // Three partitions of disjoint listeners, merged in two orders: the sums are integers, so
  // the merged sums — and so every number — are exactly the single computation's.
  @Test func mergeOfThreePartitionsIsSingle() {
    let single = ComparisonSums(tallies: Self.listeners)
    let parts = (0..<3).map { part in
      ComparisonSums(
        tallies: Self.listeners.indices.filter { $0 % 3 == part }.map { Self.listeners[$0] })
    }
    let forward = parts[0].merging(parts[1]).merging(parts[2])
    var backward = parts[2]
    backward.merge(parts[1].merging(parts[0]))
    #expect(forward == single)
    #expect(backward == single)
    #expect(forward.comparison == single.comparison)
    #expect(parts[0].listeners + parts[1].listeners + parts[2].listeners == single.listeners)
  }

  @Test func mergingEmptySumsChangesNothing() {
    let sums = ComparisonSums(tallies: fourListeners)
    #expect(sums.merging(ComparisonSums()) == sums)
    #expect(ComparisonSums().merging(sums) == sums)
  }

  // Taking listeners back is exact: adding all and removing the first 100 leaves the sums of
  // the other 200; so is replacing one listener's tally by a new one.
  @Test func removeTakesATallyBack() {
    var sums = ComparisonSums(tallies: Self.listeners)
    for tally in Self.listeners.prefix(100) { sums.remove(tally) }
    #expect(sums == ComparisonSums(tallies: Self.listeners.dropFirst(100)))

    var recounted = ComparisonSums(tallies: fourListeners)
    recounted.remove(fourListeners[0])
    recounted.add(tally(0, 4, 0, 0))
    let replaced = [tally(0, 4, 0, 0)] + fourListeners.dropFirst()
    #expect(recounted == ComparisonSums(tallies: replaced))
  }

  // Sums restored from their values are the same sums (a saved state read back).
  @Test func sumsRestoredFromTheirValuesAreEqual() {
    let sums = ComparisonSums(tallies: Self.listeners)
    let restored = ComparisonSums(
      listeners: sums.listeners, a: sums.a, b: sums.b, cross: sums.cross)
    #expect(restored == sums)
    #expect(restored.comparison == sums.comparison)
  }
}
