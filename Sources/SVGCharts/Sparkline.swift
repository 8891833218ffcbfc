/// A tiny line for a headline card: the shape of a series, no axes, the last value marked.
public struct Sparkline: Sendable {
  /// The values, oldest first; `nil` leaves a gap.
  public var values: [Double?]

  /// Creates a sparkline.
  public init(values: [Double?]) { self.values = values }

  /// Draws the sparkline `width` × `height` units.
  public func render(_ text: ChartText, width: Double = 120, height: Double = 32) -> SVGDocument {
    let present = values.compactMap { $0 }
    let low = present.min() ?? 0
    let high = max(present.max() ?? 1, low + 1e-9)
    let count = max(values.count - 1, 1)
    let x = { (index: Int) in 2 + Double(index) / Double(count) * (width - 6) }
    let y = LinearScale(domain: low...high, range: (height - 3, 3))
    return SVGDocument.make(text, width: width, height: height, className: "td-sparkline") { svg in
      var path = ""
      var pen = false
      for (index, value) in values.enumerated() {
        guard let value else {
          pen = false
          continue
        }
        path += (pen ? "L" : "M") + "\(SVGNumber.format(x(index))) \(SVGNumber.format(y(value)))"
        pen = true
      }
      svg.empty("path", ["d": .text(path), "class": .text("td-spark-line")])
      if let lastIndex = values.lastIndex(where: { $0 != nil }), let last = values[lastIndex] {
        svg.empty(
          "circle",
          [
            "cx": .number(x(lastIndex)), "cy": .number(y(last)), "r": .number(2.5),
            "class": .text("td-spark-dot"),
          ])
      }
    }
  }
}
