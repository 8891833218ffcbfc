import Formatting
import Foundation

/// A headline number with its change against the previous range and a sparkline.
struct CardView: Sendable {
  let label: String
  let value: String
  /// `+13.5%`, `−1.2 pts`, or `nil` when there is nothing to compare with.
  let change: String?
  /// `up`, `down` or `flat`, for styling; the arrow in ``arrow`` says the same in text.
  let trend: String
  /// `▲`, `▼` or `●`.
  let arrow: String
  /// `vs previous 30 days`.
  let comparison: String?
  /// A second line, e.g. the 95% interval.
  let detail: String?
  /// The sparkline, shown as an image of its standalone file (it has no tooltips, so inline it
  /// would add nothing but bytes), or `nil`.
  let sparkline: ChartImage?

  /// A card for a count, with its relative change.
  static func count(
    label: String, value: Int, previous: Int?, comparison: String?, detail: String? = nil,
    sparkline: ChartImage? = nil
  ) -> CardView {
    let change = Change.count(value, previous: previous)
    let trend = change.map { Self.trend($0.amount, threshold: 0.0005) } ?? "flat"
    return CardView(
      label: label, value: NumberFormat.grouped(value), change: change?.text, trend: trend,
      arrow: Self.arrow(trend), comparison: change == nil ? nil : comparison, detail: detail,
      sparkline: sparkline)
  }

  /// A card for a ratio, with its change in percentage points.
  static func ratio(
    label: String, value: Double?, previous: Double?, comparison: String?, detail: String?,
    sparkline: ChartImage?
  ) -> CardView {
    let change = Change.points(value, previous: previous)
    let trend = change.map { Self.trend($0.amount, threshold: 0.05) } ?? "flat"
    return CardView(
      label: label, value: value.map { NumberFormat.percent($0, places: 1) } ?? "–",
      change: change?.text,
      trend: trend, arrow: Self.arrow(trend), comparison: change == nil ? nil : comparison,
      detail: detail, sparkline: sparkline)
  }

  /// A card for a plain number (a Gini coefficient, bits of novelty), with its change as a
  /// signed difference. With `higherIsBetter` false a rise is coloured as a loss (the arrow
  /// still points up).
  static func decimal(
    label: String, value: Double?, previous: Double?, comparison: String?, detail: String?,
    places: Int = 2, higherIsBetter: Bool = true
  ) -> CardView {
    var change: String?
    var trend = "flat"
    if let value, let previous {
      change = NumberFormat.signed(value - previous, places: places)
      trend = Self.trend(value - previous, threshold: 0.5 * pow(10, Double(-places)))
    }
    let colour = higherIsBetter ? trend : trend == "up" ? "down" : trend == "down" ? "up" : trend
    return CardView(
      label: label, value: value.map { NumberFormat.decimal($0, places: places) } ?? "–",
      change: change, trend: colour, arrow: Self.arrow(trend),
      comparison: change == nil ? nil : comparison, detail: detail, sparkline: nil)
  }

  private static func trend(_ change: Double, threshold: Double) -> String {
    change > threshold ? "up" : change < -threshold ? "down" : "flat"
  }

  private static func arrow(_ trend: String) -> String {
    switch trend {
    case "up": "▲"
    case "down": "▼"
    default: "●"
    }
  }
}
