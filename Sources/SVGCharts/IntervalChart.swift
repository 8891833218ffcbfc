import Formatting

/// A horizontal interval ("forest") chart of differences around zero: one row per estimate, a dot
/// at the estimate, a thick bar for its narrow interval and a thin line for its wide one — the
/// difference in like ratio between two model versions with its 95% and its always-valid 95%
/// interval.
///
/// The axis covers zero, the estimates and the narrow intervals, and the wide intervals only a
/// margin beyond that (see ``domain(for:)``): a wide interval can be hundreds of
/// times wider than the rest and would flatten them. Where a line is cut at the axis's end it
/// ends in an arrowhead (`td-interval-clipped`) and its tooltip gives the full bounds.
public struct IntervalChart: Sendable {
  /// One row.
  public struct Row: Sendable, Equatable {
    /// The row's name, e.g. `rec-a → rec-b`.
    public var label: String
    /// The estimate, e.g. d = R_B − R_A.
    public var value: Double
    /// The narrow interval (a 95% interval), drawn as a thick bar; `nil` for none.
    public var inner: ClosedRange<Double>?
    /// The wide interval (the always-valid one), drawn as a thin line; `nil` for none.
    public var outer: ClosedRange<Double>?
    /// The text at the row's end, e.g. `+5.2 pts`.
    public var valueLabel: String
    /// A class naming the row's verdict, e.g. `td-interval-better`; colours the marks.
    public var className: String
    /// The tooltip (`<title>`) of the row.
    public var tooltip: String

    /// Creates a row.
    public init(
      label: String, value: Double, inner: ClosedRange<Double>?, outer: ClosedRange<Double>?,
      valueLabel: String, className: String, tooltip: String
    ) {
      self.label = label
      self.value = value
      self.inner = inner
      self.outer = outer
      self.valueLabel = valueLabel
      self.className = className
      self.tooltip = tooltip
    }
  }

  /// The rows, top to bottom.
  public var rows: [Row]
  /// The widest the axis may reach on either side of zero, e.g. `1` for a difference of ratios.
  public var limit: Double

  /// Creates the chart.
  public init(rows: [Row], limit: Double = 1) {
    self.rows = rows
    self.limit = limit
  }

  static let rowHeight = 28.0
  static let innerHeight = 8.0
  static let dotRadius = 4.5
  static let arrowLength = 7.0

  /// The axis's extent before nice rounding: zero, every value and inner bound, widened to the
  /// outer bounds as far as a margin beyond them — the widest inner half-width or a quarter of
  /// their span, at least 0.01 — and never beyond ±``limit``. An always-valid interval of many
  /// listeners is about 1.5–2 times as wide as its 95% interval and fits; one of a handful of
  /// listeners, many times wider, is cut.
  func domain(for rows: [Row]) -> ClosedRange<Double> {
    var lower = 0.0
    var upper = 0.0
    var halfWidth = 0.0
    for row in rows {
      lower = min(lower, row.value, row.inner?.lowerBound ?? 0)
      upper = max(upper, row.value, row.inner?.upperBound ?? 0)
      if let inner = row.inner {
        halfWidth = max(halfWidth, (inner.upperBound - inner.lowerBound) / 2)
      }
    }
    let pad = max((upper - lower) / 4, halfWidth, 0.01)
    let (padLower, padUpper) = (max(lower - pad, -limit), min(upper + pad, limit))
    for row in rows {
      guard let outer = row.outer else { continue }
      lower = min(lower, max(outer.lowerBound, padLower))
      upper = max(upper, min(outer.upperBound, padUpper))
    }
    return max(lower, -limit)...min(upper, limit)
  }

  /// A tick's text: whole percentage points with their sign (`−10`, `0`, `+10`), with as many
  /// decimals as the step needs.
  static func tickLabel(_ value: Double, step: Double) -> String {
    let places = step * 100 >= 0.999 ? 0 : step * 100 >= 0.0999 ? 1 : 2
    if abs(value) < step / 2 { return "0" }
    return NumberFormat.signed(value * 100, places: places)
  }

  /// Draws the chart `width` units wide.
  public func render(_ text: ChartText, width: Double) -> SVGDocument {
    let size = Layout.labelSize
    let labels = rows.map { Layout.dataLabel($0.label) }
    let labelColumn = min(
      (labels.map { FontMetrics.width(of: $0, size: size) }.max() ?? 0) + Layout.gap * 2,
      width * 0.34)
    let valueColumn =
      (rows.map { FontMetrics.width(of: $0.valueLabel, size: size) }.max() ?? 0) + Layout.gap * 2
    let top = 6.0
    let plotLeft = labelColumn + Self.arrowLength
    let plotRight = max(plotLeft + 40, width - valueColumn - Self.arrowLength)
    let axisTop = top + Double(max(rows.count, 1)) * Self.rowHeight
    let axisTitle = "B − A, percentage points"
    let height = axisTop + 34
    // At least three ticks: a phone's short axis otherwise gets only its two ends.
    let tickCount = max(3, Ticks.count(forLength: plotRight - plotLeft, spacing: 60))
    let scale = LinearScale(domain: domain(for: rows), range: (plotLeft, plotRight))
      .nice(count: tickCount)
    let step = Ticks.step(
      span: scale.domain.upperBound - scale.domain.lowerBound, count: tickCount)
    let ticks = Ticks.values(in: scale.domain, step: step)
    let clamp = { (value: Double) in
      min(max(value, scale.domain.lowerBound), scale.domain.upperBound)
    }

    return SVGDocument.make(text, width: width, height: height, className: "td-intervals") { svg in
      svg.open("g", ["class": .text("td-axis"), "aria-hidden": .text("true")])
      svg.lines(
        ticks.filter { abs($0) >= step / 2 }.map { (scale($0), top - 4, scale($0), axisTop) },
        className: "td-grid")
      for tick in ticks {
        let label = Self.tickLabel(tick, step: step)
        let labelWidth = FontMetrics.width(of: label, size: Layout.smallSize)
        let x = min(max(scale(tick), labelWidth / 2), width - labelWidth / 2)
        svg.text(
          label, x: x, y: axisTop + 14, size: Layout.smallSize, anchor: .middle,
          className: "td-tick-label")
      }
      svg.text(
        axisTitle, x: (plotLeft + plotRight) / 2, y: axisTop + 29, size: Layout.smallSize,
        anchor: .middle, className: "td-axis-title")
      svg.close("g")
      svg.lines([(scale(0), top - 4, scale(0), axisTop)], className: "td-zero")
      let fitted = Layout.fitApart(labels, width: labelColumn - Layout.gap * 2, size: size)
      for (index, row) in rows.enumerated() {
        let mid = top + (Double(index) + 0.5) * Self.rowHeight
        svg.open("g", ["class": .text("td-interval-row \(row.className)")])
        svg.tooltip(Layout.dataLabel(row.tooltip, limit: 400))
        svg.text(
          fitted[index], x: labelColumn - Layout.gap, y: mid + 4, size: size, anchor: .end,
          className: "td-category")
        if let outer = row.outer {
          drawOuter(outer, mid: mid, scale: scale, clamp: clamp, svg: &svg)
        }
        if let inner = row.inner {
          let (low, high) = (scale(clamp(inner.lowerBound)), scale(clamp(inner.upperBound)))
          svg.empty(
            "rect",
            [
              "x": .number(low), "y": .number(mid - Self.innerHeight / 2),
              "width": .number(max(high - low, 1)), "height": .number(Self.innerHeight),
              "rx": .number(2), "class": .text("td-interval-inner"),
            ])
        }
        svg.empty(
          "circle",
          [
            "cx": .number(scale(clamp(row.value))), "cy": .number(mid),
            "r": .number(Self.dotRadius), "class": .text("td-interval-dot"),
          ])
        svg.text(
          row.valueLabel, x: width - 2, y: mid + 4, size: size, anchor: .end,
          className: "td-value")
        svg.close("g")
      }
    }
  }

  /// The thin line of `outer`, cut at the axis's ends, with an arrowhead at each cut end.
  private func drawOuter(
    _ outer: ClosedRange<Double>, mid: Double, scale: LinearScale,
    clamp: (Double) -> Double, svg: inout SVGWriter
  ) {
    let (low, high) = (scale(clamp(outer.lowerBound)), scale(clamp(outer.upperBound)))
    let cutLow = outer.lowerBound < scale.domain.lowerBound
    let cutHigh = outer.upperBound > scale.domain.upperBound
    var segments = [(low, mid, high, mid)]
    if !cutLow { segments.append((low, mid - 4, low, mid + 4)) }
    if !cutHigh { segments.append((high, mid - 4, high, mid + 4)) }
    svg.lines(segments, className: "td-interval-outer")
    var arrows = ""
    let (half, length) = (4.0, Self.arrowLength)
    if cutLow {
      arrows +=
        "M\(SVGNumber.format(low)) \(SVGNumber.format(mid - half))l\(SVGNumber.format(-length)) \(SVGNumber.format(half))l\(SVGNumber.format(length)) \(SVGNumber.format(half))z"
    }
    if cutHigh {
      arrows +=
        "M\(SVGNumber.format(high)) \(SVGNumber.format(mid - half))l\(SVGNumber.format(length)) \(SVGNumber.format(half))l\(SVGNumber.format(-length)) \(SVGNumber.format(half))z"
    }
    if !arrows.isEmpty {
      svg.empty("path", ["d": .text(arrows), "class": .text("td-interval-clipped")])
    }
  }
}
