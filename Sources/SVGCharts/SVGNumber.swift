/// Coordinates written compactly and the same way on every machine: at most one decimal,
/// trailing zeros dropped (`12`, `12.5`). A tenth of a unit is what is visible: charts are
/// drawn at most about 1.7 pixels to the unit, so the rounding moves nothing by more than a
/// tenth of a pixel.
public enum SVGNumber {
  /// `value` with at most one decimal, e.g. `12.5`; `0` for a value that is not finite.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let scaled = (value * 10).rounded()
    if scaled == 0 { return "0" }
    let magnitude = Int(abs(scaled))
    let text = magnitude % 10 == 0 ? String(magnitude / 10) : "\(magnitude / 10).\(magnitude % 10)"
    return scaled < 0 ? "-" + text : text
  }
}
