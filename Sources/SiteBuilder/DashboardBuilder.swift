import Formatting
import ReportModel

/// Builds the dashboard page of one range: the page head, then every section in
/// ``sections`` in order, each rendered by its own partial.
struct DashboardBuilder {
  /// The dashboard's sections in page order. A new section is one line here, its type and its
  /// partial `section-<id>.mustache`.
  static let sections: [any DashboardSection] = [
    HeadlineCardsSection(),
    GenresSection(),
    RecommendationsSection(),
    ExperimentsSection(),
    RecommendationQualitySection(),
    TopListsSection(),
    ActivitySection(),
    WordsSection(),
    ReturnsSection(),
    ListenersSection(),
    DataQualitySection(),
  ]

  let report: Report
  let range: RangeKey
  /// `""` for the top-level page, `"../"` for pages one folder down.
  let root: String
  /// The words the word cloud was counted without.
  let stopwords: StopwordNote
  var charts: ChartFiles

  var data: RangeReport { report[range] }

  mutating func build() -> DashboardView {
    let data = self.data
    let hasEvents = data.activity.events + data.feedback.likes + data.feedback.dislikes > 0
    var page = SectionContext(
      report: report, range: range, root: root, stopwords: stopwords, charts: charts)
    let sections = Self.sections.map { SectionView($0, page: &page) }
    charts = page.charts
    return DashboardView(
      page: PageChrome.make(report: report, current: range, root: root, title: range.label),
      rangeLabel: range.label,
      period: period,
      comparisonPeriod: comparisonPeriod,
      hasData: report.asOf != nil,
      hasEvents: hasEvents,
      sections: sections)
  }

  /// The exact span of the range in the report's zone, e.g. `22 Oct, 00:00 – 20 Nov 2026, 23:59 (UTC)`.
  var period: String {
    guard let asOf = report.asOf.flatMap(DateFormat.parseISO) else { return "" }
    guard let start = data.start.flatMap(DateFormat.parseISO) else {
      return data.firstDate == nil
        ? ""
        : "\(Narrative.span(data.firstDate, data.lastDate)), every event up to the end of the data"
    }
    return LocalTime.span(from: start, through: asOf, zone: report.timeZone)
      + " (\(report.timeZone))"
  }

  /// "Changes compare with the 30 days before, up to the same time of day: …".
  var comparisonPeriod: String? {
    guard let days = range.days, let previous = data.previous,
      let start = DateFormat.parseISO(previous.start), let end = DateFormat.parseISO(previous.end)
    else { return nil }
    let span = LocalTime.span(from: start, through: end, zone: report.timeZone)
    return "Changes compare with the \(days) days before, up to the same time of day: \(span)."
  }
}

/// Everything the dashboard template shows for one range: the page head, then the sections.
struct DashboardView: Sendable {
  let page: PageChrome
  let rangeLabel: String
  let period: String
  let comparisonPeriod: String?
  /// `false` when the database has no events at all yet.
  let hasData: Bool
  /// `false` when this range has no events.
  let hasEvents: Bool
  /// The sections in page order.
  let sections: [SectionView]
}
