import Formatting
import ReportModel

/// How the Experiments section writes a model-version comparison: differences in percentage
/// points, intervals, p-values, verdicts and what a comparison without numbers says instead.
enum ComparisonWords {
  /// `rec-a → rec-b`: A, the earlier version, then B.
  static func pair(_ comparison: ModelComparison) -> String {
    "\(Narrative.name(comparison.a)) → \(Narrative.name(comparison.b))"
  }

  /// A difference of ratios in percentage points, one decimal: `0.052` → `+5.2 pts`.
  static func points(_ difference: Double) -> String {
    NumberFormat.signed(difference * 100, places: 1, suffix: " pts")
  }

  /// An interval of differences: `[-0.537, 0.804]` → `−53.7 to +80.4 pts`; `–` without one.
  static func interval(_ bounds: [Double]?) -> String {
    guard let bounds, bounds.count == 2 else { return "–" }
    return
      "\(NumberFormat.signed(bounds[0] * 100, places: 1)) to \(points(bounds[1]))"
  }

  /// A p-value to three decimals, `< 0.001` below that; `–` without one.
  static func pValue(_ p: Double?) -> String {
    guard let p else { return "–" }
    return p < 0.0005 ? "< 0.001" : NumberFormat.decimal(p, places: 3)
  }

  /// The verdict in words: `B better`, `B worse`, `No difference shown yet`.
  static func verdict(_ verdict: ComparisonVerdict) -> String {
    switch verdict {
    case .better: "B better"
    case .worse: "B worse"
    case .undecided: "No difference shown yet"
    }
  }

  /// The card's trend for a verdict (`up`, `down`, `flat`) and its arrow.
  static func trend(_ verdict: ComparisonVerdict) -> (trend: String, arrow: String) {
    switch verdict {
    case .better: ("up", "▲")
    case .worse: ("down", "▼")
    case .undecided: ("flat", "●")
    }
  }

  /// The chart class of a verdict, which colours a row's marks.
  static func chartClass(_ verdict: ComparisonVerdict) -> String {
    switch verdict {
    case .better: "td-interval-better"
    case .worse: "td-interval-worse"
    case .undecided: "td-interval-undecided"
    }
  }

  /// A version's like ratio with its counts: `66.7% (4 of 6)`; `–` when withheld.
  static func liked(_ version: ComparedVersion?) -> String {
    guard let version, let ratio = version.likeRatio, let likes = version.likes,
      let ratings = version.ratings
    else { return "–" }
    return
      "\(NumberFormat.percent(ratio, places: 1)) (\(NumberFormat.grouped(likes)) of \(NumberFormat.grouped(ratings)))"
  }

  /// The overlap: `2 days side by side, 26 Dec – 31 Dec 2025`.
  static func overlap(_ overlap: ComparisonOverlap) -> String {
    "\(Narrative.count(overlap.days, "day")) side by side, \(Narrative.span(overlap.firstDay, overlap.lastDay))"
  }

  /// When each version served: `rec-c 22 Nov – 27 Nov 2025; rec-a 12 Dec – 31 Dec 2025`.
  static func served(_ comparison: ModelComparison) -> String {
    comparison.versions.map {
      "\(Narrative.name($0.model)) \(Narrative.span($0.firstDay, $0.lastDay))"
    }.joined(separator: "; ")
  }

  /// What a comparison without numbers says instead, or `nil` for one with numbers.
  static func withoutNumbers(_ comparison: ModelComparison, minUsers: Int) -> String? {
    switch comparison.status {
    case .compared:
      return nil
    case .neverSideBySide:
      return
        "\(pair(comparison)): never served side by side in this range (\(served(comparison)))."
    case .tooFewListeners:
      let days = comparison.overlap.map { " (\(overlap($0)))" } ?? ""
      return
        "\(pair(comparison)): withheld for privacy, fewer than \(minUsers) listeners rated one of them on the days both served\(days)."
    }
  }

  /// A row's sentence for chart descriptions and tooltips: `rec-a → rec-b: +13.3 pts (95%
  /// interval …; always-valid …), verdict: No difference shown yet`.
  static func sentence(_ comparison: ModelComparison) -> String {
    let result = comparison.result
    let d = result.difference.map(points) ?? "no difference"
    var parts: [String] = []
    if result.ci95 != nil { parts.append("95% interval \(interval(result.ci95))") }
    if result.alwaysValid95 != nil {
      parts.append("always-valid \(interval(result.alwaysValid95))")
    }
    let bounds = parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    return "\(pair(comparison)): \(d)\(bounds), verdict: \(verdict(result.verdict))"
  }
}
