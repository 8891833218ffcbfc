/// Human-readable byte counts for progress messages, locale-independent.
enum ByteCount {
  /// `512 B`, `12.3 KB`, `4.0 MB`… (powers of 1024, one decimal above bytes).
  static func format(_ bytes: Int64) -> String {
    guard bytes >= 1024 else { return "\(bytes) B" }
    let units = ["KB", "MB", "GB", "TB"]
    var value = Double(bytes) / 1024
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }
}
