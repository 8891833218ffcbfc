import ReportModel
import Formatting
import Mustache
import SVGCharts

/// The Activity section: events per day (per week for a long all-time range) stacked by kind, and
/// when listeners are active, by local weekday and hour.
struct ActivitySection: DashboardSection {
  /// Kind names as pages show them, in report order (search, playlist, play, login, other).
  static let kindLabels = ["Searches", "Playlists", "Plays", "Logins", "Other"]

  var id: String { "activity" }

  func view(_ page: inout SectionContext) -> ActivityView {
    ActivityView(daily: daily(&page), heatmap: heatmap(&page))
  }

  /// Events per day (or per week, for all time) stacked by kind.
  func daily(_ page: inout SectionContext) -> ChartView {
    let range = page.range
    let data = page.data
    let daily = data.daily
    let weekly = range == .all && daily.count > 120
    let periods =
      weekly
      ? Self.weeks(daily)
      : daily.compactMap { point -> StackedBarChart.Period? in
        guard let day = CivilDate(iso: point.date) else { return nil }
        return StackedBarChart.Period(
          firstDay: day.dayNumber, days: 1, values: point.byKind.map(Double.init),
          label: DateFormat.weekdayDayMonth(day)
            + (point.coverage != nil ? " (part of the day)" : ""),
          isPartial: (point.coverage ?? 1) < 0.95)
      }
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
      caption: "Activity events per day by kind, \(range.label.lowercased())",
      columns: [("Date", false)] + Self.kindLabels.map { ($0, true) } + [("Total", true)],
      rows: daily.map { point in
        [Narrative.date(point.date, weekday: true) + (point.coverage != nil ? " (part)" : "")]
          + point.byKind.map(NumberFormat.grouped) + [NumberFormat.grouped(point.events)]
      })
    return page.chart(
      name: "activity", title: weekly ? "Activity per week" : "Activity per day",
      note:
        "Searches, playlist submissions, plays, logins and other events\(weekly ? ", by week (Monday to Sunday)" : ""). Likes and dislikes are counted under ratings.",
      summary: summary, table: table, isEmpty: total == 0, emptyText: "No activity in this range."
    ) { text, width in
      StackedBarChart(
        layers: Self.kindLabels.enumerated().map {
          StackedBarChart.Layer(name: $1, colorIndex: $0)
        },
        periods: periods, axisFormat: .compact, unit: "events"
      ).render(text, width: width, height: width < SectionContext.wide ? 240 : 280)
    }
  }

  /// Daily points summed into Monday-to-Sunday weeks; weeks the data covers only partly (the
  /// first and the last) are marked partial and say how many days they hold.
  static func weeks(_ daily: [DailyPoint]) -> [StackedBarChart.Period] {
    var periods: [StackedBarChart.Period] = []
    var covered: [Double] = []
    for point in daily {
      guard let day = CivilDate(iso: point.date) else { continue }
      let monday = day.dayNumber - day.weekday
      if let last = periods.last, last.firstDay == monday {
        periods[periods.count - 1].values = zip(last.values, point.byKind).map { $0 + Double($1) }
        covered[covered.count - 1] += point.coverage ?? 1
      } else {
        periods.append(
          StackedBarChart.Period(
            firstDay: monday, days: 7, values: point.byKind.map(Double.init),
            label: "Week of \(DateFormat.long(CivilDate(dayNumber: monday)))"))
        covered.append(point.coverage ?? 1)
      }
    }
    for index in periods.indices where covered[index] < 6.95 {
      periods[index].isPartial = true
      periods[index].label +=
        " (\(NumberFormat.decimal(covered[index], places: covered[index].rounded() == covered[index] ? 0 : 1)) of 7 days)"
    }
    return periods
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
  static let fields: [String: @Sendable (Self) -> Any?] = [
    "daily": { $0.daily },
    "heatmap": { $0.heatmap },
  ]
}
