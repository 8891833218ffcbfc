import Formatting

/// A diverging colour scale for like ratios: seven steps from orange (nothing liked) through
/// grey (half liked) to blue (everything liked).
///
/// Step *k* stands for the ratio *k*/6 and holds the ratios nearest to it:
/// `step = round(ratio × 6)`, so 0 → 0, 0.5 → 3 (the grey middle), 1 → 6; a ratio outside
/// 0 … 1 is clamped, and no ratio (`nil`, or not a number) has no step. The colours come from
/// the stylesheet (`td-like-0` … `td-like-6`, custom properties `--like-0` … `--like-6`), which
/// picks them per theme: blue and orange stay apart for the common forms of colour blindness,
/// and every step keeps at least 3:1 contrast with the light and the dark background.
public enum LikeRatioScale {
  /// How many steps the scale has.
  public static let steps = 7

  /// The step (0 … 6) of `ratio`, or `nil` when there is no ratio.
  public static func step(of ratio: Double?) -> Int? {
    guard let ratio, !ratio.isNaN else { return nil }
    let clamped = min(max(ratio, 0), 1)
    return Int((clamped * Double(steps - 1)).rounded())
  }

  /// The class that colours a mark of `step`: `td-like-3`, or `td-like-none` without a step.
  public static func className(ofStep step: Int?) -> String {
    step.map { "td-like-\($0)" } ?? "td-like-none"
  }

  /// The width of one swatch in the legend.
  static let swatchWidth = 18.0

  /// The width of the legend's colour bar (its tick labels may reach a little beyond).
  static var barWidth: Double { swatchWidth * Double(steps) }

  /// Draws the colour bar with its top-left corner at (`x`, `y`): one swatch per step, 10
  /// units high, labelled 0%, 50% and 100% under the swatches that stand for those ratios.
  static func drawBar(in svg: inout SVGWriter, x: Double, y: Double) {
    for step in 0..<steps {
      svg.empty(
        "rect",
        [
          "x": .number(x + swatchWidth * Double(step)), "y": .number(y),
          "width": .number(swatchWidth), "height": .number(10),
          "class": .text(className(ofStep: step)),
        ])
    }
    for step in [0, steps / 2, steps - 1] {
      let ratio = Double(step) / Double(steps - 1)
      svg.text(
        NumberFormat.percent(ratio), x: x + swatchWidth * (Double(step) + 0.5), y: y + 23,
        size: Layout.smallSize, anchor: .middle, className: "td-legend-label")
    }
  }
}
