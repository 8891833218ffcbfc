import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The "Who comes back" section: the range's returning listeners and stickiness as cards with
/// their change, new listeners per day (the range before dashed behind) and stickiness per day,
/// and — the same on every page, as of the end of the data — listeners by lifecycle week by
/// week (``ReturnsSection/lifecycle(_:)``) and the weekly retention cohorts
/// (``CohortTableView``).
///
/// The all-time page shows the weekly part alone: its new listeners are the headline card's
/// sparkline, it has no stickiness, and the page's weight budget (200 KB, most of it taken by
/// the long range's other charts) leaves room for about 18 KB more.
struct ReturnsSection: DashboardSection {
  var id: String { "returns" }

  func view(_ page: inout SectionContext) -> ReturnsView {
    let hasDays = page.range.days != nil
    return ReturnsView(
      cards: cards(page), newDaily: hasDays ? newDaily(&page) : nil,
      stickiness: hasDays ? stickinessDaily(&page) : nil, lifecycle: lifecycle(&page),
      cohorts: CohortTableView(page.report), timeZone: page.timeZone)
  }

  /// Returning listeners and stickiness, with their change; none for all time, where nobody's
  /// first event is before the range and stickiness is not computed.
  func cards(_ page: SectionContext) -> [CardView] {
    guard let days = page.range.days, let listeners = page.data.listeners else { return [] }
    let previous = page.data.previous?.listeners
    let comparison = "vs previous \(days) days"
    let active = page.data.activity.activeUsers
    return [
      .count(
        label: "Returning listeners", value: listeners.returning, previous: previous?.returning,
        comparison: comparison,
        detail: active > 0
          ? "\(NumberFormat.percent(Double(listeners.returning) / Double(active))) of active listeners; first event before the range"
          : "first event before the range"),
      .ratio(
        label: "Stickiness (DAU ÷ MAU)", value: listeners.stickiness,
        previous: previous?.stickiness,
        comparison: comparison,
        detail:
          "the mean over the range's days of listeners active that day ÷ in the 30 days to it",
        sparkline: nil),
    ]
  }

  /// New listeners per day (or per longer period, for a long range, see ``DailyBuckets``), the
  /// range before dashed behind.
  func newDaily(_ page: inout SectionContext) -> ChartView {
    let range = page.range
    let data = page.data
    let grouped = DailyBuckets(data.daily)
    let per = grouped.size.noun
    let total = data.listeners?.new ?? 0
    var summary = "No new listeners in this range."
    let busiest = grouped.buckets.filter(\.isMostlyInside).max { $0.newListeners < $1.newListeners }
    if total > 0, let busiest {
      summary =
        "\(Narrative.count(total, "new listener")) in the range; the most in one \(per): \(NumberFormat.grouped(busiest.newListeners)), \(busiest.label)."
      if let before = data.previous?.listeners?.new {
        summary += " The \(range.days ?? 0) days before had \(NumberFormat.grouped(before))."
      }
    }
    let table = TableView(
      caption: "New listeners per \(per), \(range.label.lowercased())",
      columns: [
        (grouped.size == .day ? "Date" : Narrative.capitalized(per), false),
        ("New listeners", true),
      ],
      rows: grouped.buckets.map { [$0.tableLabel, NumberFormat.grouped($0.newListeners)] })
    let chart = Self.series(
      name: "New listeners", colorIndex: 2, grouped: grouped,
      previous: data.previous.flatMap { previous in range.days.map { (previous.daily, $0) } },
      value: { $0.isMostlyInside ? Double($0.newListeners) : nil }, axisFormat: .compact,
      domain: nil, missingLabel: "no value")
    let preposition = grouped.size == .day ? "on" : "in"
    return page.chart(
      name: "new-listeners", title: "New listeners per \(per)",
      note: "Listeners whose first event ever falls \(preposition) the \(per)"
        + (range.days.map { "; dashed: the \($0) days before, \(per) by \(per)." } ?? "."),
      summary: summary, table: table, isEmpty: total == 0,
      emptyText: "No new listeners in this range."
    ) { text, width in
      chart.render(text, width: width, height: width < SectionContext.wide ? 220 : 260)
    }
  }

  /// Stickiness per day.
  func stickinessDaily(_ page: inout SectionContext) -> ChartView {
    let range = page.range
    let data = page.data
    let grouped = DailyBuckets(data.daily)
    let values = data.daily.compactMap(\.stickiness)
    var summary = "No day of this range has stickiness."
    if let low = values.min(), let high = values.max(), let mean = data.listeners?.stickiness {
      summary =
        "Daily stickiness ranged from \(NumberFormat.percent(low, places: 1)) to \(NumberFormat.percent(high, places: 1)), \(NumberFormat.percent(mean, places: 1)) on average."
      if let before = data.previous?.listeners?.stickiness {
        summary +=
          " The \(range.days ?? 0) days before averaged \(NumberFormat.percent(before, places: 1))."
      }
    }
    let table = TableView(
      caption: "Stickiness per day, \(range.label.lowercased())",
      columns: [("Date", false), ("DAU ÷ MAU", true)],
      rows: grouped.buckets.map {
        [$0.tableLabel, $0.stickiness.map { NumberFormat.percent($0, places: 1) } ?? "–"]
      })
    let all = values + (data.previous?.daily.compactMap(\.stickiness) ?? [])
    let chart = Self.series(
      name: "Stickiness", colorIndex: 0, grouped: grouped, previous: nil, value: \.stickiness,
      axisFormat: .percent, domain: RecommendationsSection.ratioDomain(all),
      missingLabel: "no listener in 30 days")
    return page.chart(
      name: "stickiness", title: "Stickiness per day",
      note:
        "DAU ÷ MAU: listeners active that day ÷ listeners active in the 30 days ending that day.",
      summary: summary, table: table, isEmpty: values.isEmpty,
      emptyText: "No day of this range has stickiness."
    ) { text, width in
      chart.render(text, width: width, height: width < SectionContext.wide ? 220 : 260)
    }
  }

  /// A line of `value` over the groups of the page's range and, given the `previous` range's
  /// days and length, that range (grouped alike) dashed behind it.
  private static func series(
    name: String, colorIndex: Int, grouped: DailyBuckets, previous: ([DailyPoint], days: Int)?,
    value: (DailyBuckets.Bucket) -> Double?, axisFormat: AxisFormat, domain: ClosedRange<Double>?,
    missingLabel: String
  ) -> TimeSeriesChart {
    let current = grouped.buckets.map(value)
    var series = [
      TimeSeriesChart.Series(name: name, values: current, style: .line, colorIndex: colorIndex)
    ]
    if let (daily, days) = previous {
      let before = DailyBuckets(daily, size: grouped.size).buckets.map(value)
      series.insert(
        TimeSeriesChart.Series(
          name: "Previous \(days) days",
          values: RecommendationsSection.aligned(before, to: current.count),
          style: .line, colorIndex: colorIndex, isPrevious: true), at: 0)
    }
    return TimeSeriesChart(
      periods: grouped.buckets.map(\.period), series: series, axisFormat: axisFormat,
      domain: domain, includeZero: domain == nil, missingLabel: missingLabel)
  }
}

/// The "Who comes back" section as `section-returns.mustache` sees it.
struct ReturnsView: Sendable {
  /// Returning listeners and stickiness; empty for all time.
  let cards: [CardView]
  /// New listeners per day; `nil` for all time.
  let newDaily: ChartView?
  /// Stickiness per day; `nil` for all time.
  let stickiness: ChartView?
  /// Listeners by lifecycle state, week by week.
  let lifecycle: ChartView
  /// The retention cohorts.
  let cohorts: CohortTableView
  /// The zone weeks are counted in.
  let timeZone: String
}

extension ReturnsView: TemplateView {
  static let children: [any TemplateView.Type] = [
    CardView.self, ChartView.self, CohortTableView.self,
  ]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "cards": { $0.cards },
    "hasCards": { !$0.cards.isEmpty },
    "newDaily": { $0.newDaily as Any? },
    "stickiness": { $0.stickiness as Any? },
    "lifecycle": { $0.lifecycle },
    "cohorts": { $0.cohorts },
    "timeZone": { $0.timeZone },
  ]
}
