import Foundation
import SVGCharts
import Testing

/// The interval ("forest") chart: an axis that one enormous interval does not flatten, and cut
/// ends marked.
@Suite("Interval chart")
struct IntervalChartTests {
  let text = ChartText(id: "x", title: "Difference in like ratio", summary: "B ahead")

  /// A row of `value` with a 95% interval of ±`inner` and an always-valid one of ±`outer`.
  static func row(_ label: String, _ value: Double, inner: Double, outer: Double)
    -> IntervalChart.Row
  {
    IntervalChart.Row(
      label: label, value: value, inner: (value - inner)...(value + inner),
      outer: (value - outer)...(value + outer), valueLabel: "+5.0 pts",
      className: "td-interval-undecided", tooltip: "\(label): +5.0 pts")
  }

  /// The numbers of the attribute `name` in every element of `svg` with class `className`.
  static func numbers(_ name: String, of className: String, in svg: String) -> [Double] {
    svg.components(separatedBy: "<").filter { $0.contains(#"class="\#(className)""#) }
      .compactMap { element in
        element.components(separatedBy: #" \#(name)=""#).dropFirst().first
          .flatMap { Double($0.prefix { $0 != "\"" }) }
      }
  }

  @Test func oneHugeIntervalNeitherFlattensTheOthersNorHidesThatItIsCut() {
    // Two precise rows (5 ± 1 and 3 ± 2 points, always valid ± 3 and ± 4) and one from a few
    // listeners: 4 ± 20 points, always valid ± 900. Zero and the 95% intervals span −16 … +24
    // points; the always-valid lines may reach the widest 95% half-width (20 points) further,
    // to −36 … +44, which nice steps of 20 round to −40 … +60 — not ±900.
    let chart = IntervalChart(rows: [
      Self.row("a → b", 0.05, inner: 0.01, outer: 0.03),
      Self.row("a → c", 0.03, inner: 0.02, outer: 0.04),
      Self.row("b → c", 0.04, inner: 0.2, outer: 9),
    ])
    let svg = chart.render(text, width: 560).inline
    #expect(svg.contains(#"role="img""#) && svg.contains(#"aria-labelledby="x-title x-desc""#))
    #expect(svg.contains("<title>a → b: +5.0 pts</title>"))
    #expect(svg.contains(">−40<") && svg.contains(">+60<") && !svg.contains(">+80<"))
    // Only the third row's always-valid line is cut, at both ends: one path, two arrowheads.
    let clipped = svg.components(separatedBy: "<").filter { $0.contains("td-interval-clipped") }
    #expect(clipped.count == 1)
    #expect(clipped.first?.components(separatedBy: "z").count == 3)
    // The 95% bars keep their widths: 2 points of a 100-point axis on about 450 units is
    // ~9 units, 4 points twice that (written to 0.1 of a unit).
    let widths = Self.numbers("width", of: "td-interval-inner", in: svg)
    #expect(widths.count == 3)
    #expect(widths[0] > 8 && abs(widths[1] - 2 * widths[0]) <= 0.3)
    // The axis says what it counts.
    #expect(svg.contains("B − A, percentage points"))
  }

  @Test func smallDifferencesGetDecimalTicksAndAZeroLine() {
    let chart = IntervalChart(rows: [Self.row("a → b", 0.004, inner: 0.003, outer: 0.005)])
    let svg = chart.render(text, width: 360).inline
    #expect(svg.contains(#"class="td-zero""#))
    #expect(svg.contains(">+0.5<") || svg.contains(">+0.2<"))
    #expect(!svg.contains("td-interval-clipped"))
    #expect(svg.contains(">0<"))
  }
}
