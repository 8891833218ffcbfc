import Formatting
import Mustache
import ReportModel

/// The Recommendation quality section: how widely the rated recommendations spread over the
/// catalog — catalog coverage and the Gini coefficient of ratings across catalog tracks.
struct RecommendationQualitySection: DashboardSection {
  var id: String { "recs-quality" }

  func view(_ page: inout SectionContext) -> RecommendationQualityView {
    guard let quality = page.data.quality, quality.catalogTracks > 0 else {
      return RecommendationQualityView(cards: [], hasData: false)
    }
    let coverage = CardView(
      label: "Catalog coverage", value: quality.coverage.map { NumberFormat.percent($0, places: 1) } ?? "–",
      change: nil, trend: "flat", arrow: "●", comparison: nil,
      detail: "\(NumberFormat.grouped(quality.ratedTracks)) of \(NumberFormat.count(quality.catalogTracks, "track")) rated",
      sparkline: nil)
    let spread = CardView(
      label: "Spread of ratings (Gini)",
      value: quality.gini.map { NumberFormat.decimal($0, places: 2) } ?? "–", change: nil,
      trend: "flat", arrow: "●", comparison: nil,
      detail: quality.gini == nil
        ? "No ratings in this range."
        : "0 = every track rated as often; 1 = all ratings on one track",
      sparkline: nil)
    return RecommendationQualityView(cards: [coverage, spread], hasData: true)
  }
}

/// The Recommendation quality section as `section-recs-quality.mustache` sees it.
struct RecommendationQualityView: Sendable {
  /// Coverage and spread, as cards.
  let cards: [CardView]
  /// `false` for a report without events.
  let hasData: Bool
}

extension RecommendationQualityView: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "cards": { $0.cards },
    "hasData": { $0.hasData },
  ]
}
