import Formatting

/// The week a digest covers: the dashboard's 7-day range for an as-of time, named by its local
/// days. Its end decides the messages' `Date:`, so reruns write the same bytes.
public struct DigestWeek: Sendable, Equatable {
  /// The end of the week (inclusive), Unix seconds: the last second of ``lastDay``.
  public var asOf: Int64
  /// The first local day of the week.
  public var firstDay: CivilDate
  /// The last local day of the week (`--week-ending`).
  public var lastDay: CivilDate

  /// The week of local days `lastDay − 6 … lastDay` ending at `asOf`.
  public init(asOf: Int64, lastDay: CivilDate) {
    self.asOf = asOf
    self.lastDay = lastDay
    self.firstDay = CivilDate(dayNumber: lastDay.dayNumber - 6)
  }

  /// `23–29 November 2026`, `30 November – 6 December 2026`, `28 December 2026 – 3 January 2027`.
  public var label: String {
    let month = { (date: CivilDate) in DateFormat.monthNames[date.month - 1] }
    if firstDay.year != lastDay.year {
      return
        "\(firstDay.day) \(month(firstDay)) \(firstDay.year) – \(lastDay.day) \(month(lastDay)) \(lastDay.year)"
    }
    if firstDay.month != lastDay.month {
      return "\(firstDay.day) \(month(firstDay)) – \(lastDay.day) \(month(lastDay)) \(lastDay.year)"
    }
    return "\(firstDay.day)–\(lastDay.day) \(month(lastDay)) \(lastDay.year)"
  }

  /// The messages' `Date:`: the moment the week ends.
  public var date: String { MailDate.format(asOf + 1) }
}
