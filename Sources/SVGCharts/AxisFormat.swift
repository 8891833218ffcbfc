import Formatting

/// How an axis or a value label writes numbers, the same everywhere.
public enum AxisFormat: Sendable, Equatable {
  /// `950`, `1.2k`, `3.4M`.
  case compact
  /// A ratio as a whole percentage: `0.62` → `62%`.
  case percent
  /// A ratio as a percentage with one decimal: `62.3%`.
  case percentOneDecimal
  /// A whole number with separators: `1,234`.
  case grouped

  /// Whether the axis counts things, so its ticks must be whole numbers (a step of 0.5 would
  /// label half an event).
  public var countsWholeThings: Bool { self == .compact || self == .grouped }

  /// The text for `value`.
  public func format(_ value: Double) -> String {
    switch self {
    case .compact: NumberFormat.compact(value)
    case .percent: NumberFormat.percent(value)
    case .percentOneDecimal: NumberFormat.percent(value, places: 1)
    case .grouped: NumberFormat.grouped(Int(value.rounded()))
    }
  }
}
