/// One comparison of model versions A and B over their overlap days, computed from
/// per-listener tallies (see ``ListenerTally``): is B's like ratio higher or lower than A's?
///
/// Definitions, for the n listeners with at least one counted rating of A or B:
/// - like ratios R_A = Σy_Ai / Σm_Ai and R_B = Σy_Bi / Σm_Bi; difference d = R_B − R_A;
/// - variance V of d by the delta method, clustered by listener (see ``DeltaVariance``):
///   V = V_A + V_B − 2C;
/// - 95% interval d ± 1.959964·√V (see ``DifferenceInterval/fixed95(difference:variance:)``);
/// - p-value: two-sided, of z = d/√V under the standard normal: p = 2(1 − Φ(|z|));
/// - always-valid 95% interval (mSPRT, normal mixture, τ = 0.03):
///   d ± √( V(V+τ²)/τ² · (ln((V+τ²)/V) − 2 ln 0.05) )
///   (see ``DifferenceInterval/alwaysValid95(difference:variance:)``);
/// - verdict: better / worse when the always-valid interval excludes 0, else undecided.
///
/// Edge cases — a number that cannot be computed is `nil`, never 0 or NaN, and the verdict is
/// then ``Verdict/undecided``:
/// - Σm_A = 0 or Σm_B = 0 (a version has no counted rating): that version's like ratio, d,
///   the variance, both intervals and the p-value are `nil`.
/// - n < 2: d is given when both versions have ratings, but there is no variance (n(n−1) = 0),
///   so the variance, both intervals and the p-value are `nil`.
/// - V = 0 (every residual zero, e.g. every listener liked everything; or each listener's A and
///   B residuals cancel exactly; see ``DeltaVariance/total``): the variance is given with
///   total 0, but both intervals and the p-value are `nil`. A variance estimated as zero
///   from the sample is not certainty, so no interval of width 0 and no verdict is claimed.
///
/// Two ways to compute it give the same numbers (to rounding): ``init(tallies:)`` from the
/// tallies, literally by the formulas, and ``ComparisonSums/comparison`` from sums that can be
/// accumulated one listener at a time and merged across partitions.
public struct VersionComparison: Sendable, Hashable, Codable {
  /// n: listeners with at least one counted rating of A or B.
  public let listeners: Int
  /// Version A's listeners, likes, ratings and like ratio R_A.
  public let a: VersionTotals
  /// Version B's listeners, likes, ratings and like ratio R_B.
  public let b: VersionTotals
  /// d = R_B − R_A; `nil` when Σm_A = 0 or Σm_B = 0.
  public let difference: Double?
  /// V_A, V_B, C and V; `nil` when Σm_A = 0, Σm_B = 0 or n < 2.
  public let variance: DeltaVariance?
  /// d ± 1.959964·√V; `nil` when there is no variance or V = 0.
  public let ci95: DifferenceInterval?
  /// The two-sided p-value of d/√V under the standard normal distribution,
  /// erfc(|d/√V| / √2); `nil` when there is no variance or V = 0.
  public let pValue: Double?
  /// d ± √( V(V+τ²)/τ² · (ln((V+τ²)/V) − 2 ln 0.05) ), τ = 0.03; `nil` when there is no
  /// variance or V = 0.
  public let alwaysValid95: DifferenceInterval?
  /// better / worse when ``alwaysValid95`` excludes 0, else undecided (also when it is `nil`).
  public let verdict: Verdict

  /// The comparison of the listeners' tallies, computed directly by the definitions above.
  /// Tallies without any rating are skipped (they are not among the n listeners). Each tally
  /// must be a different listener.
  ///
  /// The residuals e_Ai = y_Ai − R_A·m_Ai are computed as (Σm_A·y_Ai − Σy_A·m_Ai) / Σm_A,
  /// whose numerator is an exact integer, so a residual that is zero is exactly zero.
  public init(tallies: some Sequence<ListenerTally>) {
    let counted = tallies.filter(\.isCounted)
    let a = VersionTotals(
      listeners: counted.count { $0.ratingsA > 0 }, likes: counted.reduce(0) { $0 + $1.likesA },
      ratings: counted.reduce(0) { $0 + $1.ratingsA })
    let b = VersionTotals(
      listeners: counted.count { $0.ratingsB > 0 }, likes: counted.reduce(0) { $0 + $1.likesB },
      ratings: counted.reduce(0) { $0 + $1.ratingsB })
    guard counted.count >= 2, a.ratings > 0, b.ratings > 0 else {
      self.init(listeners: counted.count, a: a, b: b, variance: nil)
      return
    }
    var squaredA = 0.0
    var squaredB = 0.0
    var cross = 0.0
    for tally in counted {
      let residualA =
        Double(a.ratings * tally.likesA - a.likes * tally.ratingsA) / Double(a.ratings)
      let residualB =
        Double(b.ratings * tally.likesB - b.likes * tally.ratingsB) / Double(b.ratings)
      squaredA += residualA * residualA
      squaredB += residualB * residualB
      cross += residualA * residualB
    }
    let variance = DeltaVariance(
      listeners: counted.count, ratingsA: a.ratings, ratingsB: b.ratings,
      squaredResidualsA: squaredA, squaredResidualsB: squaredB, crossResiduals: cross)
    self.init(listeners: counted.count, a: a, b: b, variance: variance)
  }

  /// The comparison from its totals and its variance (`nil` when it cannot be computed):
  /// the difference, intervals, p-value and verdict follow.
  init(listeners: Int, a: VersionTotals, b: VersionTotals, variance: DeltaVariance?) {
    self.listeners = listeners
    self.a = a
    self.b = b
    self.variance = variance
    if let ratioA = a.likeRatio, let ratioB = b.likeRatio {
      difference = ratioB - ratioA
    } else {
      difference = nil
    }
    if let d = difference, let v = variance?.total, v > 0 {
      ci95 = .fixed95(difference: d, variance: v)
      pValue = StandardNormal.twoSidedPValue(d / v.squareRoot())
      alwaysValid95 = .alwaysValid95(difference: d, variance: v)
    } else {
      ci95 = nil
      pValue = nil
      alwaysValid95 = nil
    }
    verdict = Verdict(alwaysValid: alwaysValid95)
  }
}
