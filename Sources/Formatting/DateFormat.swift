/// Dates and times formatted the same way everywhere, in English, without the machine's locale.
public enum DateFormat {
  /// `Jan` … `Dec`.
  public static let monthAbbreviations = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  /// `January` … `December`.
  public static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]
  /// `Mon` … `Sun` (Monday first, ISO order).
  public static let weekdayAbbreviations = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  /// `Monday` … `Sunday`.
  public static let weekdayNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]

  /// `20 Nov 2026`.
  public static func long(_ date: CivilDate) -> String {
    "\(date.day) \(monthAbbreviations[date.month - 1]) \(date.year)"
  }

  /// `20 Nov`.
  public static func dayMonth(_ date: CivilDate) -> String {
    "\(date.day) \(monthAbbreviations[date.month - 1])"
  }

  /// `Nov 2026`.
  public static func monthYear(_ date: CivilDate) -> String {
    "\(monthAbbreviations[date.month - 1]) \(date.year)"
  }

  /// `Fri 20 Nov`.
  public static func weekdayDayMonth(_ date: CivilDate) -> String {
    "\(weekdayAbbreviations[date.weekday]) \(dayMonth(date))"
  }

  /// A time of day from seconds after midnight: `18:05`.
  public static func clock(secondsOfDay: Int) -> String {
    let minutes = ((secondsOfDay % 86_400) + 86_400) % 86_400 / 60
    return "\(CivilDate.padded(minutes / 60, 2)):\(CivilDate.padded(minutes % 60, 2))"
  }

  /// An hour label: `00:00` … `23:00`.
  public static func hour(_ hour: Int) -> String { "\(CivilDate.padded(hour, 2)):00" }

  /// A UTC offset: `UTC`, `UTC+1`, `UTC−5:30`.
  public static func offset(seconds: Int) -> String {
    guard seconds != 0 else { return "UTC" }
    let sign = seconds < 0 ? NumberFormat.minus : "+"
    let minutes = abs(seconds) / 60
    let hours = minutes / 60
    let rest = minutes % 60
    return "UTC\(sign)\(hours)" + (rest == 0 ? "" : ":\(CivilDate.padded(rest, 2))")
  }

  /// A Unix time as ISO 8601 in UTC: `2026-11-20T18:05:00Z`.
  public static func isoUTC(_ unixSeconds: Int64) -> String {
    let days = Int(unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400)
    let rest = Int(unixSeconds - Int64(days) * 86_400)
    let date = CivilDate(dayNumber: days)
    return
      "\(date.iso)T\(CivilDate.padded(rest / 3600, 2)):\(CivilDate.padded(rest / 60 % 60, 2)):\(CivilDate.padded(rest % 60, 2))Z"
  }

  /// Parses ISO 8601 `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)` or `YYYY-MM-DD` (midnight UTC).
  public static func parseISO(_ text: String) -> Int64? {
    let trimmed = text.trimmingWhitespace()
    let datePart = trimmed.prefix(10)
    guard let date = CivilDate(iso: String(datePart)) else { return nil }
    var seconds = Int64(date.dayNumber) * 86_400
    var rest = trimmed.dropFirst(10)
    if rest.isEmpty { return seconds }
    guard let first = rest.first, first == "T" || first == " " else { return nil }
    rest = rest.dropFirst()
    var offset: Int64 = 0
    if rest.hasSuffix("Z") || rest.hasSuffix("z") {
      rest = rest.dropLast()
    } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
      let zone = rest[rest.index(after: signIndex)...].split(separator: ":")
      guard zone.count == 2 || (zone.count == 1 && zone[0].count == 4),
        let hours = Int(zone.count == 2 ? zone[0] : zone[0].prefix(2)),
        let minutes = Int(zone.count == 2 ? zone[1] : zone[0].suffix(2))
      else { return nil }
      offset = Int64(hours * 3600 + minutes * 60) * (rest[signIndex] == "-" ? -1 : 1)
      rest = rest[..<signIndex]
    } else {
      return nil
    }
    let clock = rest.split(separator: ":")
    guard clock.count == 2 || clock.count == 3, let h = Int(clock[0]), let m = Int(clock[1]),
      (0..<24).contains(h), (0..<60).contains(m)
    else { return nil }
    let s = clock.count == 3 ? Int(clock[2]) : 0
    guard let s, (0..<61).contains(s) else { return nil }
    seconds += Int64(h * 3600 + m * 60 + s) - offset
    return seconds
  }
}

extension String {
  func trimmingWhitespace() -> Substring {
    let s = self[...]
    let start = s.firstIndex { !$0.isWhitespace } ?? s.endIndex
    let end = s.lastIndex { !$0.isWhitespace }.map { s.index(after: $0) } ?? start
    return Substring(s[start..<max(start, end)])
  }
}
