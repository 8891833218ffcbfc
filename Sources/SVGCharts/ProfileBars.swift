import Formatting

/// A tiny bar chart of signed values around a zero line — a sound cluster's z-score per audio
/// feature — small enough for a table cell. Bars above the line are drawn in one class, below
/// in another; values are clamped to ±`limit` (and say so in their tooltip).
public struct ProfileBars: Sendable {
  /// One bar.
  public struct Bar: Sendable {
    /// A short name, e.g. `energy`.
    public var name: String
    /// The value, e.g. a z-score.
    public var value: Double

    /// Creates a bar.
    public init(name: String, value: Double) {
      self.name = name
      self.value = value
    }
  }

  /// The bars, left to right.
  public var bars: [Bar]
  /// The magnitude that fills half the height.
  public var limit: Double

  /// Creates the chart.
  public init(bars: [Bar], limit: Double = 2) {
    self.bars = bars
    self.limit = limit
  }

  /// Draws the bars, each `barWidth` units wide with a gap, `height` units tall.
  public func render(_ text: ChartText, barWidth: Double = 7, height: Double = 24) -> SVGDocument {
    let gap = 2.0
    let width = Double(bars.count) * (barWidth + gap) + gap
    let middle = height / 2
    let scale = (middle - 1) / limit
    return SVGDocument.make(text, width: width, height: height, className: "td-profile") { svg in
      svg.empty(
        "line",
        [
          "x1": .number(0), "x2": .number(width), "y1": .number(middle), "y2": .number(middle),
          "class": .text("td-profile-zero"),
        ])
      for (index, bar) in bars.enumerated() {
        let clamped = min(max(bar.value, -limit), limit)
        let length = max(abs(clamped) * scale, 0.5)
        let x = gap + Double(index) * (barWidth + gap)
        svg.open(
          "rect",
          [
            "x": .number(x), "y": .number(clamped >= 0 ? middle - length : middle),
            "width": .number(barWidth), "height": .number(length),
            "class": .text(clamped >= 0 ? "td-profile-up" : "td-profile-down"),
          ])
        svg.tooltip("\(bar.name) \(NumberFormat.signed(bar.value, places: 2))")
        svg.close("rect")
      }
    }
  }
}
