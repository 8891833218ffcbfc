import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Recommendation quality section: how widely the rated recommendations spread over the
/// catalog — catalog coverage, the Gini coefficient of ratings across catalog tracks — and
/// whether they lean to what is already popular (popularity bias: head vs tail).
struct RecommendationQualitySection: DashboardSection {
  var id: String { "recs-quality" }

  func view(_ page: inout SectionContext) -> RecommendationQualityView {
    guard let quality = page.data.quality, quality.catalogTracks > 0 else {
      return RecommendationQualityView(cards: [], popularity: nil, hasData: false)
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
    var cards = [coverage, spread]
    var chart: ChartView?
    if let bias = quality.popularity {
      cards.append(
        CardView(
          label: "Ratings beyond the popular head", value: NumberFormat.percent(bias.tailShare, places: 1),
          change: nil, trend: "flat", arrow: "●", comparison: nil,
          detail: "the head: the \(NumberFormat.count(bias.headTracks, "most-played track")) holding 80% of plays",
          sparkline: nil))
      chart = popularityChart(bias, page: &page)
    }
    return RecommendationQualityView(cards: cards, popularity: chart, hasData: true)
  }

  /// Like ratio of head and tail tracks with Wilson whiskers.
  func popularityChart(_ bias: PopularityBias, page: inout SectionContext) -> ChartView {
    let head = RatedGroup(name: "popular head", likes: bias.head.likes, dislikes: bias.head.dislikes)
    let tail = RatedGroup(name: "tail", likes: bias.tail.likes, dislikes: bias.tail.dislikes)
    let groups = [head, tail].filter { $0.likes + $0.dislikes > 0 }
    let summary = groups.map {
      "\(Narrative.capitalized($0.name)): \(Narrative.ratio($0.likeRatio, lower: $0.wilsonLower, upper: $0.wilsonUpper))"
    }.joined(separator: "; ") + "."
    return RatedGroupChart(
      name: "popularity-bias", title: "Like ratio, popular head vs tail",
      note:
        "Tracks sorted by plays in the range; the head is the shortest top of that list holding 80% of the plays, the tail every other track. Whiskers: 95% Wilson interval.",
      nameHeader: "Tracks", reference: page.data.feedback.likeRatio, folded: nil
    ).chart(summary: summary, groups: groups, all: [head, tail], page: &page)
  }
}

/// The Recommendation quality section as `section-recs-quality.mustache` sees it.
struct RecommendationQualityView: Sendable {
  /// Coverage, spread and the tail's share, as cards.
  let cards: [CardView]
  /// Like ratio of the popular head vs the tail; `nil` without plays or ratings.
  let popularity: ChartView?
  /// `false` for a report without events.
  let hasData: Bool
}

extension RecommendationQualityView: TemplateView {
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "cards": { $0.cards },
    "popularity": { $0.popularity as Any? },
    "hasData": { $0.hasData },
  ]
}
