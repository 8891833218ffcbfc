import Formatting

/// Horizontal bars with category labels on the left and value labels at the bar ends,
/// optionally with an interval whisker on each bar (a like ratio and its Wilson interval).
///
/// The height follows the number of bars; labels too long for the label column are shortened
/// with an ellipsis (the full text stays in the bar's tooltip and the data table) — keeping
/// their last word where the shortened start is also how another label starts, so two labels
/// never look the same (see ``Layout/fitApart(_:width:size:)``).
public struct BarChart: Sendable {
  /// One bar.
  public struct Bar: Sendable, Equatable {
    /// The category, e.g. a genre.
    public var label: String
    /// The bar's length.
    public var value: Double
    /// The text at the bar's end, e.g. `7,869` or `62%`.
    public var valueLabel: String
    /// An interval drawn as a whisker across the bar's end.
    public var interval: ClosedRange<Double>?
    /// The tooltip (`<title>`) of the bar.
    public var tooltip: String

    /// Creates a bar.
    public init(
      label: String, value: Double, valueLabel: String, interval: ClosedRange<Double>? = nil,
      tooltip: String
    ) {
      self.label = label
      self.value = value
      self.valueLabel = valueLabel
      self.interval = interval
      self.tooltip = tooltip
    }
  }

  /// The bars, top to bottom.
  public var bars: [Bar]
  /// A fixed domain, e.g. `0...1` for ratios; otherwise `0` to a nice maximum.
  public var domain: ClosedRange<Double>?
  /// How the axis writes numbers.
  public var axisFormat: AxisFormat
  /// A reference value drawn as a vertical rule, e.g. the overall like ratio.
  public var reference: (value: Double, label: String)?

  /// Creates a bar chart.
  public init(
    bars: [Bar], domain: ClosedRange<Double>? = nil, axisFormat: AxisFormat = .compact,
    reference: (value: Double, label: String)? = nil
  ) {
    self.bars = bars
    self.domain = domain
    self.axisFormat = axisFormat
    self.reference = reference
  }

  static let rowHeight = 26.0
  static let barHeight = 16.0

  /// Draws the chart `width` units wide.
  public func render(_ text: ChartText, width: Double) -> SVGDocument {
    let size = Layout.labelSize
    let labels = bars.map { Layout.dataLabel($0.label) }
    let labelColumn = min(
      (labels.map { FontMetrics.width(of: $0, size: size) }.max() ?? 0) + Layout.gap * 2,
      width * 0.34)
    let valueColumn =
      (bars.map { FontMetrics.width(of: $0.valueLabel, size: size) }.max() ?? 0) + Layout.gap * 2
    // Value labels sit at the bar ends, or in their own column when whiskers or a reference
    // line could run through them.
    let alignValues = reference != nil || bars.contains { $0.interval != nil }
    let top = reference == nil ? 8.0 : 24.0
    let plotLeft = labelColumn
    let plotRight = max(plotLeft + 40, width - valueColumn - (alignValues ? Layout.gap : 0))
    let plotHeight = Double(max(bars.count, 1)) * Self.rowHeight
    let axisTop = top + plotHeight
    let height = axisTop + 26
    let upper = max(
      bars.map { max($0.value, $0.interval?.upperBound ?? 0) }.max() ?? 1,
      reference?.value ?? 0, 1e-9)
    var scale = LinearScale(domain: domain ?? 0...upper, range: (plotLeft, plotRight))
    let tickCount = Ticks.count(forLength: plotRight - plotLeft, spacing: 70)
    let whole = axisFormat.countsWholeThings
    if domain == nil { scale = scale.nice(count: tickCount, whole: whole) }
    let ticks = scale.ticks(count: tickCount, whole: whole)

    return SVGDocument.make(text, width: width, height: height, className: "td-bars") { svg in
      svg.open("g", ["class": .text("td-axis"), "aria-hidden": .text("true")])
      svg.lines(ticks.map { (scale($0), top - 4, scale($0), axisTop) }, className: "td-grid")
      for tick in ticks {
        let x = scale(tick)
        let label = axisFormat.format(tick)
        let labelWidth = FontMetrics.width(of: label, size: Layout.smallSize)
        let anchorX = min(max(x, plotLeft + labelWidth / 2), width - labelWidth / 2)
        svg.text(
          label, x: anchorX, y: axisTop + 16, size: Layout.smallSize, anchor: .middle,
          className: "td-tick-label")
      }
      svg.close("g")
      if let reference {
        let x = scale(reference.value)
        svg.open("g", ["class": .text("td-reference")])
        svg.empty(
          "line",
          [
            "x1": .number(x), "y1": .number(top - 6), "x2": .number(x), "y2": .number(axisTop),
            "class": .text("td-reference-line"),
          ])
        let label = Layout.dataLabel(reference.label)
        let labelWidth = FontMetrics.width(of: label, size: Layout.smallSize)
        let labelX = min(max(x, labelWidth / 2), width - labelWidth / 2)
        svg.text(
          label, x: labelX, y: top - 10, size: Layout.smallSize, anchor: .middle,
          className: "td-reference-label")
        svg.close("g")
      }
      let fitted = Layout.fitApart(labels, width: labelColumn - Layout.gap * 2, size: size)
      for (index, bar) in bars.enumerated() {
        let y = top + Double(index) * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
        let end = scale(max(bar.value, scale.domain.lowerBound))
        svg.open("g", ["class": .text("td-bar-row")])
        svg.tooltip(Layout.dataLabel(bar.tooltip, limit: 300))
        let label = fitted[index]
        svg.text(
          label, x: plotLeft - Layout.gap, y: y + Self.barHeight - 4, size: size, anchor: .end,
          className: "td-category")
        svg.empty(
          "rect",
          [
            "x": .number(plotLeft), "y": .number(y), "width": .number(max(0, end - plotLeft)),
            "height": .number(Self.barHeight), "class": .text("td-bar"),
          ])
        var labelX = end
        if let interval = bar.interval {
          let (low, high) = (scale(interval.lowerBound), scale(interval.upperBound))
          let mid = y + Self.barHeight / 2
          svg.lines(
            [(low, mid, high, mid), (low, mid - 5, low, mid + 5), (high, mid - 5, high, mid + 5)],
            className: "td-whisker")
          labelX = max(labelX, high)
        }
        if alignValues {
          svg.text(
            bar.valueLabel, x: width - 2, y: y + Self.barHeight - 4, size: size, anchor: .end,
            className: "td-value")
        } else {
          svg.text(
            bar.valueLabel, x: labelX + Layout.gap, y: y + Self.barHeight - 4, size: size,
            className: "td-value")
        }
        svg.close("g")
      }
      svg.empty(
        "line",
        [
          "x1": .number(plotLeft), "y1": .number(top - 4), "x2": .number(plotLeft),
          "y2": .number(axisTop), "class": .text("td-baseline"),
        ])
    }
  }
}
