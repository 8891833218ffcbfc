import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The headline numbers at the top of the page: active and new listeners, activity events, like
/// ratio, ratings and searches in the range, each with its change against the range before and
/// a sparkline of its days.
struct HeadlineCardsSection: DashboardSection {
  var id: String { "cards" }

  func view(_ page: inout SectionContext) -> HeadlineCardsView {
    let report = page.report
    let range = page.range
    let data = page.data
    let previous = data.previous
    let feedback = data.feedback
    let comparison = range.days.map { "vs previous \($0) days" }
    let searches = data.activity.searches
    let previousSearches = previous?.activity.searches
    // Grouped like the charts over time (by day, or by week or longer for a long range), less
    // the edges the range holds only part of (under half a day; any part of a longer period),
    // so that an edge does not read as a drop.
    let grouped = DailyBuckets(data.daily)
    let daily = grouped.buckets.filter(\.isMostlyInside)
    let per = grouped.size.noun
    let span = Narrative.span(
      daily.first.map { CivilDate(dayNumber: $0.firstPresent).iso },
      daily.last.map { CivilDate(dayNumber: $0.lastPresent).iso })
    func spark(_ name: String, _ label: String, _ values: [Double?]) -> ChartImage? {
      guard values.compactMap({ $0 }).count >= 2 else { return nil }
      let summary = "\(label) per \(per), \(span)"
      let drawing = Sparkline(values: values).render(
        ChartText(id: "spark-\(name)", title: "\(label) per \(per)", summary: summary))
      return page.charts.image(
        drawing, folder: range.rawValue, name: "spark-\(name)", root: page.root, alt: summary)
    }
    let ratings = feedback.ratings
    return HeadlineCardsView(cards: [
      .count(
        label: "Active listeners", value: data.activity.activeUsers,
        previous: previous?.activity.activeUsers, comparison: comparison,
        detail: "of \(NumberFormat.grouped(report.users.known)) who ever used the app"),
      .count(
        label: "New listeners", value: data.listeners?.new ?? 0, previous: previous?.listeners?.new,
        comparison: comparison,
        detail: range == .all ? "every listener so far" : "first event ever in this range",
        sparkline: spark("new", "New listeners", daily.map { Double($0.newListeners) })),
      .count(
        label: "Activity events", value: data.activity.events, previous: previous?.activity.events,
        comparison: comparison, detail: "searches, playlists, plays, logins",
        sparkline: spark("events", "Activity events", daily.map { Double($0.events) })),
      .ratio(
        label: "Like ratio", value: feedback.likeRatio, previous: previous?.likeRatio,
        comparison: comparison,
        detail: feedback.wilsonLower.map { lower in
          "95% interval \(Change.interval(lower, feedback.wilsonUpper ?? lower))"
        },
        sparkline: spark("ratio", "Like ratio", daily.map { $0.likeRatio })),
      .count(
        label: "Ratings", value: ratings, previous: previous?.ratings, comparison: comparison,
        detail:
          "\(NumberFormat.grouped(feedback.likes)) likes · \(NumberFormat.grouped(feedback.dislikes)) dislikes",
        sparkline: spark("ratings", "Ratings", daily.map { Double($0.likes + $0.dislikes) })),
      .count(
        label: "Searches", value: searches, previous: previousSearches, comparison: comparison,
        detail: nil,
        sparkline: spark("searches", "Searches", daily.map { Double($0.byKind.first ?? 0) })),
    ])
  }
}

/// The headline cards as `section-cards.mustache` sees them.
struct HeadlineCardsView: Sendable {
  let cards: [CardView]
}

extension HeadlineCardsView: TemplateView {
  static let children: [any TemplateView.Type] = [CardView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = ["cards": { $0.cards }]
}
