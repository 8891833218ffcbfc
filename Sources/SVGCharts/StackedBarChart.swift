import Formatting

/// Stacked bars over time: one bar per period (a day, or a week, month, quarter or year), one
/// coloured layer per category (events by kind), with a legend.
///
/// Each layer is drawn as one path of all its bars (not a rectangle per bar and layer), and
/// each period carries its tooltip on an invisible column over it: the same picture in about
/// half the markup.
///
/// Negative values make a diverging chart: they stack downwards from a zero line (listeners who
/// left, under those who came), and tooltips give their size without the sign.
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

  /// The layers, bottom first.
  public var layers: [Layer]
  /// The periods of the bars, oldest first.
  public var periods: [TimePeriod]
  /// Per period, one value per layer, bottom first; negative values are drawn below zero, the
  /// first nearest to it.
  public var values: [[Double]]
  /// How the y axis writes numbers.
  public var axisFormat: AxisFormat
  /// What a value counts, for tooltips (`events`).
  public var unit: String

  /// Creates a chart; `values` holds one array per period.
  public init(
    layers: [Layer], periods: [TimePeriod], values: [[Double]], axisFormat: AxisFormat = .compact,
    unit: String = ""
  ) {
    self.layers = layers
    self.periods = periods
    self.values = values
    self.axisFormat = axisFormat
    self.unit = unit
  }

  /// Draws the chart `width` × `height` units.
  public func render(_ text: ChartText, width: Double, height: Double) -> SVGDocument {
    let legend = Legend(
      items: layers.map {
        Legend.Item(label: $0.name, className: "td-series-\($0.colorIndex)", mark: .swatch)
      })
    let totals = values.map { $0.filter { $0 > 0 }.reduce(0, +) }
    let below = values.map { $0.filter { $0 < 0 }.reduce(0, +) }
    let firstDay = periods.first?.firstDay ?? 0
    // Below zero: the deepest bar and a little air, not rounded out to a whole step.
    let deepest = min(below.min() ?? 0, 0) * 1.08
    let axes = TimeAxes(
      width: width, height: height, legendHeight: legend.height(width: width),
      values: deepest...max(totals.max() ?? 1, 1),
      nice: true, format: axisFormat, firstDay: firstDay,
      lastDay: periods.last.map { $0.firstDay + $0.days - 1 } ?? firstDay,
      keepsNegativeLower: true)
    let (x, y) = (axes.x, axes.y)
    let tooltips = zip(periods, zip(values, totals)).map { period, item in
      let parts = zip(layers, item.0).map { layer, value in
        "\(Layout.dataLabel(layer.name)) \(NumberFormat.grouped(Int(abs(value).rounded())))"
      }
      return
        "\(Layout.dataLabel(period.label)): \(NumberFormat.grouped(Int(item.1.rounded()))) \(unit) — "
        + parts.joined(separator: ", ")
    }

    return SVGDocument.make(text, width: width, height: height, className: "td-stacked") { svg in
      legend.draw(&svg, x: axes.left, y: 0, width: width - axes.left)
      axes.draw(in: &svg)
      svg.open("g", ["class": .text("td-stacks"), "aria-hidden": .text("true")])
      drawLayers(of: periods.indices.filter { !periods[$0].isPartial }, in: &svg, x: x, y: y)
      let partial = periods.indices.filter { periods[$0].isPartial }
      if !partial.isEmpty {
        svg.open("g", ["class": .text("td-partial")])
        drawLayers(of: partial, in: &svg, x: x, y: y)
        svg.close("g")
      }
      svg.close("g")
      axes.drawBaseline(in: &svg)
      if deepest < 0 {
        svg.empty(
          "line",
          [
            "x1": .number(axes.left), "y1": .number(y(0)), "x2": .number(axes.right),
            "y2": .number(y(0)), "class": .text("td-zero"),
          ])
      }
      HitColumns.draw(
        periods, tooltips: tooltips, x: x, top: axes.top, bottom: axes.bottom, in: &svg)
    }
  }

  /// One path per layer holding that layer's bar in each of the periods `indexes`.
  private func drawLayers(of indexes: [Int], in svg: inout SVGWriter, x: TimeScale, y: LinearScale)
  {
    var paths = Array(repeating: "", count: layers.count)
    for index in indexes {
      let start = x(periods[index].start)
      let end = x(periods[index].end)
      let gap = min(2, (end - start) * 0.2)
      let barWidth = SVGNumber.format(max(0.5, end - start - gap))
      let barX = SVGNumber.format(start + gap / 2)
      var (up, down) = (0.0, 0.0)
      for (layer, value) in values[index].enumerated() where layer < layers.count && value != 0 {
        let (from, to) = value > 0 ? (up, up + value) : (down + value, down)
        if value > 0 { up += value } else { down += value }
        let top = y(to)
        paths[layer] +=
          "M\(barX) \(SVGNumber.format(top))h\(barWidth)v\(SVGNumber.format(max(0, y(from) - top)))h-\(barWidth)z"
      }
    }
    for (layer, path) in zip(layers, paths) where !path.isEmpty {
      svg.empty(
        "path", ["d": .text(path), "class": .text("td-series-\(layer.colorIndex) td-layer")])
    }
  }
}
