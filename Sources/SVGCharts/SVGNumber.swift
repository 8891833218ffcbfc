/// Coordinates written compactly and the same way on every machine: at most two decimals,
/// trailing zeros dropped (`12`, `12.5`, `12.25`).
enum SVGNumber {
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let scaled = (value * 100).rounded()
    if scaled == 0 { return "0" }
    let negative = scaled < 0
    let magnitude = Int(abs(scaled))
    let whole = magnitude / 100
    let fraction = magnitude % 100
    var text = String(whole)
    if fraction != 0 {
      text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
    }
    return negative ? "-" + text : text
  }
}
