import Formatting

/// A span of whole local days that one value of a chart over time stands for: a day, or for
/// long ranges a week, a month, a quarter or a year.
public struct TimePeriod: Sendable, Equatable {
  /// The first local day (day number).
  public var firstDay: Int
  /// How many days it spans (1 for a day, 7 for a week, 28 to 31 for a month).
  public var days: Int
  /// How tooltips name it, with any note: `Fri 20 Nov 2026`, `Week of 16 Nov 2026 (3 of 7 days)`.
  public var label: String
  /// Whether the data covers only part of it (the range's edges): bars are drawn faded, so a
  /// short period does not read as a drop, and a missing value is not marked as missing.
  public var isPartial: Bool

  /// Creates a period.
  public init(firstDay: Int, days: Int, label: String, isPartial: Bool = false) {
    self.firstDay = firstDay
    self.days = max(1, days)
    self.label = label
    self.isPartial = isPartial
  }

  /// `count` single days from `firstDay`, named like `20 Nov 2026`; those in `partialDays` are
  /// partial and say `(part of the day)`.
  public static func days(from firstDay: Int, count: Int, partialDays: Set<Int> = [])
    -> [TimePeriod]
  {
    (0..<max(0, count)).map { index in
      let day = firstDay + index
      let partial = partialDays.contains(day)
      return TimePeriod(
        firstDay: day, days: 1,
        label: DateFormat.long(CivilDate(dayNumber: day)) + (partial ? " (part of the day)" : ""),
        isPartial: partial)
    }
  }

  /// The local second it starts at.
  var start: Int64 { Int64(firstDay) * 86_400 }
  /// The local second after it ends.
  var end: Int64 { Int64(firstDay + days) * 86_400 }
}
