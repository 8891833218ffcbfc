#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An interval [lower, upper] around a difference of like ratios, d = R_B − R_A, on the
/// like-ratio scale (0.01 is one percentage point). It is not clipped to [−1, 1].
public struct DifferenceInterval: Sendable, Hashable, Codable {
  /// The lower bound.
  public let lower: Double
  /// The upper bound.
  public let upper: Double

  /// An interval from its bounds; needs lower ≤ upper.
  public init(lower: Double, upper: Double) {
    precondition(lower <= upper, "an interval needs lower ≤ upper")
    self.lower = lower
    self.upper = upper
  }

  /// The 97.5% quantile of the standard normal distribution, for 95% intervals.
  public static let z95 = 1.959964

  /// The mixture's spread τ of the always-valid interval, on the like-ratio scale: the size of
  /// difference the test is tuned to find quickly (3 percentage points).
  public static let mixtureScale = 0.03

  /// The error rate α of the always-valid interval (95% coverage).
  public static let alpha = 0.05

  /// The fixed-sample 95% interval d ± 1.959964·√V, for variance V > 0.
  ///
  /// Valid for one look at a sample size fixed in advance; looking again after every rebuild
  /// and stopping when it excludes 0 finds differences that are not there.
  public static func fixed95(difference d: Double, variance v: Double) -> DifferenceInterval {
    precondition(v > 0, "an interval needs a positive variance")
    let half = z95 * v.squareRoot()
    return DifferenceInterval(lower: d - half, upper: d + half)
  }

  /// The always-valid 95% interval of the mixture sequential probability ratio test (mSPRT)
  /// with a normal mixture N(0, τ²), τ = ``mixtureScale``, α = ``alpha``, for variance V > 0:
  ///
  ///     d ± √( V(V + τ²)/τ² · (ln((V + τ²)/V) − 2 ln α) )
  ///
  /// It is the set of differences θ the test does not reject: the mixture likelihood ratio
  /// √(V/(V + τ²)) · exp(τ²(d − θ)² / (2V(V + τ²))) stays below 1/α. The chance that the
  /// true difference ever leaves the interval, however often it is recomputed as data come
  /// in, is at most α (with V estimated, this holds as the sample grows, like the normal
  /// interval). It is always wider than ``fixed95(difference:variance:)``.
  public static func alwaysValid95(difference d: Double, variance v: Double)
    -> DifferenceInterval
  {
    precondition(v > 0, "an interval needs a positive variance")
    let tau2 = mixtureScale * mixtureScale
    let half = (v * (v + tau2) / tau2 * (log((v + tau2) / v) - 2 * log(alpha))).squareRoot()
    return DifferenceInterval(lower: d - half, upper: d + half)
  }

  /// Whether 0 lies strictly outside the interval.
  public var excludesZero: Bool { lower > 0 || upper < 0 }
}
