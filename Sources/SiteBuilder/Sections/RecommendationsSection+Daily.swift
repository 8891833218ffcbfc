import ReportModel
import Formatting
import SVGCharts

extension RecommendationsSection {
  /// The like ratio per day, the previous range faintly behind.
  func likeDaily(_ page: inout SectionContext) -> ChartView {
    let range = page.range
    let data = page.data
    let daily = data.daily
    let values = daily.map { ($0.coverage ?? 1) >= 0.5 ? $0.likeRatio : nil }
    let previous = data.previous?.daily.map { ($0.coverage ?? 1) >= 0.5 ? $0.likeRatio : nil }
    let present = values.compactMap { $0 }
    var summary = "No ratings in this range."
    if let low = present.min(), let high = present.max() {
      let mean = present.reduce(0, +) / Double(present.count)
      summary =
        "The daily like ratio ranged from \(NumberFormat.percent(low, places: 1)) to \(NumberFormat.percent(high, places: 1)), averaging \(NumberFormat.percent(mean, places: 1)) a day."
      if let before = previous?.compactMap({ $0 }), !before.isEmpty {
        summary +=
          " The \(range.days ?? 0) days before averaged \(NumberFormat.percent(before.reduce(0, +) / Double(before.count), places: 1))."
      }
    }
    let firstDay = daily.first.flatMap { CivilDate(iso: $0.date)?.dayNumber } ?? 0
    let table = TableView(
      caption: "Likes and dislikes per day, \(range.label.lowercased())",
      columns: [("Date", false), ("Likes", true), ("Dislikes", true), ("Like ratio", true)],
      rows: daily.map {
        [
          Narrative.date($0.date, weekday: true) + ($0.coverage != nil ? " (part)" : ""),
          NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
          $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
        ]
      })
    var series = [
      TimeSeriesChart.Series(name: "Like ratio", values: values, style: .line, colorIndex: 0)
    ]
    if let previous, range != .all {
      series.insert(
        TimeSeriesChart.Series(
          name: "Previous \(range.days ?? 0) days",
          values: Self.aligned(previous, to: values.count),
          style: .line, colorIndex: 0, isPrevious: true), at: 0)
    }
    let all = (values + (previous ?? [])).compactMap { $0 }
    let domain = Self.ratioDomain(all)
    return page.chart(
      name: "like-daily", title: "Like ratio per day",
      note: range == .all
        ? "Likes ÷ (likes + dislikes) each day."
        : "Likes ÷ (likes + dislikes) each day; dashed: the \(range.days ?? 0) days before, day by day.",
      summary: summary, table: table, isEmpty: present.isEmpty,
      emptyText: "No ratings in this range."
    ) { text, width in
      TimeSeriesChart(
        firstDay: firstDay, series: series, axisFormat: .percent, domain: domain,
        includeZero: false,
        partialDays: Set(
          daily.filter { $0.coverage != nil }.compactMap { CivilDate(iso: $0.date)?.dayNumber }),
        missingLabel: "no ratings that day"
      ).render(text, width: width, height: width < SectionContext.wide ? 220 : 260)
    }
  }

  /// `values` cut or padded with `nil` to `count` entries.
  static func aligned(_ values: [Double?], to count: Int) -> [Double?] {
    Array(values.prefix(count)) + Array(repeating: nil, count: max(0, count - values.count))
  }

  /// A y domain around ratios in steps of 10 points, at least 20 points tall.
  static func ratioDomain(_ values: [Double]) -> ClosedRange<Double> {
    guard let low = values.min(), let high = values.max() else { return 0...1 }
    var lower = max(0, (low * 10).rounded(.down) / 10)
    var upper = min(1, (high * 10).rounded(.up) / 10)
    if upper - lower < 0.2 {
      let middle = (lower + upper) / 2
      lower = max(0, middle - 0.1)
      upper = min(1, lower + 0.2)
      lower = max(0, upper - 0.2)
    }
    return lower...upper
  }
}
