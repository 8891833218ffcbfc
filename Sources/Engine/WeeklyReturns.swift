import Formatting
import ReportModel

/// The weekly retention cohorts and the weekly lifecycle of the 12 most recent complete weeks,
/// from each listener's first event (``ListenerTenure``) and active days (``RecentDays``).
///
/// Weeks are local and start on Monday; a week is *complete* when the as-of time is at or after
/// its last second (an as-of of `2026-11-22`, a Sunday, completes that week). Weeks before the
/// week of the earliest event are left out.
///
/// - Cohort *c*: the listeners whose first event falls in week *c*; cell (*c*, *n*) = the share
///   of them with at least one event in week *c* + *n*, for the complete weeks only. A cohort
///   of fewer than `minUsers` listeners has its size and no shares.
/// - Lifecycle of week *k*: *new* = first event in *k*; *returning* = active in *k* and *k* − 1;
///   *resurrected* = active in *k*, not in *k* − 1, first event earlier; *dormant* = active in
///   *k* − 1, not in *k*.
struct WeeklyReturns {
  /// The cohorts, oldest first.
  private(set) var retention: RetentionReport
  /// The lifecycle weeks, oldest first.
  private(set) var lifecycle: [LifecycleWeek]

  /// Counts the weeks as of `asOf` (whose local day is `recent.lastDay`) in `zone`.
  init(_ recent: RecentDays, tenure: ListenerTenure, asOf: Int64, zone: ZoneRules, minUsers: Int) {
    let weeks = RetentionReport.weeks
    let lastDay = recent.lastDay
    let thisMonday = lastDay - CivilDate.weekday(ofDayNumber: lastDay)
    let lastMonday = asOf + 1 >= zone.start(ofDay: thisMonday + 7) ? thisMonday : thisMonday - 7
    // Week slot k = 0 … 12 begins on `mondays[k]`; slot 0 is only "the week before" slot 1.
    let mondays = (0...weeks).map { lastMonday - 7 * (weeks - $0) }
    let masks: [UInt128] = mondays.map { UInt128(0x7F) << (lastDay - $0 - 6) }
    var sizes = Array(repeating: 0, count: weeks)
    var returned = Array(repeating: Array(repeating: 0, count: weeks), count: weeks)
    var states = Array(repeating: (new: 0, returning: 0, resurrected: 0, dormant: 0), count: weeks)
    var earliest = Int.max
    for (user, first) in tenure.firstDay.enumerated() where first != Int32.max {
      let firstMonday = Int(first) - CivilDate.weekday(ofDayNumber: Int(first))
      earliest = min(earliest, firstMonday)
      let days = recent.days(of: user)
      guard days != 0 else { continue }
      var active: UInt16 = 0
      for (slot, mask) in masks.enumerated() where days & mask != 0 { active |= 1 << slot }
      let cohort = (firstMonday - mondays[1]) / 7
      if firstMonday >= mondays[1] && cohort < weeks {
        sizes[cohort] += 1
        for n in 0..<(weeks - cohort) where active & (1 << (cohort + 1 + n)) != 0 {
          returned[cohort][n] += 1
        }
      }
      for week in 0..<weeks {
        let now = active & (1 << (week + 1)) != 0
        let before = active & (1 << week) != 0
        if firstMonday == mondays[week + 1] {
          states[week].new += 1
        } else if now && before {
          states[week].returning += 1
        } else if now {
          states[week].resurrected += 1
        } else if before {
          states[week].dormant += 1
        }
      }
    }
    let shown = (0..<weeks).filter { mondays[$0 + 1] >= earliest }
    retention = RetentionReport(
      cohorts: shown.map { cohort in
        RetentionReport.Cohort(
          week: CivilDate(dayNumber: mondays[cohort + 1]).iso, size: sizes[cohort],
          shares: sizes[cohort] < max(minUsers, 1)
            ? nil
            : returned[cohort][0..<(weeks - cohort)].map {
              Rounding.ratio(Double($0) / Double(sizes[cohort]))
            })
      })
    lifecycle = shown.map { week in
      LifecycleWeek(
        week: CivilDate(dayNumber: mondays[week + 1]).iso, new: states[week].new,
        returning: states[week].returning, resurrected: states[week].resurrected,
        dormant: states[week].dormant)
    }
  }
}
