import Formatting
import ReportModel

extension ExperimentsSection {
  /// Every comparison's numbers, each followed by its per-source rows; comparisons without
  /// numbers say why in the verdict column.
  static func table(_ comparisons: [ModelComparison], range: RangeKey) -> TableView {
    var rows: [[String]] = []
    for comparison in comparisons {
      rows.append(
        row(
          comparison, source: "All", status: comparison.status,
          listeners: comparison.overlap?.listeners, versions: comparison.versions,
          result: comparison.result))
      for part in comparison.bySource {
        rows.append(
          row(
            comparison, source: part.source, status: part.status, listeners: part.listeners,
            versions: part.versions, result: part.result))
      }
    }
    return TableView(
      caption: "Model versions compared, \(range.label.lowercased())",
      columns: [
        ("Versions (A → B)", false), ("Source", false), ("Days side by side", true),
        ("Listeners", true), ("A liked", true), ("B liked", true), ("d", true),
        ("95% interval", true), ("Always-valid 95%", true), ("p-value", true), ("Verdict", false),
      ],
      rows: rows)
  }

  /// One row of the table: a comparison, or its part from one source.
  private static func row(
    _ comparison: ModelComparison, source: String, status: ComparisonStatus, listeners: Int?,
    versions: [ComparedVersion], result: ComparisonResult
  ) -> [String] {
    let verdict =
      switch status {
      case .compared: ComparisonWords.verdict(result.verdict)
      case .tooFewListeners: "Withheld for privacy"
      case .neverSideBySide: "Never served side by side"
      }
    return [
      ComparisonWords.pair(comparison), source, String(comparison.overlap?.days ?? 0),
      listeners.map(NumberFormat.grouped) ?? "–", ComparisonWords.liked(versions.first),
      ComparisonWords.liked(versions.dropFirst().first),
      result.difference.map(ComparisonWords.points) ?? "–",
      ComparisonWords.interval(result.ci95), ComparisonWords.interval(result.alwaysValid95),
      ComparisonWords.pValue(result.pValue), verdict,
    ]
  }
}
