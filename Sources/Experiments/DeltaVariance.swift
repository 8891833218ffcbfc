/// The variance of d = R_B − R_A by the delta method, clustered by listener: each listener's
/// ratings are one unit, so a listener who rates many songs weighs as one draw, not many, and
/// a listener who rated both versions is counted once, with the covariance C.
///
/// With n listeners, m̄_A = Σm_Ai / n, m̄_B = Σm_Bi / n and the residuals
/// e_Ai = y_Ai − R_A·m_Ai, e_Bi = y_Bi − R_B·m_Bi (sums over all n listeners, zero terms for
/// a version a listener did not rate):
///
///     V_A = Σe_Ai² / (n(n−1) m̄_A²)
///     V_B = Σe_Bi² / (n(n−1) m̄_B²)
///     C   = Σe_Ai·e_Bi / (n(n−1) m̄_A m̄_B)
///     V   = V_A + V_B − 2C
///
/// Equivalently V = Σ(e_Ai/m̄_A − e_Bi/m̄_B)² / (n(n−1)) ≥ 0. In a randomised test, where no
/// listener sees both versions, C = 0.
public struct DeltaVariance: Sendable, Hashable, Codable {
  /// V_A, the variance of R_A.
  public let a: Double
  /// V_B, the variance of R_B.
  public let b: Double
  /// C, the covariance of R_A and R_B through listeners who rated both.
  public let covariance: Double
  /// V = V_A + V_B − 2C, the variance of d. It is exactly 0 when the computed
  /// V_A + V_B − 2C is at most 10⁻¹² · (V_A + V_B): within rounding of zero (the residuals
  /// are all zero, or every listener's A and B residuals cancel exactly).
  public let total: Double

  /// The relative size below which V is rounding, not variance.
  public static let zeroTolerance = 1e-12

  /// The variance parts from the residual sums Σe_Ai², Σe_Bi², Σe_Ai·e_Bi of `listeners`
  /// (n ≥ 2) listeners with `ratingsA` = Σm_Ai > 0 and `ratingsB` = Σm_Bi > 0.
  init(
    listeners: Int, ratingsA: Int, ratingsB: Int,
    squaredResidualsA: Double, squaredResidualsB: Double, crossResiduals: Double
  ) {
    precondition(listeners >= 2 && ratingsA > 0 && ratingsB > 0)
    let n = Double(listeners)
    let meanA = Double(ratingsA) / n
    let meanB = Double(ratingsB) / n
    let pairs = n * (n - 1)
    a = squaredResidualsA / (pairs * meanA * meanA)
    b = squaredResidualsB / (pairs * meanB * meanB)
    covariance = crossResiduals / (pairs * meanA * meanB)
    let v = a + b - 2 * covariance
    total = v <= Self.zeroTolerance * (a + b) ? 0 : v
  }
}
