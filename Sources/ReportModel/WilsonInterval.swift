/// The Wilson score interval of a proportion: a range that contains the true like ratio with
/// about 95% confidence (z = 1.96), honest for small samples where `likes / ratings` is not.
///
/// For `k` successes in `n` trials, with `p = k / n`:
///
///     centre = (p + z² / 2n) / (1 + z² / n)
///     margin = z / (1 + z² / n) × √( p(1 − p) / n + z² / 4n² )
///     interval = [centre − margin, centre + margin]
///
/// With no trials there is no interval.
public struct WilsonInterval: Sendable, Equatable, Codable {
  /// The lower bound, 0 … 1.
  public let lower: Double
  /// The upper bound, 0 … 1.
  public let upper: Double

  /// The normal quantile for 95% confidence.
  public static let z95 = 1.96

  /// The interval for `successes` out of `trials`; `nil` when `trials` is 0.
  public init?(successes: Int, trials: Int, z: Double = z95) {
    guard trials > 0 else { return nil }
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let margin = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    lower = max(0, centre - margin)
    upper = min(1, centre + margin)
  }
}
