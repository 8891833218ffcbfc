/// Numbers formatted the same way everywhere — pages, charts, tables, the command line — without
/// depending on the machine's locale: `1,234`, `1.2k`, `62%`, `+3.4 pts`.
///
/// Rounding is half away from zero on the decimal value shown.
public enum NumberFormat {
  /// The minus sign used in shown numbers (U+2212, which lines up with `+`).
  public static let minus = "\u{2212}"

  /// An integer with thousands separators: `1234567` → `"1,234,567"`, `-42` → `"−42"`.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return value < 0 ? minus + out : out
  }

  /// A grouped count and its noun, singular for exactly one: `(1, "event")` → `"1 event"`,
  /// `(1200, "event")` → `"1,200 events"`; `plural` defaults to the singular plus "s".
  public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(grouped(n)) \(n == 1 ? singular : plural ?? singular + "s")"
  }

  /// A number with exactly `places` decimals and grouped thousands: `(1234.5, 1)` → `"1,234.5"`.
  public static func decimal(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "–" }
    let scale = pow10(places)
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e17 else { return value < 0 ? minus + "∞" : "∞" }
    let whole = Int(scaled) / Int(scale)
    let fraction = Int(scaled) % Int(scale)
    var text = grouped(whole)
    if places > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: places - digits.count) + digits
    }
    return value < 0 && scaled > 0 ? minus + text : text
  }

  /// A short number for tight spaces: `950`, `1.2k`, `12k`, `3.4M`, `1.1B`.
  ///
  /// Below 1,000 the value is shown whole (or with one decimal below 10 if it has one); above,
  /// with one decimal while the mantissa is below 10 and none after, never `1000k`.
  public static func compact(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let sign = value < 0 ? minus : ""
    let magnitude = abs(value)
    if magnitude < 999.5 {
      if magnitude < 10 && magnitude.rounded() != magnitude {
        return sign + trimmed(decimal(magnitude, places: 1))
      }
      return sign + decimal(magnitude, places: 0)
    }
    let units: [(Double, String)] = [(1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
    for (index, (size, suffix)) in units.enumerated() {
      let mantissa = magnitude / size
      let places = mantissa < 9.95 ? 1 : 0
      let rounded = (mantissa * pow10(places)).rounded(.toNearestOrAwayFromZero) / pow10(places)
      if rounded < 1000 || index == units.count - 1 {
        return sign + trimmed(decimal(rounded, places: places)) + suffix
      }
    }
    return sign + decimal(magnitude, places: 0)
  }

  /// A compact integer: like ``compact(_:)`` for `Int`.
  public static func compact(_ value: Int) -> String { compact(Double(value)) }

  /// A ratio as a percentage: `(0.623, 0)` → `"62%"`, `(0.623, 1)` → `"62.3%"`.
  public static func percent(_ ratio: Double, places: Int = 0) -> String {
    decimal(ratio * 100, places: places) + "%"
  }

  /// A signed change with an explicit `+` or `−`: `(3.2, 1, "%")` → `"+3.2%"`; zero is `"±0"`.
  public static func signed(_ value: Double, places: Int, suffix: String = "") -> String {
    let text = decimal(abs(value), places: places)
    let isZero = text.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
    if isZero { return "±" + text + suffix }
    return (value < 0 ? minus : "+") + text + suffix
  }

  private static func trimmed(_ text: String) -> String {
    text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  private static func pow10(_ places: Int) -> Double {
    var result = 1.0
    for _ in 0..<places { result *= 10 }
    return result
  }
}
