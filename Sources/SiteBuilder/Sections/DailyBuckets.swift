import Formatting
import ReportModel
import SVGCharts

/// The days of a range grouped for a page: by day, or for a long range by week (Monday to
/// Sunday), month, quarter, year or decade — the finest that needs at most ``maxPeriods``
/// groups — so a chart over time and its table keep the same bounded size whatever the length
/// of the history. `report.json` keeps every day; only the pages group them.
struct DailyBuckets {
  /// What one group spans.
  enum Size: CaseIterable {
    case day, week, month, quarter, year, decade

    /// `day`, `week`, …, as in "per day".
    var noun: String {
      switch self {
      case .day: "day"
      case .week: "week"
      case .month: "month"
      case .quarter: "quarter"
      case .year: "year"
      case .decade: "decade"
      }
    }

    /// `daily`, `weekly`, …
    var adjective: String { self == .day ? "daily" : self == .decade ? "per-decade" : noun + "ly" }

    /// The first day (day number) of the group that holds `date`.
    func start(of date: CivilDate) -> Int {
      switch self {
      case .day: date.dayNumber
      case .week: date.dayNumber - date.weekday
      case .month: CivilDate(year: date.year, month: date.month, day: 1).dayNumber
      case .quarter:
        CivilDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1).dayNumber
      case .year: CivilDate(year: date.year, month: 1, day: 1).dayNumber
      case .decade: CivilDate(year: date.year - date.year % 10, month: 1, day: 1).dayNumber
      }
    }

    /// The number of days in the group starting on `first`.
    func length(from first: Int) -> Int {
      let date = CivilDate(dayNumber: first)
      switch self {
      case .day: return 1
      case .week: return 7
      case .month: return CivilDate.daysIn(month: date.month, year: date.year)
      case .quarter:
        return (0..<3).map { CivilDate.daysIn(month: date.month + $0, year: date.year) }.reduce(
          0, +)
      case .year: return CivilDate(year: date.year + 1, month: 1, day: 1).dayNumber - first
      case .decade: return CivilDate(year: date.year + 10, month: 1, day: 1).dayNumber - first
      }
    }

    /// The group's name: `Fri 20 Nov 2026`, `Week of 16 Nov 2026`, `Nov 2026`, `Q4 2026`, `2026`,
    /// `2020s`.
    func name(from first: Int) -> String {
      let date = CivilDate(dayNumber: first)
      switch self {
      case .day: return "\(DateFormat.weekdayAbbreviations[date.weekday]) \(DateFormat.long(date))"
      case .week: return "Week of \(DateFormat.long(date))"
      case .month: return DateFormat.monthYear(date)
      case .quarter: return "Q\((date.month - 1) / 3 + 1) \(date.year)"
      case .year: return String(date.year)
      case .decade: return "\(date.year)s"
      }
    }
  }

  /// One group: its days and the sums of their counts.
  struct Bucket {
    /// The first day (day number) and the days the group spans in the calendar.
    let firstDay: Int
    let days: Int
    let size: Size
    /// Activity events, and by kind in report order.
    var events = 0
    var byKind: [Int] = []
    var likes = 0
    var dislikes = 0
    /// Listeners whose first event falls in the group (within the range).
    var newListeners = 0
    /// The sum and number of the days' stickiness values (see ``stickiness``).
    var stickinessSum = 0.0
    var stickinessDays = 0
    /// Days of the range in the group, a day the range holds only part of counted by its share.
    var covered = 0.0
    /// Whether a day of the group is only partly in the range.
    var hasPartialDay = false
    /// The first and last of its days the range has (day numbers).
    var firstPresent = 0
    var lastPresent = 0

    /// Σ likes ÷ Σ (likes + dislikes); `nil` without ratings.
    var likeRatio: Double? { likes + dislikes > 0 ? Double(likes) / Double(likes + dislikes) : nil }

    /// The mean of the days' stickiness (DAU ÷ MAU); `nil` when no day has one.
    var stickiness: Double? { stickinessDays > 0 ? stickinessSum / Double(stickinessDays) : nil }

    /// Whether the range covers only part of the group (bars drawn faded).
    var isPartial: Bool { covered < Double(days) - 0.05 }

    /// Whether the range holds enough of the group for a count to be drawn without an edge
    /// reading as a drop: half of a day, all of a longer group.
    var isMostlyInside: Bool { size == .day ? covered >= 0.5 : !isPartial }

    /// What the range covers of it, when that is not all: `part of the day`, `3 of 7 days`.
    var coverageNote: String? {
      if size == .day { return hasPartialDay ? "part of the day" : nil }
      guard isPartial else { return nil }
      let whole = abs(covered - covered.rounded()) < 0.05
      return "\(NumberFormat.decimal(covered, places: whole ? 0 : 1)) of \(days) days"
    }

    /// The name with any coverage note, for tooltips: `Fri 20 Nov 2026 (part of the day)`.
    var label: String { size.name(from: firstDay) + (coverageNote.map { " (\($0))" } ?? "") }

    /// The name for a table's first column, where a partial day says only `(part)`.
    var tableLabel: String {
      size == .day && hasPartialDay ? size.name(from: firstDay) + " (part)" : label
    }

    /// The group as a chart's period.
    var period: TimePeriod {
      TimePeriod(firstDay: firstDay, days: days, label: label, isPartial: isPartial)
    }
  }

  /// The most groups a chart or its table shows: a year of weeks (53), four and a half years of
  /// months, fourteen of quarters. Each group adds about 0.7 KB to a page (bars, a point, two
  /// tooltips, two table rows), so the charts over time never take more than about 40 KB.
  static let maxPeriods = 56

  /// The grouping used.
  let size: Size
  /// The groups, oldest first.
  let buckets: [Bucket]

  /// `daily` grouped by `size`, or by the finest size that needs at most ``maxPeriods`` groups.
  init(_ daily: [DailyPoint], size: Size? = nil) {
    let days = daily.compactMap { point in CivilDate(iso: point.date).map { ($0, point) } }
    let size = size ?? Self.size(forDays: days.map(\.0.dayNumber))
    var buckets: [Bucket] = []
    for (date, point) in days {
      let first = size.start(of: date)
      if buckets.last?.firstDay != first {
        buckets.append(
          Bucket(
            firstDay: first, days: size.length(from: first), size: size,
            byKind: Array(repeating: 0, count: point.byKind.count), firstPresent: date.dayNumber))
      }
      let last = buckets.count - 1
      buckets[last].lastPresent = date.dayNumber
      buckets[last].events += point.events
      buckets[last].byKind = zip(buckets[last].byKind, point.byKind).map(+)
      buckets[last].likes += point.likes
      buckets[last].dislikes += point.dislikes
      buckets[last].newListeners += point.newListeners
      if let stickiness = point.stickiness {
        buckets[last].stickinessSum += stickiness
        buckets[last].stickinessDays += 1
      }
      buckets[last].covered += point.coverage ?? 1
      buckets[last].hasPartialDay = buckets[last].hasPartialDay || point.coverage != nil
    }
    self.size = size
    self.buckets = buckets
  }

  /// The finest size whose groups over `days` (day numbers, in order) are at most
  /// ``maxPeriods``.
  static func size(forDays days: [Int]) -> Size {
    guard let first = days.first, let last = days.last else { return .day }
    return Size.allCases.first { count(of: $0, from: first, through: last) <= maxPeriods }
      ?? .decade
  }

  /// How many groups of `size` the days `first … last` touch.
  private static func count(of size: Size, from first: Int, through last: Int) -> Int {
    var count = 0
    var start = size.start(of: CivilDate(dayNumber: first))
    while start <= last && count <= maxPeriods {
      count += 1
      start += size.length(from: start)
    }
    return count
  }
}
