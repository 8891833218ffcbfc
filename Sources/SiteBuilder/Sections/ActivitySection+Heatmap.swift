import Formatting
import ReportModel
import SVGCharts

extension ActivitySection {
  /// Activity by local weekday and hour.
  func heatmap(_ page: inout SectionContext) -> ChartView {
    let zone = page.timeZone
    let cells = page.data.heatmap.cells
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
    let slot = { (day: Int, hour: Int) in
      "\(DateFormat.weekdayNames[day]) \(DateFormat.hour(hour))–\(DateFormat.hour((hour + 1) % 24))"
    }
    if total > 0 {
      summary =
        "Activity peaks on \(slot(peak.0, peak.1)) with \(NumberFormat.grouped(peak.2)) events and is quietest on \(slot(low.0, low.1)) with \(NumberFormat.grouped(low.2)). Times are in \(zone)."
    }
    let table = TableView(
      caption: "Activity events by weekday and hour (\(zone)), \(page.range.label.lowercased())",
      columns: [("Weekday", false)] + (0..<24).map { (CivilDate.hourLabel($0), true) },
      rows: cells.enumerated().map { day, row in
        [DateFormat.weekdayNames[day]] + row.map(NumberFormat.grouped)
      })
    return page.chart(
      name: "heatmap", title: "When listeners are active",
      note: "Activity events by weekday and hour, in \(zone). A stronger blue is busier.",
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
