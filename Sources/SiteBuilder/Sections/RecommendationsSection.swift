import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Recommendations section: how listeners rate recommended tracks — the like ratio per day,
/// by model version and by recommendation source, and the most liked and most disliked tracks.
struct RecommendationsSection: DashboardSection {
  /// `likes`, the anchor the page has always had (`#likes-heading`).
  var id: String { "likes" }

  func view(_ page: inout SectionContext) -> RecommendationsView {
    let feedback = page.data.feedback
    return RecommendationsView(
      likeDaily: likeDaily(&page),
      likeBySource: ratedGroups(
        name: "like-by-source", title: "Like ratio by recommendation source",
        note: "What the recommendation was seeded from. Whiskers: 95% Wilson interval.",
        groups: feedback.bySource, what: "source", folded: feedback.bySourceOther, page: &page),
      likeByModel: ratedGroups(
        name: "like-by-model", title: "Like ratio by model version",
        note:
          "The recommender version that made the recommendation. Whiskers: 95% Wilson interval.",
        groups: feedback.byModel, what: "model", folded: feedback.byModelOther, page: &page),
      mostLiked: trackTable(feedback.mostLiked, caption: "Most liked recommended tracks"),
      mostDisliked: trackTable(feedback.mostDisliked, caption: "Most disliked recommended tracks"),
      minRatings: NumberFormat.grouped(feedback.minRatings))
  }

  /// Like ratio by source or by model.
  func ratedGroups(
    name: String, title: String, note: String, groups: [RatedGroup], what: String,
    folded: FoldedGroups?, page: inout SectionContext
  ) -> ChartView {
    let ranked = groups.sorted { ($0.likeRatio ?? -1) > ($1.likeRatio ?? -1) }
    var summary = "No ratings in this range."
    if !ranked.isEmpty {
      let parts = ranked.prefix(4).map {
        "\(Narrative.name($0.name)) \(NumberFormat.percent($0.likeRatio ?? 0, places: 1)) from \(Narrative.count($0.likes + $0.dislikes, "rating"))"
      }
      summary = "Like ratio by \(what): " + Narrative.list(parts) + "."
    }
    return RatedGroupChart(
      name: name, title: title, note: note, nameHeader: Narrative.capitalized(what),
      reference: page.data.feedback.likeRatio,
      folded: Narrative.folded(
        folded, noun: (what, what + "s"), minUsers: page.report.minUsers, people: "raters")
    ).chart(summary: summary, groups: groups, all: groups, page: &page)
  }

  /// A table of ranked tracks.
  func trackTable(_ tracks: [RatedTrack], caption: String) -> TableView {
    TableView(
      caption: caption,
      columns: [
        ("Track", false), ("Artist", false), ("Likes", true), ("Dislikes", true),
        ("Like ratio", true), ("95% interval", true),
      ],
      rows: tracks.map {
        [
          $0.title, $0.artist, NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
          $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
          RatedGroupChart.interval($0.wilsonLower, $0.wilsonUpper),
        ]
      })
  }
}

/// The Recommendations section as `section-likes.mustache` sees it.
struct RecommendationsView: Sendable {
  let likeDaily: ChartView
  let likeBySource: ChartView
  let likeByModel: ChartView
  let mostLiked: TableView
  let mostDisliked: TableView
  /// The fewest ratings a track needs to be ranked, formatted.
  let minRatings: String
}

extension RecommendationsView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartView.self, TableView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "likeDaily": { $0.likeDaily },
    "likeBySource": { $0.likeBySource },
    "likeByModel": { $0.likeByModel },
    "mostLiked": { $0.mostLiked },
    "mostDisliked": { $0.mostDisliked },
    "minRatings": { $0.minRatings },
  ]
}
