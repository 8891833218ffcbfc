import ReportModel
import Formatting
import Mustache

/// The Data quality section, the same on every page: rows that break the schema v1 contract, by
/// table and problem, and whether TuneDash left them out or kept them.
struct DataQualitySection: DashboardSection {
  var id: String { "quality" }

  func view(_ page: inout SectionContext) -> DataQualityView {
    let quality = page.report.dataQuality
    return DataQualityView(
      issues: TableView(
        caption: "Rows that break the schema v1 contract",
        columns: [
          ("Table", false), ("Problem", false), ("Rows", true), ("What TuneDash did", false),
        ],
        rows: quality.issues.map {
          [
            $0.table, $0.description, NumberFormat.grouped($0.rows),
            $0.skipped ? "left out" : "kept",
          ]
        }),
      clean: quality.issues.isEmpty,
      skippedRows: NumberFormat.grouped(quality.skippedRows),
      keptRows: NumberFormat.grouped(quality.keptRows))
  }
}

/// The Data quality section as `section-quality.mustache` sees it.
struct DataQualityView: Sendable {
  /// Rows that broke the contract, by table and problem.
  let issues: TableView
  /// `true` when every row follows the contract.
  let clean: Bool
  let skippedRows: String
  let keptRows: String
}

extension DataQualityView: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "issues": { $0.issues },
    "clean": { $0.clean },
    "skippedRows": { $0.skippedRows },
    "keptRows": { $0.keptRows },
  ]
}
