import Formatting
import ReportModel
import SVGCharts

extension RecommendationsSection {
  /// The like ratio per day (or per longer period, for a long range, see ``DailyBuckets``), the
  /// previous range faintly behind.
  func likeDaily(_ page: inout SectionContext) -> ChartView {
    let range = page.range
    let data = page.data
    let grouped = DailyBuckets(data.daily)
    let per = grouped.size.noun
    // A period needs at least half a day of the range to have a ratio worth drawing.
    let ratios = { (buckets: [DailyBuckets.Bucket]) in
      buckets.map { $0.covered >= 0.5 ? $0.likeRatio : nil }
    }
    let values = ratios(grouped.buckets)
    let previous = data.previous.map { ratios(DailyBuckets($0.daily, size: grouped.size).buckets) }
    let present = values.compactMap { $0 }
    var summary = "No ratings in this range."
    if let low = present.min(), let high = present.max() {
      let mean = present.reduce(0, +) / Double(present.count)
      summary =
        "The \(grouped.size.adjective) like ratio ranged from \(NumberFormat.percent(low, places: 1)) to \(NumberFormat.percent(high, places: 1)), averaging \(NumberFormat.percent(mean, places: 1)) a \(per)."
      if let before = previous?.compactMap({ $0 }), !before.isEmpty {
        summary +=
          " The \(range.days ?? 0) days before averaged \(NumberFormat.percent(before.reduce(0, +) / Double(before.count), places: 1))."
      }
    }
    let table = TableView(
      caption: "Likes and dislikes per \(per), \(range.label.lowercased())",
      columns: [
        (grouped.size == .day ? "Date" : Narrative.capitalized(per), false), ("Likes", true),
        ("Dislikes", true), ("Like ratio", true),
      ],
      rows: grouped.buckets.map {
        [
          $0.tableLabel, NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
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
      name: "like-daily", title: "Like ratio per \(per)",
      note: range == .all
        ? "Likes ÷ (likes + dislikes) each \(per)."
        : "Likes ÷ (likes + dislikes) each \(per); dashed: the \(range.days ?? 0) days before, \(per) by \(per).",
      summary: summary, table: table, isEmpty: present.isEmpty,
      emptyText: "No ratings in this range."
    ) { text, width in
      TimeSeriesChart(
        periods: grouped.buckets.map(\.period), series: series, axisFormat: .percent,
        domain: domain, includeZero: false, missingLabel: "no ratings that \(per)"
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
