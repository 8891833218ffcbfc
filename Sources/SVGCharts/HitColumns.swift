/// Invisible columns over the periods of a chart over time, each carrying its tooltip: the
/// tooltips of a chart whose marks (lines, stacked layers) are not one element per period.
/// Each column is a rectangular `<path>` (shorter than a `<rect>`'s four attributes).
enum HitColumns {
  /// One column per period from `top` to `bottom`, titled with the tooltip of the same index.
  static func draw(
    _ periods: [TimePeriod], tooltips: [String], x: TimeScale, top: Double, bottom: Double,
    in svg: inout SVGWriter
  ) {
    svg.open("g", ["class": .text("td-hits")])
    let (top, bottom) = (SVGNumber.format(top), SVGNumber.format(bottom))
    for (period, tooltip) in zip(periods, tooltips) {
      let left = x(period.start)
      let width = SVGNumber.format(x(period.end) - left)
      svg.open(
        "path",
        [
          "d": .text("M\(SVGNumber.format(left)) \(top)h\(width)V\(bottom)h-\(width)z"),
          "class": .text("td-hit"),
        ])
      svg.tooltip(tooltip)
      svg.close("path")
    }
    svg.close("g")
  }
}
