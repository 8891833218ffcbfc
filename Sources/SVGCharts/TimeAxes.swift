import Formatting

/// The frame the charts over time share: under a legend of `legendHeight`, a value axis on the
/// left (labelled ticks with grid lines, its width fitted to the widest label) and day ticks
/// along the bottom, with the scales that place data inside it.
struct TimeAxes {
  /// Values to heights.
  let y: LinearScale
  /// Times to horizontal positions.
  let x: TimeScale
  /// The plot's left edge, right of the value labels.
  let left: Double
  /// The plot's right edge.
  let right: Double
  /// The plot's top edge, under the legend.
  let top: Double
  /// The baseline.
  let bottom: Double
  private let width: Double
  private let valueTicks: [(value: Double, label: String)]

  /// Lays out the frame of a chart `width` × `height` showing `values` over the local days
  /// `firstDay` … `lastDay`; `nice` rounds the value range out to round ticks. With
  /// `keepsNegativeLower`, a negative lower bound stays as given (a diverging chart's deepest
  /// bar) instead of being rounded out to a whole step, so a small part below zero takes only
  /// the room it needs.
  init(
    width: Double, height: Double, legendHeight: Double, values: ClosedRange<Double>, nice: Bool,
    format: AxisFormat, firstDay: Int, lastDay: Int, keepsNegativeLower: Bool = false
  ) {
    top = legendHeight + 10
    bottom = height - 24
    let tickCount = Ticks.count(forLength: bottom - top, spacing: 40)
    var y = LinearScale(domain: values, range: (bottom, top))
    let whole = format.countsWholeThings
    if nice { y = y.nice(count: tickCount, whole: whole) }
    if keepsNegativeLower && values.lowerBound < 0 {
      y = LinearScale(domain: values.lowerBound...y.domain.upperBound, range: (bottom, top))
    }
    self.y = y
    valueTicks = y.ticks(count: tickCount, whole: whole).map { ($0, format.format($0)) }
    left =
      (valueTicks.map { FontMetrics.width(of: $0.label, size: Layout.smallSize) }.max() ?? 0)
      + Layout.gap * 2
    right = width - 8
    self.width = width
    x = TimeScale(firstDay: firstDay, lastDay: lastDay, range: (left, right))
  }

  /// Draws the grid, the value labels and the day ticks, hidden from screen readers (the
  /// tooltips and the table carry the numbers).
  func draw(in svg: inout SVGWriter) {
    svg.open("g", ["class": .text("td-axis"), "aria-hidden": .text("true")])
    svg.lines(valueTicks.map { (left, y($0.value), right, y($0.value)) }, className: "td-grid")
    for tick in valueTicks {
      svg.text(
        tick.label, x: left - Layout.gap, y: y(tick.value) + 4, size: Layout.smallSize,
        anchor: .end, className: "td-tick-label")
    }
    let timeTicks = x.ticks(fontSize: Layout.smallSize).map { tick in
      (tick, x(tick.time + (x.dayWidth > 4 ? 43_200 : 0)))
    }
    svg.lines(timeTicks.map { ($0.1, bottom, $0.1, bottom + 4) }, className: "td-tick")
    for (tick, position) in timeTicks {
      let labelWidth = FontMetrics.width(of: tick.label, size: Layout.smallSize)
      let anchorX = min(max(position, left + labelWidth / 2), width - labelWidth / 2)
      svg.text(
        tick.label, x: anchorX, y: bottom + 16, size: Layout.smallSize, anchor: .middle,
        className: "td-tick-label")
    }
    svg.close("g")
  }

  /// Draws the baseline, after the data so that it stays on top.
  func drawBaseline(in svg: inout SVGWriter) {
    svg.empty(
      "line",
      [
        "x1": .number(left), "y1": .number(bottom), "x2": .number(right), "y2": .number(bottom),
        "class": .text("td-baseline"),
      ])
  }
}
