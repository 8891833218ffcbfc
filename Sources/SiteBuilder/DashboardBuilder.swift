import ReportModel
import Formatting
import SVGCharts

/// Builds the dashboard page of one range: headline cards, then one section per question the
/// owners ask (genres, likes, activity, searches, listeners, data quality).
struct DashboardBuilder {
  let report: Report
  let range: RangeKey
  /// `""` for the top-level page, `"../"` for pages one folder down.
  let root: String
  var charts: ChartFiles

  /// Chart widths: `wide` fits a half-width column of a desktop page, `narrow` a phone.
  static let wide = 560.0
  static let narrow = 360.0

  var data: RangeReport { report[range] }

  /// "vs previous 30 days".
  var comparison: String? { range.days.map { "vs previous \($0) days" } }

  mutating func build() -> DashboardView {
    let data = self.data
    let hasEvents = data.activity.events + data.feedback.likes + data.feedback.dislikes > 0
    return DashboardView(
      page: PageChrome.make(report: report, current: range, root: root, title: range.label),
      rangeLabel: range.label,
      period: period,
      comparisonPeriod: comparisonPeriod,
      hasData: report.asOf != nil,
      hasEvents: hasEvents,
      cards: headlineCards(),
      genres: genreChart(),
      likeByGenre: likeByGenreChart(),
      likeDaily: likeDailyChart(),
      likeBySource: ratedGroupChart(
        name: "like-by-source", title: "Like ratio by recommendation source",
        note: "What the recommendation was seeded from. Whiskers: 95% Wilson interval.",
        groups: data.feedback.bySource, what: "source", folded: data.feedback.bySourceOther),
      likeByModel: ratedGroupChart(
        name: "like-by-model", title: "Like ratio by model version",
        note: "The recommender version that made the recommendation. Whiskers: 95% Wilson interval.",
        groups: data.feedback.byModel, what: "model", folded: data.feedback.byModelOther),
      mostLiked: trackTable(data.feedback.mostLiked, caption: "Most liked recommended tracks"),
      mostDisliked: trackTable(data.feedback.mostDisliked, caption: "Most disliked recommended tracks"),
      minRatings: NumberFormat.grouped(data.feedback.minRatings),
      activityDaily: activityChart(),
      heatmap: heatmapChart(),
      words: wordCloudChart(),
      listenerCards: listenerCards(),
      recency: recencyChart(),
      recentUsers: recentUsersTable(),
      dataQuality: dataQualityTable(),
      dataQualityClean: report.dataQuality.issues.isEmpty,
      skippedRows: NumberFormat.grouped(report.dataQuality.skippedRows),
      keptRows: NumberFormat.grouped(report.dataQuality.keptRows))
  }

  /// The exact span of the range in the report's zone, e.g. `21 Oct, 23:59 – 20 Nov 2026, 23:59 (UTC)`.
  var period: String {
    guard let asOf = report.asOf.flatMap(DateFormat.parseISO) else { return "" }
    guard let start = data.start.flatMap(DateFormat.parseISO) else {
      return data.firstDate == nil
        ? "" : "\(Narrative.span(data.firstDate, data.lastDate)), every event up to the end of the data"
    }
    return LocalTime.span(after: start, through: asOf, zone: report.timeZone) + " (\(report.timeZone))"
  }

  /// "Changes compare with the 30 days before: …".
  var comparisonPeriod: String? {
    guard let days = range.days, let previous = data.previous,
      let start = DateFormat.parseISO(previous.start), let end = data.start.flatMap(DateFormat.parseISO)
    else { return nil }
    return "Changes compare with the \(days) days before: \(LocalTime.span(after: start, through: end, zone: report.timeZone))."
  }

  /// Renders a chart in both sizes and records the standalone file.
  mutating func chart(
    name: String, title: String, note: String?, summary: String, table: TableView,
    isEmpty: Bool = false, emptyText: String = "No data in this range.", footnote: String? = nil,
    hasNarrow: Bool = true, draw: (ChartText, Double) -> SVGDocument
  ) -> ChartView {
    let id = "\(name)-\(range.rawValue)"
    guard !isEmpty else {
      return emptyChart(name: name, title: title, note: note, table: table, emptyText: emptyText)
    }
    let wide = draw(ChartText(id: "\(id)-w", title: title, summary: summary), Self.wide)
    let narrow = hasNarrow ? draw(ChartText(id: "\(id)-n", title: title, summary: summary), Self.narrow) : nil
    let href = charts.add(wide, range: range.rawValue, name: name, root: root)
    return ChartView(
      id: id, title: title, note: note, wide: wide.inline, narrow: narrow?.inline, href: href,
      table: table, isEmpty: false, emptyText: emptyText, footnote: footnote)
  }
}

extension DashboardBuilder {
  /// A chart with nothing to draw in this range: the template says so in words.
  func emptyChart(name: String, title: String, note: String?, table: TableView, emptyText: String)
    -> ChartView
  {
    ChartView(
      id: "\(name)-\(range.rawValue)", title: title, note: note, wide: "", narrow: nil, href: "",
      table: table, isEmpty: true, emptyText: emptyText, footnote: nil)
  }
}

/// Everything the dashboard template shows for one range.
struct DashboardView: Sendable {
  let page: PageChrome
  let rangeLabel: String
  let period: String
  let comparisonPeriod: String?
  /// `false` when the database has no events at all yet.
  let hasData: Bool
  /// `false` when this range has no events.
  let hasEvents: Bool
  let cards: [CardView]
  let genres: ChartView
  let likeByGenre: ChartView
  let likeDaily: ChartView
  let likeBySource: ChartView
  let likeByModel: ChartView
  let mostLiked: TableView
  let mostDisliked: TableView
  let minRatings: String
  let activityDaily: ChartView
  let heatmap: ChartView
  let words: ChartView
  let listenerCards: [CardView]
  let recency: ChartView
  let recentUsers: TableView
  let dataQuality: TableView
  let dataQualityClean: Bool
  let skippedRows: String
  let keptRows: String
}
