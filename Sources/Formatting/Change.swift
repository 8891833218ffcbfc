/// A number's change against the period before, as the dashboard's cards and the owners' weekly
/// email both show it: relative for counts, in percentage points for ratios.
public struct Change: Sendable, Equatable {
  /// The change as shown: `+12.5%`, `−3.0 pts`, `±0.0%`, or `new`.
  public var text: String
  /// The change as a number (a ratio for counts, points for ratios; `+∞` for `new`), for
  /// colouring it.
  public var amount: Double

  /// The relative change of a count: `(value − previous) / previous`, one decimal of a percent.
  /// `new` when `previous` is 0 and `value` is not; `nil` when there is no previous count or
  /// both are 0.
  public static func count(_ value: Int, previous: Int?) -> Change? {
    guard let previous else { return nil }
    if previous > 0 {
      let ratio = Double(value - previous) / Double(previous)
      return Change(text: NumberFormat.signed(ratio * 100, places: 1, suffix: "%"), amount: ratio)
    }
    return value > 0 ? Change(text: "new", amount: .infinity) : nil
  }

  /// The change of a ratio in percentage points: `(value − previous) × 100`, one decimal;
  /// `nil` unless both are known.
  public static func points(_ value: Double?, previous: Double?) -> Change? {
    guard let value, let previous else { return nil }
    let points = (value - previous) * 100
    return Change(text: NumberFormat.signed(points, places: 1, suffix: " pts"), amount: points)
  }

  /// A 95% interval of a ratio as shown: `60.1–64.2%`.
  public static func interval(_ lower: Double, _ upper: Double) -> String {
    "\(NumberFormat.decimal(lower * 100, places: 1))–\(NumberFormat.percent(upper, places: 1))"
  }
}
