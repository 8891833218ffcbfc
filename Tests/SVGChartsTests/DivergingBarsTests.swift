import Foundation
import SVGCharts
import Testing

/// Stacked bars with negative values: a diverging chart, as the weekly lifecycle draws it.
@Suite("Diverging stacked bars")
struct DivergingBarsTests {
  let text = ChartText(id: "d", title: "Listeners week by week", summary: "Most came back")

  /// The value of the attribute `name` in `element`.
  static func number(_ name: String, in element: String) -> Double? {
    guard let range = element.range(of: #" \#(name)="([-0-9.]+)""#, options: .regularExpression)
    else { return nil }
    return Double(element[range].dropFirst(name.count + 3).dropLast())
  }

  /// The bars of the layer drawn with `className`: (top, height) of each `M x y h w v h h-w z`.
  static func bars(_ svg: String, layer className: String) -> [(top: Double, height: Double)] {
    guard
      let element = svg.components(separatedBy: "<").first(where: { $0.contains(className) }),
      let d = element.components(separatedBy: "d=\"").dropFirst().first?
        .components(separatedBy: "\"").first
    else { return [] }
    return d.components(separatedBy: "M").dropFirst().compactMap { bar in
      let top = bar.split(separator: " ")[1].split(separator: "h")[0]
      let height = bar.split(separator: "v")[1].split(separator: "h")[0]
      return Double(top).flatMap { top in Double(height).map { (top, $0) } }
    }
  }

  @Test func negativeValuesHangBelowAZeroLineAndTooltipsDropTheSign() throws {
    let chart = StackedBarChart(
      layers: [
        StackedBarChart.Layer(name: "Returning", colorIndex: 0),
        StackedBarChart.Layer(name: "New", colorIndex: 2),
        StackedBarChart.Layer(name: "Dormant", colorIndex: 4),
      ],
      periods: [
        TimePeriod(firstDay: 20_000, days: 7, label: "Week one"),
        TimePeriod(firstDay: 20_007, days: 7, label: "Week two"),
      ],
      values: [[30, 10, -2], [35, 5, -8]], unit: "active listeners")
    let svg = chart.render(text, width: 400, height: 240).inline
    let zero = try #require(svg.components(separatedBy: "<").first { $0.contains("td-zero") })
    let zeroY = try #require(Self.number("y1", in: zero))
    let dormant = Self.bars(svg, layer: "td-series-4 td-layer")
    let returning = Self.bars(svg, layer: "td-series-0 td-layer")
    #expect(dormant.count == 2 && returning.count == 2)
    // Coordinates are written to 0.1: a top, a height and the zero line are each off by 0.05.
    for bar in dormant { #expect(abs(bar.top - zeroY) <= 0.1) }
    for bar in returning { #expect(abs(bar.top + bar.height - zeroY) <= 0.16) }
    // The deeper dormant bar is four times as tall; the totals above zero are the active ones.
    #expect(abs(dormant[1].height - 4 * dormant[0].height) <= 0.26)
    #expect(svg.contains("Week two: 40 active listeners — Returning 35, New 5, Dormant 8"))
    // Ticks every 20 above zero; below it the axis reaches only as deep as the data needs (8
    // plus a little air), not a whole step down to −20.
    #expect(svg.contains(">20<") && svg.contains(">40<") && !svg.contains(">−20<"))
  }

  @Test func withoutNegativeValuesThereIsNoZeroLine() {
    let svg = StackedBarChart(
      layers: [StackedBarChart.Layer(name: "Plays", colorIndex: 0)],
      periods: [TimePeriod(firstDay: 20_000, days: 1, label: "Mon")], values: [[3]]
    ).render(text, width: 400, height: 200).inline
    #expect(!svg.contains("td-zero"))
  }
}
