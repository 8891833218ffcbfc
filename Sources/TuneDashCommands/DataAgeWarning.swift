import Formatting
import Foundation
import ReportModel

/// The warnings a site build or a merge prints (on standard error, even with `--quiet`: a
/// scheduled run's owner must hear them) when the site it wrote shows old data: the latest
/// event more than a week old by the clock (the app or its log may have stopped, or a merge
/// was given old partial states), or an `--as-of` with no event at or before it, or the latest
/// event before it more than a week earlier (a wrong year in a scheduled job's `--as-of` would
/// otherwise publish an empty dashboard without a word). The site itself never depends on the
/// clock.
enum DataAgeWarning {
  /// How old the latest event may be before a run says the data looks stalled.
  static let staleAfter: Int64 = 7 * 86_400

  /// Prints the warning that applies to `report`, if any: counted as of `asOf` (`--as-of`), or
  /// as of its latest event, compared with the clock when `byTheClock` (not for the demo,
  /// whose events end when it was made).
  static func check(_ report: Report, asOf: Int64?, byTheClock: Bool) {
    if let asOf {
      warnIfFarFromTheData(asOf: asOf, report: report)
    } else if byTheClock, let latest = report.asOf.flatMap(DateFormat.parseISO) {
      warnIfStale(latest: latest, now: Int64(Date().timeIntervalSince1970))
    }
  }

  /// Warns when the latest event is more than ``staleAfter`` older than `now`.
  private static func warnIfStale(latest: Int64, now: Int64) {
    guard now - latest > staleAfter else { return }
    StandardStream.standardError.write(
      "tunedash: warning: the latest event is from \(DateFormat.isoUTC(latest)), "
        + "\(NumberFormat.count(Int((now - latest) / 86_400), "day")) ago; has the app or its log stopped? "
        + "(the site shows the data as of then)\n")
  }

  /// Warns when `--as-of` leaves the site empty (no event at or before it), or its ranges past
  /// the data (the latest event before it more than ``staleAfter`` earlier).
  private static func warnIfFarFromTheData(asOf: Int64, report: Report) {
    let all = report.ranges.all
    let iso = DateFormat.isoUTC
    if all.activity.events + all.feedback.likes + all.feedback.dislikes == 0 {
      StandardStream.standardError.write(
        "tunedash: warning: no event at or before --as-of \(iso(asOf)): the site is empty (is the date right?)\n"
      )
    } else if let latest = report.users.recent.first.flatMap({ DateFormat.parseISO($0.lastSeen) }),
      asOf - latest > staleAfter
    {
      StandardStream.standardError.write(
        "tunedash: warning: the latest event before --as-of \(iso(asOf)) is from \(iso(latest)), "
          + "\(NumberFormat.count(Int((asOf - latest) / 86_400), "day")) earlier: the recent ranges are empty (is the date right?)\n"
      )
    }
  }
}
