import Testing

@testable import Experiments

@Suite("Comparisons worked out by hand")
struct HandWorkedTests {
  // Four listeners, likes/ratings of A and of B; listener 2 rated both versions:
  //   1: A 3/4, B —        2: A 1/4, B 4/4        3: A —, B 1/2        4: A —, B 1/2
  // n = 4, n(n−1) = 12.
  // A: Σy = 3 + 1 = 4, Σm = 4 + 4 = 8, R_A = 0.5, m̄_A = 8/4 = 2.
  // B: Σy = 4 + 1 + 1 = 6, Σm = 4 + 2 + 2 = 8, R_B = 0.75, m̄_B = 2.
  // d = 0.75 − 0.5 = 0.25.
  // e_A = y − 0.5·m:  1: 3 − 2 = 1,  2: 1 − 2 = −1,  3, 4: 0.            Σe_A² = 2.
  // e_B = y − 0.75·m: 1: 0,  2: 4 − 3 = 1,  3, 4: 1 − 1.5 = −0.5.       Σe_B² = 1.5.
  // Σe_A·e_B = (−1)(1) = −1 (listener 2 only).
  // V_A = 2 / (12 · 2²) = 1/24 = 0.041666…;  V_B = 1.5 / (12 · 2²) = 1/32 = 0.03125;
  // C = −1 / (12 · 2 · 2) = −1/48;  V = 1/24 + 1/32 + 2/48 = 8/96 + 3/96 = 11/96 = 0.114583….
  // (Listener 2 did worse than average under A and better under B: C < 0 widens V.)
  // √V = 0.3385016; 1.959964 · √V = 0.6634510: interval [−0.4134510, 0.9134510].
  // z = 0.25 / 0.3385016 = 0.7385489; p = 2(1 − Φ(0.7385489)) = 2 · 0.2300905 = 0.4601809.
  // Always valid, τ² = 0.0009: V(V+τ²)/τ² = 0.1145833 · 0.1154833 / 0.0009 = 14.702739;
  // ln((V+τ²)/V) = ln(1.0078545) = 0.0078239; −2 ln 0.05 = 5.9914645; sum 5.9992884;
  // half-width √(14.702739 · 5.9992884) = √88.205972 = 9.3918035: [−9.1418035, 9.6418035].
  // (√, ln and Φ by calculator.) It contains 0: undecided.
  @Test(arguments: [false, true])
  func fourListenersOneOfWhomRatedBoth(fromSums: Bool) throws {
    let comparison =
      fromSums
      ? ComparisonSums(tallies: fourListeners).comparison
      : VersionComparison(tallies: fourListeners)
    #expect(comparison.listeners == 4)
    #expect(comparison.a == VersionTotals(listeners: 2, likes: 4, ratings: 8))
    #expect(comparison.b == VersionTotals(listeners: 3, likes: 6, ratings: 8))
    #expect(comparison.a.likeRatio == 0.5)
    #expect(comparison.b.likeRatio == 0.75)
    #expect(comparison.difference == 0.25)
    let variance = try #require(comparison.variance)
    #expect(isClose(variance.a, 1.0 / 24))
    #expect(isClose(variance.b, 1.0 / 32))
    #expect(isClose(variance.covariance, -1.0 / 48))
    #expect(isClose(variance.total, 11.0 / 96))
    #expect(isClose(comparison.ci95?.lower, -0.4134510, tolerance: 1e-7))
    #expect(isClose(comparison.ci95?.upper, 0.9134510, tolerance: 1e-7))
    #expect(isClose(comparison.pValue, 0.4601809, tolerance: 1e-7))
    #expect(isClose(comparison.alwaysValid95?.lower, -9.1418035, tolerance: 1e-7))
    #expect(isClose(comparison.alwaysValid95?.upper, 9.6418035, tolerance: 1e-7))
    #expect(comparison.verdict == .undecided)
  }

  // The same four listeners k times over: every sum is k times the above, the means stay.
  // n = 4k; Σe_A² = 2k, Σe_B² = 1.5k, Σe_A·e_B = −k; n(n−1)·m̄² = 4k(4k−1) · 4 = 16k(4k−1).
  // V_A = 2k / 16k(4k−1) = 1/(8(4k−1)), V_B = 1.5k / 16k(4k−1) = 3/(32(4k−1)),
  // C = −1/(16(4k−1)), V = (4 + 3 + 4)/(32(4k−1)) = 11/(32(4k−1)).
  static func repeated(_ k: Int) -> [ListenerTally] {
    Array((0..<k).map { _ in fourListeners }.joined())
  }

  // k = 250 (n = 1,000): V = 11/31,968 = 0.000344094, √V = 0.0185498.
  // 1.959964 · √V = 0.0363569: [0.2136431, 0.2863569]; z = 0.25/0.0185498 = 13.4773;
  // p = erfc(13.4773/√2) = 2.1288e−41.
  // Always valid: V(V+τ²)/τ² = 0.000344094 · 0.001244094 / 0.0009 = 0.000475650;
  // ln(0.001244094 / 0.000344094) = ln(3.6155766) = 1.2852478; + 5.9914645 = 7.2767123;
  // half-width √(0.000475650 · 7.2767123) = √0.00346117 = 0.0588317: [0.1911683, 0.3088317].
  // It lies above 0: better.
  @Test func aThousandListenersShowThatBIsBetter() throws {
    let comparison = ComparisonSums(tallies: Self.repeated(250)).comparison
    #expect(comparison.listeners == 1_000)
    #expect(comparison.difference == 0.25)
    #expect(isClose(comparison.variance?.total, 11.0 / 31_968))
    #expect(isClose(comparison.ci95?.lower, 0.2136431, tolerance: 1e-7))
    #expect(isClose(comparison.ci95?.upper, 0.2863569, tolerance: 1e-7))
    let p = try #require(comparison.pValue)
    #expect(abs(p / 2.1288e-41 - 1) < 1e-4)
    #expect(isClose(comparison.alwaysValid95?.lower, 0.1911683, tolerance: 1e-7))
    #expect(isClose(comparison.alwaysValid95?.upper, 0.3088317, tolerance: 1e-7))
    #expect(comparison.verdict == .better)
  }

  // Swapping A and B mirrors everything: d = −0.25, both intervals negated, same V and p.
  @Test func swappingTheVersionsMakesBWorse() {
    let swapped = Self.repeated(250).map {
      tally($0.likesB, $0.ratingsB, $0.likesA, $0.ratingsA)
    }
    let comparison = VersionComparison(tallies: swapped)
    #expect(comparison.difference == -0.25)
    #expect(isClose(comparison.variance?.total, 11.0 / 31_968))
    #expect(isClose(comparison.alwaysValid95?.lower, -0.3088317, tolerance: 1e-7))
    #expect(isClose(comparison.alwaysValid95?.upper, -0.1911683, tolerance: 1e-7))
    #expect(comparison.verdict == .worse)
  }

  // k = 10 (n = 40): V = 11/1,248 = 0.00881410, √V = 0.0938835.
  // 1.959964 · √V = 0.1840082: [0.0659918, 0.4340082] excludes 0; z = 2.6628761,
  // p = erfc(2.6628761/√2) = 0.0077476 — "significant" at one look.
  // Always valid: V(V+τ²)/τ² = 0.0088141 · 0.0097141 / 0.0009 = 0.0951346;
  // ln(0.0097141/0.0088141) = ln(1.1021091) = 0.0972257; + 5.9914645 = 6.0886902;
  // half-width √(0.0951346 · 6.0886902) = √0.579245 = 0.7610813: [−0.5110813, 1.0110813].
  // It contains 0: undecided — one hourly look at p < 0.05 is not yet evidence.
  @Test func fortyListenersAreSignificantOnceButNotYetAlwaysValid() {
    let comparison = VersionComparison(tallies: Self.repeated(10))
    #expect(isClose(comparison.variance?.total, 11.0 / 1_248))
    #expect(isClose(comparison.ci95?.lower, 0.0659918, tolerance: 1e-7))
    #expect(isClose(comparison.ci95?.upper, 0.4340082, tolerance: 1e-7))
    #expect(isClose(comparison.pValue, 0.0077476, tolerance: 1e-7))
    #expect(isClose(comparison.alwaysValid95?.lower, -0.5110813, tolerance: 1e-7))
    #expect(isClose(comparison.alwaysValid95?.upper, 1.0110813, tolerance: 1e-7))
    #expect(comparison.ci95?.excludesZero == true)
    #expect(comparison.verdict == .undecided)
  }
}
