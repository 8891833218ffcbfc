import Formatting

/// Stacked bars over time: one bar per period (a day or a week), one coloured layer per
/// category (events by kind), with a legend.
public struct StackedBarChart: Sendable {
  /// A category stacked in every bar.
  public struct Layer: Sendable, Equatable {
    /// Its name in the legend and tooltips.
    public var name: String
    /// Colour slot, 0 … 7.
    public var colorIndex: Int

    /// Creates a layer.
    public init(name: String, colorIndex: Int) {
      self.name = name
      self.colorIndex = colorIndex
    }
  }

  /// One bar: a span of local days and a value per layer.
  public struct Period: Sendable, Equatable {
    /// The first local day (day number).
    public var firstDay: Int
    /// How many days the bar covers (1 for a day, 7 for a week).
    public var days: Int
    /// One value per layer, bottom first.
    public var values: [Double]
    /// How the tooltip names the period, e.g. `Fri 20 Nov` or `week of 16 Nov`.
    public var label: String
    /// Whether the data covers only part of the period (drawn faded, so it does not read as a drop).
    public var isPartial: Bool

    /// Creates a period.
    public init(firstDay: Int, days: Int, values: [Double], label: String, isPartial: Bool = false) {
      self.firstDay = firstDay
      self.days = days
      self.values = values
      self.label = label
      self.isPartial = isPartial
    }
  }

  /// The layers, bottom first.
  public var layers: [Layer]
  /// The bars, oldest first.
  public var periods: [Period]
  /// How the y axis writes numbers.
  public var axisFormat: AxisFormat
  /// What a value counts, for tooltips (`events`).
  public var unit: String

  /// Creates a chart.
  public init(layers: [Layer], periods: [Period], axisFormat: AxisFormat = .compact, unit: String = "") {
    self.layers = layers
    self.periods = periods
    self.axisFormat = axisFormat
    self.unit = unit
  }

  /// Draws the chart `width` × `height` units.
  public func render(_ text: ChartText, width: Double, height: Double) -> SVGDocument {
    let legend = Legend(
      items: layers.map { Legend.Item(label: $0.name, className: "td-series-\($0.colorIndex)", mark: .swatch) })
    let totals = periods.map { $0.values.reduce(0, +) }
    let firstDay = periods.first?.firstDay ?? 0
    let axes = TimeAxes(
      width: width, height: height, legendHeight: legend.height(width: width), values: 0...max(totals.max() ?? 1, 1),
      nice: true, format: axisFormat, firstDay: firstDay, lastDay: periods.last.map { $0.firstDay + $0.days - 1 } ?? firstDay)
    let (x, y) = (axes.x, axes.y)

    return SVGDocument.make(text, width: width, height: height, className: "td-stacked") { svg in
      legend.draw(&svg, x: axes.left, y: 0, width: width - axes.left)
      axes.draw(in: &svg)
      for (index, period) in periods.enumerated() {
        let start = x(Int64(period.firstDay) * 86_400)
        let end = x(Int64(period.firstDay + period.days) * 86_400)
        let gap = min(2, (end - start) * 0.2)
        let barX = start + gap / 2
        let barWidth = max(0.5, end - start - gap)
        var parts: [String] = []
        for (layer, value) in zip(layers, period.values) {
          parts.append("\(Layout.dataLabel(layer.name)) \(NumberFormat.grouped(Int(value.rounded())))")
        }
        svg.open("g", ["class": .text(period.isPartial ? "td-stack td-partial" : "td-stack")])
        svg.tooltip(
          "\(Layout.dataLabel(period.label)): \(NumberFormat.grouped(Int(totals[index].rounded()))) \(unit) — " + parts.joined(separator: ", "))
        var base = 0.0
        for (layer, value) in zip(layers, period.values) where value > 0 {
          let y0 = y(base)
          let y1 = y(base + value)
          svg.empty(
            "rect",
            ["x": .number(barX), "y": .number(y1), "width": .number(barWidth), "height": .number(max(0, y0 - y1)), "class": .text("td-series-\(layer.colorIndex) td-fill")])
          base += value
        }
        svg.close("g")
      }
      axes.drawBaseline(in: &svg)
    }
  }
}
