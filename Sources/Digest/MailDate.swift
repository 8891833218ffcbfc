import Formatting

/// RFC 5322 dates, from Unix seconds, always in UTC: `Mon, 30 Nov 2026 00:00:00 +0000`.
public enum MailDate {
  /// The `Date:` value of the instant `seconds`.
  public static func format(_ seconds: Int64) -> String {
    let day = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
    let second = Int(seconds - Int64(day) * 86_400)
    let date = CivilDate(dayNumber: day)
    let weekday = DateFormat.weekdayAbbreviations[CivilDate.weekday(ofDayNumber: day)]
    let month = DateFormat.monthAbbreviations[date.month - 1]
    let time = [second / 3600, second / 60 % 60, second % 60].map(twoDigits).joined(separator: ":")
    return "\(weekday), \(twoDigits(date.day)) \(month) \(date.year) \(time) +0000"
  }

  private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
