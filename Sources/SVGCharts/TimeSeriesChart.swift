import Formatting

/// Values per period — per day, or per week, month, quarter or year for long ranges — as lines
/// or areas over a time axis: several series, the previous range drawn faintly behind the
/// current one, and gaps — not fake zeros — where a period has no value.
///
/// Periods without any value in any primary series get a small marker on the axis, so a
/// missing period is visible rather than silently bridged.
public struct TimeSeriesChart: Sendable {
  /// How a series is drawn.
  public enum Style: Sendable, Equatable {
    /// A line.
    case line
    /// A line with the area under it filled.
    case area
  }

  /// One series: a value per period of the chart (`nil` = no value then).
  public struct Series: Sendable, Equatable {
    /// The name in the legend and tooltips.
    public var name: String
    /// One value per period, oldest first, aligned with the chart's periods.
    public var values: [Double?]
    /// Line or area.
    public var style: Style
    /// Colour slot, 0 … 7 (`td-series-N` in the stylesheet).
    public var colorIndex: Int
    /// Drawn faintly and dashed: the previous range, for comparison.
    public var isPrevious: Bool

    /// Creates a series.
    public init(
      name: String, values: [Double?], style: Style = .line, colorIndex: Int = 0,
      isPrevious: Bool = false
    ) {
      self.name = name
      self.values = values
      self.style = style
      self.colorIndex = colorIndex
      self.isPrevious = isPrevious
    }
  }

  /// The periods the values stand for, oldest first.
  public var periods: [TimePeriod]
  /// The series; each as long as ``periods``.
  public var series: [Series]
  /// How the y axis writes numbers.
  public var axisFormat: AxisFormat
  /// A fixed y domain; otherwise from 0 (or the data's minimum when `includeZero` is false) to
  /// a nice maximum.
  public var domain: ClosedRange<Double>?
  /// Whether the y axis starts at zero.
  public var includeZero: Bool
  /// How a tooltip names a value, e.g. `{value} events`.
  public var valueSuffix: String
  /// What the × under a period without a value means, in the legend and its tooltip.
  public var missingLabel: String

  /// Creates a chart over `periods`.
  public init(
    periods: [TimePeriod], series: [Series], axisFormat: AxisFormat = .compact,
    domain: ClosedRange<Double>? = nil, includeZero: Bool = true, valueSuffix: String = "",
    missingLabel: String = "no data"
  ) {
    self.periods = periods
    self.series = series
    self.axisFormat = axisFormat
    self.domain = domain
    self.includeZero = includeZero
    self.valueSuffix = valueSuffix
    self.missingLabel = missingLabel
  }

  /// Creates a chart of daily values from `firstDay`; days in `partialDays` cover only part
  /// of the day (marked in tooltips, never marked missing).
  public init(
    firstDay: Int, series: [Series], axisFormat: AxisFormat = .compact,
    domain: ClosedRange<Double>? = nil, includeZero: Bool = true, partialDays: Set<Int> = [],
    valueSuffix: String = "", missingLabel: String = "no data"
  ) {
    self.init(
      periods: TimePeriod.days(
        from: firstDay, count: series.map(\.values.count).max() ?? 0, partialDays: partialDays),
      series: series, axisFormat: axisFormat, domain: domain, includeZero: includeZero,
      valueSuffix: valueSuffix, missingLabel: missingLabel)
  }

  /// Draws the chart `width` × `height` units.
  public func render(_ text: ChartText, width: Double, height: Double) -> SVGDocument {
    var items = series.map {
      Legend.Item(
        label: $0.name, className: "td-series-\($0.colorIndex)",
        mark: $0.isPrevious ? .dashedLine : .line)
    }
    // Every mark the chart draws is in its legend: the × of days without a value too.
    if !missingPeriods.isEmpty {
      items.append(Legend.Item(label: missingLabel, className: "", mark: .cross))
    }
    let legend = Legend(items: items)
    let firstDay = periods.first?.firstDay ?? 0
    let lastDay = periods.last.map { $0.firstDay + $0.days - 1 } ?? firstDay
    let values = series.flatMap { $0.values.compactMap { $0 } }
    var low = domain?.lowerBound ?? (includeZero ? 0 : values.min() ?? 0)
    var high = domain?.upperBound ?? max(values.max() ?? 1, low + 1e-9)
    if low == high { (low, high) = (low - 1, high + 1) }
    let axes = TimeAxes(
      width: width, height: height, legendHeight: legend.height(width: width), values: low...high,
      nice: domain == nil,
      format: axisFormat, firstDay: firstDay, lastDay: lastDay)
    let (x, y, top, bottom) = (axes.x, axes.y, axes.top, axes.bottom)

    return SVGDocument.make(text, width: width, height: height, className: "td-timeseries") { svg in
      legend.draw(&svg, x: axes.left, y: 0, width: width - axes.left)
      axes.draw(in: &svg)
      axes.drawBaseline(in: &svg)

      let ordered = series.enumerated().sorted {
        ($0.element.isPrevious ? 0 : 1, $0.offset) < ($1.element.isPrevious ? 0 : 1, $1.offset)
      }
      for (_, item) in ordered {
        drawSeries(item, in: &svg, x: x, y: y, baseline: bottom)
      }
      drawMissing(in: &svg, x: x, bottom: bottom)
      HitColumns.draw(periods, tooltips: tooltips, x: x, top: top, bottom: bottom, in: &svg)
    }
  }

  private func drawSeries(
    _ item: Series, in svg: inout SVGWriter, x: TimeScale, y: LinearScale, baseline: Double
  ) {
    var segments: [[(Double, Double)]] = []
    var current: [(Double, Double)] = []
    for (period, value) in zip(periods, item.values) {
      if let value {
        current.append((x.center(of: period), y(value)))
      } else if !current.isEmpty {
        segments.append(current)
        current = []
      }
    }
    if !current.isEmpty { segments.append(current) }
    let className = "td-series-\(item.colorIndex)" + (item.isPrevious ? " td-previous" : "")
    svg.open("g", ["class": .text(className), "aria-hidden": .text("true")])
    for segment in segments {
      if item.style == .area && segment.count > 1 {
        var path = "M\(SVGNumber.format(segment[0].0)) \(SVGNumber.format(baseline))"
        for (px, py) in segment { path += "L\(SVGNumber.format(px)) \(SVGNumber.format(py))" }
        path += "L\(SVGNumber.format(segment[segment.count - 1].0)) \(SVGNumber.format(baseline))Z"
        svg.empty("path", ["d": .text(path), "class": .text("td-area")])
      }
      if segment.count == 1 {
        svg.empty(
          "circle",
          [
            "cx": .number(segment[0].0), "cy": .number(segment[0].1), "r": .number(2.5),
            "class": .text("td-point"),
          ])
      } else {
        var path = ""
        for (index, (px, py)) in segment.enumerated() {
          path += (index == 0 ? "M" : "L") + "\(SVGNumber.format(px)) \(SVGNumber.format(py))"
        }
        svg.empty(
          "path",
          ["d": .text(path), "class": .text(item.isPrevious ? "td-line td-dashed" : "td-line")])
      }
    }
    svg.close("g")
  }

  /// The periods (indexes) where no primary series has a value, partial periods left out.
  var missingPeriods: [Int] {
    let primary = series.filter { !$0.isPrevious }
    guard !primary.isEmpty else { return [] }
    return periods.indices.filter { index in
      !periods[index].isPartial
        && primary.allSatisfy { index >= $0.values.count || $0.values[index] == nil }
    }
  }

  /// A small × under each period where no primary series has a value.
  private func drawMissing(in svg: inout SVGWriter, x: TimeScale, bottom: Double) {
    let missing = missingPeriods
    guard !missing.isEmpty else { return }
    svg.open("g", ["class": .text("td-missing")])
    for index in missing {
      let cx = x.center(of: periods[index])
      svg.open("g")
      svg.tooltip("\(periods[index].label): \(missingLabel)")
      svg.empty(
        "path",
        [
          "d": .text("M\(SVGNumber.format(cx - 3)) \(SVGNumber.format(bottom - 7))l6 6m0 -6l-6 6"),
          "class": .text("td-missing-mark"),
        ])
      svg.close("g")
    }
    svg.close("g")
  }

  /// Each period's tooltip: its name and every series' value.
  private var tooltips: [String] {
    periods.indices.map { index in
      let parts = series.map { item in
        let value = index < item.values.count ? item.values[index] : nil
        let shown =
          value.map {
            axisFormat == .compact ? NumberFormat.grouped(Int($0.rounded())) : axisFormat.format($0)
          } ?? "no data"
        return "\(Layout.dataLabel(item.name)): \(shown)\(value == nil ? "" : valueSuffix)"
      }
      return "\(periods[index].label) — " + parts.joined(separator: "; ")
    }
  }
}
