import Formatting

/// Daily values as lines or areas over a time axis: several series, the previous range drawn
/// faintly behind the current one, and gaps — not fake zeros — where a day has no value.
///
/// Days without any value in any primary series get a small marker on the axis, so a missing
/// day is visible rather than silently bridged.
public struct TimeSeriesChart: Sendable {
  /// How a series is drawn.
  public enum Style: Sendable, Equatable {
    /// A line.
    case line
    /// A line with the area under it filled.
    case area
  }

  /// One series: a value per day of the chart (`nil` = no value that day).
  public struct Series: Sendable, Equatable {
    /// The name in the legend and tooltips.
    public var name: String
    /// One value per day, oldest first, aligned with the chart's days.
    public var values: [Double?]
    /// Line or area.
    public var style: Style
    /// Colour slot, 0 … 7 (`td-series-N` in the stylesheet).
    public var colorIndex: Int
    /// Drawn faintly and dashed: the previous range, for comparison.
    public var isPrevious: Bool

    /// Creates a series.
    public init(name: String, values: [Double?], style: Style = .line, colorIndex: Int = 0, isPrevious: Bool = false) {
      self.name = name
      self.values = values
      self.style = style
      self.colorIndex = colorIndex
      self.isPrevious = isPrevious
    }
  }

  /// The first local day (day number) of the chart.
  public var firstDay: Int
  /// The series; all as long as the chart has days.
  public var series: [Series]
  /// How the y axis writes numbers.
  public var axisFormat: AxisFormat
  /// A fixed y domain; otherwise from 0 (or the data's minimum when `includeZero` is false) to
  /// a nice maximum.
  public var domain: ClosedRange<Double>?
  /// Whether the y axis starts at zero.
  public var includeZero: Bool
  /// Days whose values cover only part of the day (the range's edges): marked in tooltips.
  public var partialDays: Set<Int>
  /// How a tooltip names a value, e.g. `{value} events`.
  public var valueSuffix: String
  /// What the × under a day without a value means, in the legend and its tooltip.
  public var missingLabel: String

  /// Creates a chart.
  public init(
    firstDay: Int, series: [Series], axisFormat: AxisFormat = .compact,
    domain: ClosedRange<Double>? = nil, includeZero: Bool = true, partialDays: Set<Int> = [],
    valueSuffix: String = "", missingLabel: String = "no data"
  ) {
    self.missingLabel = missingLabel
    self.firstDay = firstDay
    self.series = series
    self.axisFormat = axisFormat
    self.domain = domain
    self.includeZero = includeZero
    self.partialDays = partialDays
    self.valueSuffix = valueSuffix
  }

  /// The number of days shown.
  public var dayCount: Int { series.map(\.values.count).max() ?? 0 }

  /// Draws the chart `width` × `height` units.
  public func render(_ text: ChartText, width: Double, height: Double) -> SVGDocument {
    var items = series.map {
      Legend.Item(
        label: $0.name, className: "td-series-\($0.colorIndex)", mark: $0.isPrevious ? .dashedLine : .line)
    }
    // Every mark the chart draws is in its legend: the × of days without a value too.
    if !missingDays.isEmpty { items.append(Legend.Item(label: missingLabel, className: "", mark: .cross)) }
    let legend = Legend(items: items)
    let days = max(dayCount, 1)
    let lastDay = firstDay + days - 1
    let values = series.flatMap { $0.values.compactMap { $0 } }
    var low = domain?.lowerBound ?? (includeZero ? 0 : values.min() ?? 0)
    var high = domain?.upperBound ?? max(values.max() ?? 1, low + 1e-9)
    if low == high { (low, high) = (low - 1, high + 1) }
    let axes = TimeAxes(
      width: width, height: height, legendHeight: legend.height(width: width), values: low...high, nice: domain == nil,
      format: axisFormat, firstDay: firstDay, lastDay: lastDay)
    let (x, y, top, bottom) = (axes.x, axes.y, axes.top, axes.bottom)

    return SVGDocument.make(text, width: width, height: height, className: "td-timeseries") { svg in
      legend.draw(&svg, x: axes.left, y: 0, width: width - axes.left)
      axes.draw(in: &svg)
      axes.drawBaseline(in: &svg)

      let ordered = series.enumerated().sorted { ($0.element.isPrevious ? 0 : 1, $0.offset) < ($1.element.isPrevious ? 0 : 1, $1.offset) }
      for (_, item) in ordered {
        drawSeries(item, in: &svg, x: x, y: y, baseline: bottom)
      }
      drawMissing(in: &svg, x: x, bottom: bottom)
      drawHitAreas(in: &svg, x: x, top: top, bottom: bottom)
    }
  }

  private func drawSeries(_ item: Series, in svg: inout SVGWriter, x: TimeScale, y: LinearScale, baseline: Double) {
    var segments: [[(Double, Double)]] = []
    var current: [(Double, Double)] = []
    for (index, value) in item.values.enumerated() {
      if let value {
        current.append((x.center(ofDay: firstDay + index), y(value)))
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
        svg.empty("circle", ["cx": .number(segment[0].0), "cy": .number(segment[0].1), "r": .number(2.5), "class": .text("td-point")])
      } else {
        var path = ""
        for (index, (px, py)) in segment.enumerated() {
          path += (index == 0 ? "M" : "L") + "\(SVGNumber.format(px)) \(SVGNumber.format(py))"
        }
        svg.empty("path", ["d": .text(path), "class": .text(item.isPrevious ? "td-line td-dashed" : "td-line")])
      }
    }
    svg.close("g")
  }

  /// The days (indexes) where no primary series has a value, partial days left out.
  var missingDays: [Int] {
    let primary = series.filter { !$0.isPrevious }
    guard !primary.isEmpty else { return [] }
    return (0..<dayCount).filter { index in
      !partialDays.contains(firstDay + index)
        && primary.allSatisfy { index >= $0.values.count || $0.values[index] == nil }
    }
  }

  /// A small × under each day where no primary series has a value.
  private func drawMissing(in svg: inout SVGWriter, x: TimeScale, bottom: Double) {
    let missing = missingDays
    guard !missing.isEmpty else { return }
    svg.open("g", ["class": .text("td-missing")])
    for index in missing {
      let cx = x.center(ofDay: firstDay + index)
      svg.open("g")
      svg.tooltip("\(DateFormat.long(CivilDate(dayNumber: firstDay + index))): \(missingLabel)")
      svg.empty("path", ["d": .text("M\(SVGNumber.format(cx - 3)) \(SVGNumber.format(bottom - 7))l6 6m0 -6l-6 6"), "class": .text("td-missing-mark")])
      svg.close("g")
    }
    svg.close("g")
  }

  /// One invisible column per day carrying a tooltip with every series' value.
  private func drawHitAreas(in svg: inout SVGWriter, x: TimeScale, top: Double, bottom: Double) {
    svg.open("g", ["class": .text("td-hits")])
    let width = x.dayWidth
    for index in 0..<dayCount {
      let day = firstDay + index
      var parts: [String] = []
      for item in series {
        let value = index < item.values.count ? item.values[index] : nil
        let shown = value.map { axisFormat == .compact ? NumberFormat.grouped(Int($0.rounded())) : axisFormat.format($0) } ?? "no data"
        parts.append("\(Layout.dataLabel(item.name)): \(shown)\(value == nil ? "" : valueSuffix)")
      }
      let partial = partialDays.contains(day) ? " (part of the day)" : ""
      svg.open("rect", ["x": .number(x.center(ofDay: day) - width / 2), "y": .number(top), "width": .number(width), "height": .number(bottom - top), "class": .text("td-hit")])
      svg.tooltip("\(DateFormat.long(CivilDate(dayNumber: day)))\(partial) — " + parts.joined(separator: "; "))
      svg.close("rect")
    }
    svg.close("g")
  }
}
