import Formatting
import Mustache
import ReportModel

/// The Data quality section, the same on every page: rows that break the schema v1 contract, by
/// table and problem, and whether TuneDash left them out or kept them.
struct DataQualitySection: DashboardSection {
  var id: String { "quality" }

  func view(_ page: inout SectionContext) -> DataQualityView {
    let quality = page.report.dataQuality
    let breaking = quality.issues.filter(\.breaksContract)
    let noted = quality.issues.filter { !$0.breaksContract }
    let count = { (issues: [DataIssue]) in issues.reduce(0) { $0 + $1.rows } }
    return DataQualityView(
      issues: Self.table("Rows that break the schema v1 contract", breaking),
      noted: Self.table("Rows the contract allows, noted", noted),
      clean: breaking.isEmpty, hasNoted: !noted.isEmpty,
      skippedRows: NumberFormat.count(quality.skippedRows, "row"),
      keptRows: NumberFormat.grouped(count(breaking) - quality.skippedRows),
      notedRows: NumberFormat.count(count(noted), "row"),
      noFeatures: Self.noFeatures(page.report))
  }

  /// The sentence about catalog tracks without audio features, or `nil` when every track has
  /// them (or the catalog is empty).
  static func noFeatures(_ report: Report) -> String? {
    guard let missing = report.sound?.noFeatures, missing > 0 else { return nil }
    if let column = report.sound?.missingColumn {
      return
        "Table tracks has no column \(column) (nor, perhaps, the other audio features of schema v1): no track has a sound cluster, so the like ratio by sound cluster and the sound map are left out. Add the columns danceability, energy, valence, tempo and acousticness to show them."
    }
    return
      "\(NumberFormat.count(missing, "catalog track")) of \(NumberFormat.grouped(report.catalog.tracks)) \(missing == 1 ? "has" : "have") an audio feature missing (NULL, not a number, or beyond ±1,000,000): no sound cluster, never recommended; their ratings form the “no features” row of the like ratio by sound cluster."
  }

  static func table(_ caption: String, _ issues: [DataIssue]) -> TableView {
    TableView(
      caption: caption,
      columns: [
        ("Table", false), ("Problem", false), ("Rows", true), ("What TuneDash did", false),
      ],
      rows: issues.map {
        [$0.table, $0.description, NumberFormat.grouped($0.rows), $0.skipped ? "left out" : "kept"]
      })
  }
}

/// The Data quality section as `section-quality.mustache` sees it.
struct DataQualityView: Sendable {
  /// Rows that broke the contract, by table and problem.
  let issues: TableView
  /// Rows the contract allows that are worth a note (other activity kinds).
  let noted: TableView
  /// `true` when every row follows the contract.
  let clean: Bool
  /// `true` when some rows are noted.
  let hasNoted: Bool
  /// "12 rows" left out.
  let skippedRows: String
  /// Rows that broke the contract and were kept after a repair.
  let keptRows: String
  /// "3 rows" noted.
  let notedRows: String
  /// Catalog tracks without audio features, as a sentence; `nil` when there are none.
  let noFeatures: String?
}

extension DataQualityView: TemplateView {
  static let children: [any TemplateView.Type] = [TableView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "issues": { $0.issues },
    "clean": { $0.clean },
    "skippedRows": { $0.skippedRows },
    "keptRows": { $0.keptRows },
    "noted": { $0.noted },
    "hasNoted": { $0.hasNoted },
    "notedRows": { $0.notedRows },
    "noFeatures": { $0.noFeatures },
  ]
}
