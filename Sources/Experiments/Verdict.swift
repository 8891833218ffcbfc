/// What a comparison says about version B against version A.
///
/// It is read from the always-valid 95% interval of d = R_B − R_A only, never from the
/// fixed-sample interval or the p-value, so that looking at every hourly rebuild cannot
/// manufacture a result.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
  /// The always-valid interval lies wholly above 0: B's like ratio is higher than A's.
  case better
  /// The always-valid interval lies wholly below 0: B's like ratio is lower than A's.
  case worse
  /// The always-valid interval contains 0, or there is no interval (see
  /// ``VersionComparison``): no difference shown yet.
  case undecided

  /// The verdict of an always-valid interval: ``better`` when lower > 0, ``worse`` when
  /// upper < 0, else (0 inside or on an edge, or no interval) ``undecided``.
  public init(alwaysValid interval: DifferenceInterval?) {
    guard let interval else {
      self = .undecided
      return
    }
    if interval.lower > 0 {
      self = .better
    } else if interval.upper < 0 {
      self = .worse
    } else {
      self = .undecided
    }
  }
}
