/// A calendar date (proleptic Gregorian), computed without Foundation's calendars so it is the
/// same on every machine and locale.
///
/// Day numbers count days since 1970-01-01 (day 0). Local dates are obtained by adding a UTC
/// offset to a Unix time before dividing by 86,400.
///
/// ```swift
/// CivilDate(dayNumber: 0).iso              // "1970-01-01"
/// CivilDate(year: 2026, month: 11, day: 20).weekday  // 4 (Friday; Monday is 0)
/// ```
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The year, e.g. 2026.
  public let year: Int
  /// The month, 1 … 12.
  public let month: Int
  /// The day of the month, 1 … 31.
  public let day: Int

  /// The date with this year, month and day (not validated beyond the arithmetic).
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `dayNumber` days after 1970-01-01.
  public init(dayNumber: Int) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of each 400-year era.
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01.
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The day of the week: 0 = Monday … 6 = Sunday (ISO 8601 order).
  public var weekday: Int { Self.weekday(ofDayNumber: dayNumber) }

  /// The weekday of a day number: 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday.
  @inlinable
  public static func weekday(ofDayNumber dayNumber: Int) -> Int {
    ((dayNumber % 7) + 7 + 3) % 7
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
  }

  /// Parses `YYYY-MM-DD`; `nil` for anything else or an impossible date.
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), d >= 1, d <= Self.daysIn(month: m, year: y)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The number of days in a month.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public var description: String { iso }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let pad = String(repeating: "0", count: max(0, width - digits.count))
    return (value < 0 ? "-" : "") + pad + digits
  }
}
