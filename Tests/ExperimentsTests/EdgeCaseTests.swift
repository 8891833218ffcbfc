import Testing

@testable import Experiments

@Suite("Edge cases: nothing to compare, one listener, no variance")
struct EdgeCaseTests {
  /// Both ways of computing, which must agree on every edge case.
  static func bothWays(_ tallies: [ListenerTally]) -> [VersionComparison] {
    [VersionComparison(tallies: tallies), ComparisonSums(tallies: tallies).comparison]
  }

  static func expectNoInference(_ comparison: VersionComparison) {
    #expect(comparison.ci95 == nil)
    #expect(comparison.pValue == nil)
    #expect(comparison.alwaysValid95 == nil)
    #expect(comparison.verdict == .undecided)
  }

  @Test func noListenersGiveNoNumbers() {
    for comparison in Self.bothWays([]) {
      #expect(comparison.listeners == 0)
      #expect(comparison.a == VersionTotals(listeners: 0, likes: 0, ratings: 0))
      #expect(comparison.a.likeRatio == nil)
      #expect(comparison.difference == nil)
      #expect(comparison.variance == nil)
      Self.expectNoInference(comparison)
    }
  }

  // A listener with no ratings at all is not among the n listeners.
  @Test func tallyWithoutRatingsIsNotAListener() {
    let withEmpty = fourListeners + [tally(0, 0, 0, 0)]
    #expect(VersionComparison(tallies: withEmpty) == VersionComparison(tallies: fourListeners))
    #expect(ComparisonSums(tallies: withEmpty) == ComparisonSums(tallies: fourListeners))
  }

  // One listener, A 1/2 and B 2/3: R_A = 0.5, R_B = 2/3, d = 1/6, but n(n−1) = 0: no variance.
  @Test func oneListenerGivesADifferenceButNoVariance() {
    for comparison in Self.bothWays([tally(1, 2, 2, 3)]) {
      #expect(comparison.listeners == 1)
      #expect(isClose(comparison.difference, 2.0 / 3 - 0.5))
      #expect(comparison.variance == nil)
      Self.expectNoInference(comparison)
    }
  }

  // Three listeners who rated only A (2/3, 1/1, 0/2): R_A = 3/6 = 0.5, Σm_B = 0, so R_B, d and
  // everything after are missing.
  @Test func versionWithoutRatingsGivesNoDifference() {
    for comparison in Self.bothWays([tally(2, 3, 0, 0), tally(1, 1, 0, 0), tally(0, 2, 0, 0)]) {
      #expect(comparison.listeners == 3)
      #expect(comparison.a.likeRatio == 0.5)
      #expect(comparison.b.likeRatio == nil)
      #expect(comparison.difference == nil)
      #expect(comparison.variance == nil)
      Self.expectNoInference(comparison)
    }
  }

  // A 1/2 and B 2/2; A 2/4 and B 1/1: R_A = 3/6 = 0.5, R_B = 3/3 = 1, every residual is 0
  // (1 − 0.5·2, 2 − 0.5·4, 2 − 1·2, 1 − 1·1), so V_A = V_B = C = V = 0 and d = 0.5 has no
  // interval: a variance estimated as zero is not certainty.
  @Test func zeroResidualsGiveNoInterval() throws {
    for comparison in Self.bothWays([tally(1, 2, 2, 2), tally(2, 4, 1, 1)]) {
      #expect(comparison.difference == 0.5)
      let variance = try #require(comparison.variance)
      #expect([variance.a, variance.b, variance.covariance, variance.total] == [0, 0, 0, 0])
      Self.expectNoInference(comparison)
    }
  }

  // Every listener rated A and B identically (1/2, 2/2, 0/1): R_A = R_B = 3/5, d = 0, the
  // residuals (−0.2, 0.8, −0.6) are not zero, but e_A/m̄_A − e_B/m̄_B is 0 for everyone:
  // V_A = V_B = C = 1.04 / (6 · (5/3)²) = 0.0624 and V = 0.
  @Test func residualsThatCancelGiveNoInterval() throws {
    for comparison in Self.bothWays([tally(1, 2, 1, 2), tally(2, 2, 2, 2), tally(0, 1, 0, 1)]) {
      #expect(comparison.difference == 0)
      let variance = try #require(comparison.variance)
      #expect(isClose(variance.a, 0.0624))
      #expect(isClose(variance.covariance, 0.0624))
      #expect(variance.total == 0)
      Self.expectNoInference(comparison)
    }
  }

  // A 1/2, then B 2/2, then A 1/2 and B 0/2: R_A = 2/4 = R_B = 2/4, d = 0; the B residuals
  // (0, 1, −1) give V > 0, so z = 0 and p = 1.
  @Test func noDifferenceHasPValueOne() {
    let comparison = VersionComparison(tallies: [
      tally(1, 2, 0, 0), tally(0, 0, 2, 2), tally(1, 2, 0, 2),
    ])
    #expect(comparison.difference == 0)
    #expect(comparison.pValue == 1)
    #expect(comparison.verdict == .undecided)
  }

  // "Excludes 0" is strict: an always-valid interval that touches 0 decides nothing.
  @Test func verdictNeedsZeroStrictlyOutside() {
    #expect(Verdict(alwaysValid: DifferenceInterval(lower: 0, upper: 0.1)) == .undecided)
    #expect(Verdict(alwaysValid: DifferenceInterval(lower: -0.1, upper: 0)) == .undecided)
    #expect(Verdict(alwaysValid: DifferenceInterval(lower: 1e-9, upper: 0.1)) == .better)
    #expect(Verdict(alwaysValid: DifferenceInterval(lower: -0.1, upper: -1e-9)) == .worse)
    #expect(Verdict(alwaysValid: nil) == .undecided)
  }

  // Half-widths squared: 1.959964² V = 3.8415 V against V(V+τ²)/τ² · (ln((V+τ²)/V) + 5.9915),
  // where (V+τ²)/τ² > 1 and the logarithm is positive: the always-valid one is always wider.
  @Test(arguments: [1e-12, 1e-8, 1e-6, 1e-4, 9e-4, 1e-2, 1.0])
  func alwaysValidIsWiderThanFixed(variance: Double) {
    let fixed = DifferenceInterval.fixed95(difference: 0.1, variance: variance)
    let alwaysValid = DifferenceInterval.alwaysValid95(difference: 0.1, variance: variance)
    #expect(alwaysValid.lower < fixed.lower)
    #expect(alwaysValid.upper > fixed.upper)
  }

  @Test func standardNormalIsAccurateInTheTails() {
    #expect(StandardNormal.cdf(0) == 0.5)
    #expect(abs(StandardNormal.cdf(1.959964) - 0.975) < 1e-8)
    #expect(abs(StandardNormal.twoSidedPValue(-1.959964) - 0.05) < 1e-8)
    // scipy: 2 * norm.sf(10) = 1.523970604832105e-23; 1 − Φ by subtraction would give 0.
    #expect(abs(StandardNormal.twoSidedPValue(10) / 1.523970604832105e-23 - 1) < 1e-12)
  }
}
