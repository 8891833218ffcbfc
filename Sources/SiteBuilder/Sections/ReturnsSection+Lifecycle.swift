import Formatting
import ReportModel
import SVGCharts

extension ReturnsSection {
  /// The lifecycle layers bottom first, above the axis, then dormant below it.
  static let lifecycleLayers = [
    StackedBarChart.Layer(name: "Returning", colorIndex: 0),
    StackedBarChart.Layer(name: "Resurrected", colorIndex: 1),
    StackedBarChart.Layer(name: "New", colorIndex: 2),
    StackedBarChart.Layer(name: "Dormant", colorIndex: 4),
  ]

  /// Listeners by lifecycle state in each of the last 12 complete weeks: new, returning and
  /// resurrected stacked above the axis (together, the week's active listeners), dormant below.
  func lifecycle(_ page: inout SectionContext) -> ChartView {
    let weeks = page.report.lifecycle ?? []
    let periods = weeks.map { week in
      let monday = CivilDate(iso: week.week) ?? CivilDate(dayNumber: 0)
      return TimePeriod(
        firstDay: monday.dayNumber, days: 7, label: "Week of \(DateFormat.long(monday))")
    }
    let values = weeks.map {
      [$0.returning, $0.resurrected, $0.new, -$0.dormant].map(Double.init)
    }
    let hasListeners = weeks.contains { $0.new + $0.returning + $0.resurrected + $0.dormant > 0 }
    var summary = "No complete week has listeners yet."
    if let last = weeks.last, hasListeners {
      let active = last.new + last.returning + last.resurrected
      summary =
        "In the week of \(Narrative.date(last.week)), \(Narrative.count(active, "listener was", "listeners were")) active: \(NumberFormat.grouped(last.new)) new, \(NumberFormat.grouped(last.returning)) returning from the week before and \(NumberFormat.grouped(last.resurrected)) back after a break; \(NumberFormat.grouped(last.dormant)) active the week before did not come back."
      if let first = weeks.first, first.week != last.week {
        let before = first.new + first.returning + first.resurrected
        summary +=
          " In the week of \(Narrative.date(first.week)), \(NumberFormat.grouped(before)) were active."
      }
    }
    let table = TableView(
      caption: "Listeners by lifecycle state per week (Monday to Sunday, \(page.timeZone))",
      columns: [
        ("Week of", false), ("New", true), ("Returning", true), ("Resurrected", true),
        ("Active", true),
        ("Dormant", true),
      ],
      rows: weeks.map {
        [
          Narrative.date($0.week), NumberFormat.grouped($0.new), NumberFormat.grouped($0.returning),
          NumberFormat.grouped($0.resurrected),
          NumberFormat.grouped($0.new + $0.returning + $0.resurrected),
          NumberFormat.grouped($0.dormant),
        ]
      })
    return page.chart(
      name: "lifecycle", title: "Listeners week by week",
      note:
        "New: first event ever that week; returning: also active the week before; resurrected: back after a break; dormant (below the line): active the week before only.",
      summary: summary, table: table, isEmpty: !hasListeners,
      emptyText: "No complete week has listeners yet."
    ) { text, width in
      StackedBarChart(
        layers: Self.lifecycleLayers, periods: periods, values: values, axisFormat: .compact,
        unit: "active listeners"
      )
      .render(text, width: width, height: width < SectionContext.wide ? 240 : 280)
    }
  }
}
