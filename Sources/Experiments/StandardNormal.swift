#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The standard normal distribution, through the C library's complementary error function,
/// which stays accurate far into the tails (1 − Φ computed as a difference would round to 0).
enum StandardNormal {
  /// Φ(x) = P(Z ≤ x) = erfc(−x / √2) / 2.
  static func cdf(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
  }

  /// The two-sided p-value of a z statistic: P(|Z| ≥ |z|) = 2(1 − Φ(|z|)) = erfc(|z| / √2).
  static func twoSidedPValue(_ z: Double) -> Double {
    erfc(abs(z) / 2.0.squareRoot())
  }
}
