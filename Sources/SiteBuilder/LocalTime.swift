import Formatting
import ReportModel

/// Times from the report (ISO 8601, UTC) shown in the report's time zone.
enum LocalTime {
  /// `Fri 20 Nov 2026, 23:59`, or `nil` when the time or zone cannot be read.
  static func text(_ iso: String, zone identifier: String) -> String? {
    guard let time = DateFormat.parseISO(iso) else { return nil }
    return text(time, zone: identifier)
  }

  /// `Fri 20 Nov 2026, 23:59` for a Unix time, or `nil` when the zone is unknown.
  static func text(_ time: Int64, zone identifier: String, weekday: Bool = true, year: Bool = true)
    -> String?
  {
    guard let zone = ZoneRules(identifier: identifier) else { return nil }
    let local = time + Int64(zone.offset(at: time))
    let dayNumber = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    let date = CivilDate(dayNumber: dayNumber)
    let clock = DateFormat.clock(secondsOfDay: Int(local - Int64(dayNumber) * 86_400))
    let day = year ? DateFormat.long(date) : DateFormat.dayMonth(date)
    return (weekday ? "\(DateFormat.weekdayAbbreviations[date.weekday]) " : "") + "\(day), \(clock)"
  }
}

extension LocalTime {
  /// The span of a window `[start, end]` in the report's zone: `22 Oct, 00:00 – 20 Nov 2026, 23:59`.
  static func span(from start: Int64, through end: Int64, zone: String) -> String {
    let first = text(start, zone: zone, weekday: false, year: false) ?? ""
    let last = text(end, zone: zone, weekday: false) ?? ""
    return "\(first) – \(last)"
  }
}
