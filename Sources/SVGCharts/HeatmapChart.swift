import Formatting

/// A grid of rows × columns (weekday × hour) shaded by value, with a legend of the shades.
///
/// Values are put into ``bands`` equal-width bands from 0 to the maximum: band 0 is exactly
/// zero, band *k* holds values in `((k − 1) × max / (bands − 1), k × max / (bands − 1)]`. Shades
/// come from the stylesheet (`td-heat-0` … `td-heat-5`), so dark mode and print work.
public struct HeatmapChart: Sendable {
  /// Row labels, top to bottom (e.g. `Mon` … `Sun`).
  public var rows: [String]
  /// Row names for tooltips (e.g. `Monday`).
  public var rowNames: [String]
  /// Column labels, left to right (e.g. `00` … `23`).
  public var columns: [String]
  /// Column names for tooltips (e.g. `18:00–19:00`).
  public var columnNames: [String]
  /// `values[row][column]`.
  public var values: [[Double]]
  /// What a value counts, for tooltips and the legend (`events`).
  public var unit: String

  /// Shades besides zero.
  public static let bands = 6

  /// Creates a heatmap.
  public init(
    rows: [String], rowNames: [String], columns: [String], columnNames: [String],
    values: [[Double]], unit: String
  ) {
    self.rows = rows
    self.rowNames = rowNames
    self.columns = columns
    self.columnNames = columnNames
    self.values = values
    self.unit = unit
  }

  /// The band (0 … bands − 1) of `value` when the largest value is `maximum`.
  public static func band(of value: Double, maximum: Double) -> Int {
    guard value > 0, maximum > 0 else { return 0 }
    return min(bands - 1, max(1, Int((value / maximum * Double(bands - 1)).rounded(.up))))
  }

  /// Draws the chart `width` units wide; the height follows from the cell size.
  public func render(_ text: ChartText, width: Double) -> SVGDocument {
    let left =
      (rows.map { FontMetrics.width(of: $0, size: Layout.smallSize) }.max() ?? 0) + Layout.gap * 2
    let columnCount = max(columns.count, 1)
    let cell = (width - left - 4) / Double(columnCount)
    let cellHeight = min(max(cell * 0.8, 14), 26)
    let top = 4.0
    let gridBottom = top + cellHeight * Double(rows.count)
    let legendTop = gridBottom + 26
    let height = legendTop + 34
    let maximum = values.flatMap { $0 }.max() ?? 0
    let labelEvery = max(
      1, Int((FontMetrics.width(of: "00", size: Layout.smallSize) + 8) / cell) + 1)
    let every = [1, 2, 3, 4, 6, 12].first { $0 >= labelEvery } ?? 12

    return SVGDocument.make(text, width: width, height: height, className: "td-heatmap") { svg in
      svg.open("g", ["class": .text("td-axis"), "aria-hidden": .text("true")])
      for (index, label) in rows.enumerated() {
        svg.text(
          label, x: left - Layout.gap, y: top + cellHeight * (Double(index) + 0.5) + 4,
          size: Layout.smallSize, anchor: .end, className: "td-tick-label")
      }
      for (index, label) in columns.enumerated() where index % every == 0 {
        svg.text(
          label, x: left + cell * (Double(index) + 0.5), y: gridBottom + 15, size: Layout.smallSize,
          anchor: .middle, className: "td-tick-label")
      }
      svg.close("g")
      for (row, rowValues) in values.enumerated() {
        for (column, value) in rowValues.enumerated() {
          svg.open(
            "rect",
            [
              "x": .number(left + cell * Double(column) + 1),
              "y": .number(top + cellHeight * Double(row) + 1),
              "width": .number(cell - 2), "height": .number(cellHeight - 2),
              "class": .text("td-heat-\(Self.band(of: value, maximum: maximum))"),
            ])
          let rowName = row < rowNames.count ? rowNames[row] : rows[row]
          let columnName = column < columnNames.count ? columnNames[column] : columns[column]
          svg.tooltip(
            "\(rowName) \(columnName): \(NumberFormat.grouped(Int(value.rounded()))) \(unit)")
          svg.close("rect")
        }
      }
      drawLegend(in: &svg, x: left, y: legendTop, maximum: maximum)
    }
  }

  private func drawLegend(in svg: inout SVGWriter, x: Double, y: Double, maximum: Double) {
    svg.open("g", ["class": .text("td-legend"), "aria-hidden": .text("true")])
    let swatch = 28.0
    var offset = x
    for band in 0..<Self.bands {
      svg.empty(
        "rect",
        [
          "x": .number(offset), "y": .number(y), "width": .number(swatch), "height": .number(10),
          "class": .text("td-heat-\(band)"),
        ])
      offset += swatch
    }
    svg.text(
      "0", x: x + swatch / 2, y: y + 24, size: Layout.smallSize, anchor: .middle,
      className: "td-legend-label")
    svg.text(
      NumberFormat.compact(maximum), x: x + swatch * (Double(Self.bands) - 0.5), y: y + 24,
      size: Layout.smallSize, anchor: .middle,
      className: "td-legend-label")
    svg.text(
      "\(unit) per weekday and hour", x: offset + 10, y: y + 9, size: Layout.smallSize,
      className: "td-legend-label")
    svg.close("g")
  }
}
