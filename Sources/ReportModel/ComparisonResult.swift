/// What a comparison found: d = R_B − R_A, its intervals, p-value and verdict. Every number is
/// `nil` when it is withheld or cannot be computed (no variance: fewer than two listeners, or
/// every residual zero); bounds and d are rounded to 6 decimals, the p-value to 6 significant
/// digits.
public struct ComparisonResult: Codable, Equatable, Sendable {
  /// d = R_B − R_A.
  public var difference: Double?
  /// The fixed-sample 95% interval [lower, upper].
  public var ci95: [Double]?
  /// The always-valid 95% interval [lower, upper].
  public var alwaysValid95: [Double]?
  /// The two-sided p-value of d/√V.
  public var pValue: Double?
  /// Read from the always-valid interval only.
  public var verdict: ComparisonVerdict

  /// Creates a result.
  public init(
    difference: Double?, ci95: [Double]?, alwaysValid95: [Double]?, pValue: Double?,
    verdict: ComparisonVerdict
  ) {
    self.difference = difference
    self.ci95 = ci95
    self.alwaysValid95 = alwaysValid95
    self.pValue = pValue
    self.verdict = verdict
  }

  /// A result without numbers: withheld, or no overlap.
  public static let withheld = ComparisonResult(
    difference: nil, ci95: nil, alwaysValid95: nil, pValue: nil, verdict: .undecided)

  private enum CodingKeys: String, CodingKey {
    case difference, ci95, alwaysValid95, pValue, verdict
  }

  /// Writes every field, `null` for a missing number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(difference, forKey: .difference)
    try container.encode(ci95, forKey: .ci95)
    try container.encode(alwaysValid95, forKey: .alwaysValid95)
    try container.encode(pValue, forKey: .pValue)
    try container.encode(verdict, forKey: .verdict)
  }
}

/// What the always-valid interval says about B against A.
public enum ComparisonVerdict: String, Codable, Equatable, Sendable {
  /// The interval lies wholly above 0: B's songs are liked more.
  case better
  /// The interval lies wholly below 0: B's songs are liked less.
  case worse
  /// The interval contains 0, or there is none: no difference shown yet.
  case undecided
}
