import ReportModel
import Formatting
import SVGCharts

extension DashboardBuilder {
  /// Kind names as pages show them, in report order (search, playlist, play, login, other).
  static let kindLabels = ["Searches", "Playlists", "Plays", "Logins", "Other"]

  /// Events per day (or per week, for all time) stacked by kind.
  mutating func activityChart() -> ChartView {
    let daily = data.daily
    let weekly = range == .all && daily.count > 120
    let periods = weekly ? Self.weeks(daily) : daily.compactMap { point -> StackedBarChart.Period? in
      guard let day = CivilDate(iso: point.date) else { return nil }
      return StackedBarChart.Period(
        firstDay: day.dayNumber, days: 1, values: point.byKind.map(Double.init),
        label: DateFormat.weekdayDayMonth(day) + (point.coverage != nil ? " (part of the day)" : ""),
        isPartial: (point.coverage ?? 1) < 0.95)
    }
    let total = data.activity.events
    let kinds = data.activity.byKind
    var summary = "No activity in this range."
    if total > 0 {
      let whole = daily.filter { $0.coverage == nil }
      let busiest = whole.max { $0.events < $1.events }
      let shares = zip(Self.kindLabels, kinds).map { ($0, $1.events) }.sorted { $0.1 > $1.1 }.prefix(2)
        .map { "\($0.0.lowercased()) \(NumberFormat.percent(Double($0.1) / Double(total)))" }
      summary = "\(NumberFormat.grouped(total)) activity events"
      if !whole.isEmpty {
        summary += ", \(NumberFormat.grouped(whole.map(\.events).reduce(0, +) / whole.count)) a day on average"
      }
      if let busiest { summary += "; the busiest day was \(Narrative.date(busiest.date, weekday: true)) with \(NumberFormat.grouped(busiest.events))" }
      summary += ". By kind: " + Narrative.list(Array(shares)) + "."
    }
    let table = TableView(
      caption: "Activity events per day by kind, \(range.label.lowercased())",
      columns: [("Date", false)] + Self.kindLabels.map { ($0, true) } + [("Total", true)],
      rows: daily.map { point in
        [Narrative.date(point.date, weekday: true) + (point.coverage != nil ? " (part)" : "")]
          + point.byKind.map(NumberFormat.grouped) + [NumberFormat.grouped(point.events)]
      })
    return chart(
      name: "activity", title: weekly ? "Activity per week" : "Activity per day",
      note: "Searches, playlist submissions, plays, logins and other events\(weekly ? ", by week (Monday to Sunday)" : ""). Likes and dislikes are counted under ratings.",
      summary: summary, table: table, isEmpty: total == 0, emptyText: "No activity in this range."
    ) { text, width in
      StackedBarChart(
        layers: Self.kindLabels.enumerated().map { StackedBarChart.Layer(name: $1, colorIndex: $0) },
        periods: periods, axisFormat: .compact, unit: "events"
      ).render(text, width: width, height: width < Self.wide ? 240 : 280)
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
      periods[index].label += " (\(NumberFormat.decimal(covered[index], places: covered[index].rounded() == covered[index] ? 0 : 1)) of 7 days)"
    }
    return periods
  }

  /// Activity by local weekday and hour.
  mutating func heatmapChart() -> ChartView {
    let cells = data.heatmap.cells
    let values = cells.map { $0.map(Double.init) }
    let total = cells.flatMap { $0 }.reduce(0, +)
    var summary = "No activity in this range."
    var peak = (0, 0, 0)
    var low = (0, 0, Int.max)
    for (day, row) in cells.enumerated() {
      for (hour, value) in row.enumerated() {
        if value > peak.2 { peak = (day, hour, value) }
        if value < low.2 { low = (day, hour, value) }
      }
    }
    let slot = { (day: Int, hour: Int) in "\(DateFormat.weekdayNames[day]) \(DateFormat.hour(hour))–\(DateFormat.hour((hour + 1) % 24))" }
    if total > 0 {
      summary =
        "Activity peaks on \(slot(peak.0, peak.1)) with \(NumberFormat.grouped(peak.2)) events and is quietest on \(slot(low.0, low.1)) with \(NumberFormat.grouped(low.2)). Times are in \(report.timeZone)."
    }
    let table = TableView(
      caption: "Activity events by weekday and hour (\(report.timeZone)), \(range.label.lowercased())",
      columns: [("Weekday", false)] + (0..<24).map { (CivilDate.hourLabel($0), true) },
      rows: cells.enumerated().map { day, row in [DateFormat.weekdayNames[day]] + row.map(NumberFormat.grouped) })
    return chart(
      name: "heatmap", title: "When listeners are active",
      note: "Activity events by weekday and hour, in \(report.timeZone). Darker is busier.",
      summary: summary, table: table, isEmpty: total == 0, emptyText: "No activity in this range."
    ) { text, width in
      HeatmapChart(
        rows: DateFormat.weekdayAbbreviations, rowNames: DateFormat.weekdayNames,
        columns: (0..<24).map { CivilDate.hourLabel($0) },
        columnNames: (0..<24).map { "\(DateFormat.hour($0))–\(DateFormat.hour(($0 + 1) % 24))" },
        values: values, unit: "events"
      ).render(text, width: width)
    }
  }
}

extension CivilDate {
  /// `00` … `23`.
  static func hourLabel(_ hour: Int) -> String { hour < 10 ? "0\(hour)" : "\(hour)" }
}
