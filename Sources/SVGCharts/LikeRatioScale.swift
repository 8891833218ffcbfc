import Formatting

/// A diverging colour scale for like ratios, centred on a reference ratio — the range's overall
/// like ratio — so that what is liked more than usual and what is liked less differ at a glance:
/// seven steps from orange (liked less) through grey (about as much) to blue (liked more).
///
/// **Steps.** A ratio's deviation is `d = (ratio − centre) × 100` percentage points. Each step
/// spans ``stepPoints`` points and step *k* (0 … 6) stands for the deviation
/// `(k − 3) × stepPoints`: `step = 3 + round(d ÷ stepPoints)`, rounding halves away from zero
/// (so the scale is symmetric) and clamped to 0 … 6. Step 3, grey, holds |d| < stepPoints ÷ 2;
/// steps 0 and 6 stand for ±``reach`` (`3 × stepPoints`). No ratio (`nil`, or not a number) has
/// no step.
///
/// **Reach.** ``init(centre:fitting:)`` fits the scale to the data: ``reach`` is the largest
/// |d| of the ratios rounded up to a whole multiple of 3 points, at least 6 — so every step is
/// a whole number of points, nothing falls beyond the outer steps, the most distant ratio of
/// a spread of 6 points or more lands in an outer step or next to it, and clusters all within
/// a point or two of the centre are not painted as if they differed much.
///
/// **Colours.** From the stylesheet (`td-like-0` … `td-like-6`, custom properties `--like-0` …
/// `--like-6`), which picks them per theme: blue and orange stay apart for the common forms of
/// colour blindness, and every step keeps at least 3:1 contrast with the light and the dark
/// background.
public struct LikeRatioScale: Sendable, Equatable {
  /// How many steps the scale has.
  public static let steps = 7
  /// The least number of points per step.
  public static let minimumStepPoints = 2

  /// The ratio drawn grey, 0 … 1.
  public var centre: Double
  /// Percentage points per step, at least ``minimumStepPoints``.
  public var stepPoints: Int

  /// The deviation, in points, of the outermost steps.
  public var reach: Int { stepPoints * (Self.steps / 2) }

  /// A scale of `stepPoints` points per step (at least ``minimumStepPoints``) around `centre`.
  public init(centre: Double, stepPoints: Int) {
    self.centre = centre.isFinite ? min(max(centre, 0), 1) : 0.5
    self.stepPoints = max(stepPoints, Self.minimumStepPoints)
  }

  /// The scale around `centre` whose ``reach`` is the largest deviation of `ratios` (ratios that
  /// are not numbers left out) rounded up to a multiple of 3 points, at least 6.
  public init(centre: Double, fitting ratios: [Double]) {
    let base = LikeRatioScale(centre: centre, stepPoints: Self.minimumStepPoints)
    let largest = ratios.filter(\.isFinite).map { abs(base.deviation(of: $0)) }.max() ?? 0
    // A billionth of a point of slack: (0.41 − 0.5) × 100 is 9.000000000000002, which must
    // still count as 9 points.
    let half = Double(Self.steps / 2)
    self.init(centre: centre, stepPoints: Int((largest / half - 1e-9).rounded(.up)))
  }

  /// How far `ratio` (clamped to 0 … 1) is from the centre, in percentage points.
  public func deviation(of ratio: Double) -> Double {
    (min(max(ratio, 0), 1) - centre) * 100
  }

  /// The step (0 … 6) of `ratio`, or `nil` when there is no ratio.
  public func step(of ratio: Double?) -> Int? {
    guard let ratio, !ratio.isNaN else { return nil }
    let offset = (deviation(of: ratio) / Double(stepPoints)).rounded()
    let middle = Self.steps / 2
    return Int(min(max(offset, -Double(middle)), Double(middle))) + middle
  }

  /// The deviation step `step` stands for, as the legend writes it: `−9 pts`, `±0 pts`,
  /// `+9 pts`.
  public func text(ofStep step: Int) -> String {
    NumberFormat.signed(Double((step - Self.steps / 2) * stepPoints), places: 0, suffix: " pts")
  }

  /// The class that colours a mark of `step`: `td-like-3`, or `td-like-none` without a step.
  public static func className(ofStep step: Int?) -> String {
    step.map { "td-like-\($0)" } ?? "td-like-none"
  }

  /// The width of one swatch in the legend.
  static let swatchWidth = 22.0

  /// The width of the legend's colour bar (its tick labels may reach a little beyond).
  static var barWidth: Double { swatchWidth * Double(steps) }

  /// The horizontal room the bar's outer tick labels take beyond the bar, on each side.
  var tickOverhang: Double {
    let widest =
      [0, Self.steps - 1].map {
        FontMetrics.width(of: text(ofStep: $0), size: Layout.smallSize)
      }.max() ?? 0
    return max(0, widest / 2 - Self.swatchWidth / 2)
  }

  /// Draws the colour bar with its top-left corner at (`x`, `y`): one swatch per step, 10
  /// units high, the outer and middle steps labelled under their swatches (`−9 pts`, `±0 pts`,
  /// `+9 pts`). Labels centred on the outer swatches reach ``tickOverhang`` beyond the bar.
  func drawBar(in svg: inout SVGWriter, x: Double, y: Double) {
    for step in 0..<Self.steps {
      svg.empty(
        "rect",
        [
          "x": .number(x + Self.swatchWidth * Double(step)), "y": .number(y),
          "width": .number(Self.swatchWidth), "height": .number(10),
          "class": .text(Self.className(ofStep: step)),
        ])
    }
    for step in [0, Self.steps / 2, Self.steps - 1] {
      svg.text(
        text(ofStep: step), x: x + Self.swatchWidth * (Double(step) + 0.5), y: y + 23,
        size: Layout.smallSize, anchor: .middle, className: "td-legend-label")
    }
  }
}
