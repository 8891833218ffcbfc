import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Activity section: events per day (per week, month, quarter or year for a long range, see
/// ``DailyBuckets``) stacked by kind, and when listeners are active, by local weekday and hour.
struct ActivitySection: DashboardSection {
  /// Kind names as pages show them, in report order (search, playlist, play, login, other).
  static let kindLabels = ["Searches", "Playlists", "Plays", "Logins", "Other"]

  var id: String { "activity" }

  func view(_ page: inout SectionContext) -> ActivityView {
    ActivityView(daily: daily(&page), heatmap: heatmap(&page))
  }

  /// Events per day (or per longer period, for a long range) stacked by kind.
  func daily(_ page: inout SectionContext) -> ChartView {
    let range = page.range
    let data = page.data
    let daily = data.daily
    let grouped = DailyBuckets(daily)
    let per = grouped.size.noun
    let total = data.activity.events
    let kinds = data.activity.byKind
    var summary = "No activity in this range."
    if total > 0 {
      let whole = daily.filter { $0.coverage == nil }
      let busiest = whole.max { $0.events < $1.events }
      let shares = zip(Self.kindLabels, kinds).map { ($0, $1.events) }.sorted { $0.1 > $1.1 }
        .prefix(2)
        .map { "\($0.0.lowercased()) \(NumberFormat.percent(Double($0.1) / Double(total)))" }
      summary = "\(NumberFormat.grouped(total)) activity events"
      if !whole.isEmpty {
        summary +=
          ", \(NumberFormat.grouped(whole.map(\.events).reduce(0, +) / whole.count)) a day on average"
      }
      if let busiest {
        summary +=
          "; the busiest day was \(Narrative.date(busiest.date, weekday: true)) with \(NumberFormat.grouped(busiest.events))"
      }
      summary += ". By kind: " + Narrative.list(Array(shares)) + "."
    }
    let table = TableView(
      caption: "Activity events per \(per) by kind, \(range.label.lowercased())",
      columns: [(grouped.size == .day ? "Date" : Narrative.capitalized(per), false)]
        + Self.kindLabels.map { ($0, true) } + [("Total", true)],
      rows: grouped.buckets.map { bucket in
        [bucket.tableLabel] + bucket.byKind.map(NumberFormat.grouped) + [
          NumberFormat.grouped(bucket.events)
        ]
      })
    let by: String =
      switch grouped.size {
      case .day: ""
      case .week: ", by week (Monday to Sunday)"
      default: ", by \(per)"
      }
    return page.chart(
      name: "activity", title: "Activity per \(per)",
      note:
        "Searches, playlist submissions, plays, logins and other events\(by). Likes and dislikes are counted under ratings.",
      summary: summary, table: table, isEmpty: total == 0, emptyText: "No activity in this range."
    ) { text, width in
      StackedBarChart(
        layers: Self.kindLabels.enumerated().map {
          StackedBarChart.Layer(name: $1, colorIndex: $0)
        },
        periods: grouped.buckets.map(\.period),
        values: grouped.buckets.map { $0.byKind.map(Double.init) },
        axisFormat: .compact, unit: "events"
      ).render(text, width: width, height: width < SectionContext.wide ? 240 : 280)
    }
  }
}

/// The Activity section as `section-activity.mustache` sees it.
struct ActivityView: Sendable {
  /// Events per day or week, by kind.
  let daily: ChartView
  /// Events by weekday and hour.
  let heatmap: ChartView
}

extension ActivityView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "daily": { $0.daily },
    "heatmap": { $0.heatmap },
  ]
}
