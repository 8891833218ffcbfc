import EventStore
import Formatting
import ReportModel

extension ActivityCounter {
  /// Writes what each range shows of activity: its span (start, first and last dates), events
  /// by kind with the active users ``LastActivity`` counted, one point per local day (with the
  /// day's likes and dislikes that ``FeedbackTally`` counted), the heatmap, and the same
  /// headline numbers for the previous range.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    for range in RangeKey.allCases {
      finish(range, into: &report.ranges[range], context)
    }
  }

  private func finish(_ range: RangeKey, into data: inout RangeReport, _ context: FinishContext) {
    let (edges, zone, feedback) = (
      context.setup.edges, context.setup.options.zone, context.feedback
    )
    let slot = Windows.currentSlot(range)
    let start = range.days.map { edges.start(days: $0) }
    let kinds = byKind(slot: slot)
    let lastDay = zone.localDay(edges.asOf)
    let firstDay: Int? =
      if let start { zone.localDay(start + 1) } else {
        [firstDay(slot: slot), feedback.firstDay(slot: slot)].compactMap { $0 }.min()
      }
    data.start = start.map { DateFormat.isoUTC($0 + 1) }
    data.firstDate = firstDay.map { CivilDate(dayNumber: $0).iso }
    data.lastDate = CivilDate(dayNumber: lastDay).iso
    data.activity = ActivityReport(
      activeUsers: context.activeUsers[slot], events: kinds.reduce(0, +),
      byKind: Self.kindCounts(kinds))
    data.daily =
      firstDay.map {
        dailyPoints(slot: slot, from: $0, through: lastDay, window: (start, edges.asOf), context)
      } ?? []
    let heat = heatmap(slot: slot)
    data.heatmap = Heatmap(cells: (0..<7).map { Array(heat[($0 * 24)..<($0 * 24 + 24)]) })
    if let days = range.days, let previousSlot = Windows.previousSlot(range) {
      let previousKinds = byKind(slot: previousSlot)
      let totals = feedback.totals(slot: previousSlot)
      let window = edges.previous(days: days)
      data.previous = PreviousRange(
        start: DateFormat.isoUTC(window.after + 1), end: DateFormat.isoUTC(window.through),
        activity: ActivityReport(
          activeUsers: context.activeUsers[previousSlot], events: previousKinds.reduce(0, +),
          byKind: Self.kindCounts(previousKinds)),
        likes: totals.likes, dislikes: totals.dislikes,
        likeRatio: Rating(likes: totals.likes, dislikes: totals.dislikes).ratio,
        daily: dailyPoints(
          slot: previousSlot, from: zone.localDay(window.after + 1),
          through: zone.localDay(window.through), window: window, context))
    }
  }

  /// Events by kind, named, in ``ActivityKind``'s order; zeros without `counts`.
  static func kindCounts(_ counts: [Int]?) -> [KindCount] {
    ActivityKind.allCases.map { KindCount(kind: $0.name, events: counts?[Int($0.rawValue)] ?? 0) }
  }

  /// One point per day; `window` (exclusive start, inclusive end; `nil` start for all time)
  /// sets the coverage of the edge days.
  private func dailyPoints(
    slot: Int, from first: Int, through lastDay: Int, window: (Int64?, Int64),
    _ context: FinishContext
  ) -> [DailyPoint] {
    guard first <= lastDay else { return [] }
    let zone = context.setup.options.zone
    return (first...lastDay).map { day in
      let dayStart = zone.start(ofDay: day)
      let dayEnd = zone.start(ofDay: day + 1)
      let inside = min(dayEnd, window.1 + 1) - max(dayStart, (window.0 ?? Int64.min) + 1)
      let coverage: Double? =
        inside >= dayEnd - dayStart
        ? nil : Rounding.ratio(Double(inside) / Double(dayEnd - dayStart))
      let byKind = (0..<Self.kinds).map { daily(slot: slot, day: day, kind: $0) }
      let (likes, dislikes) = context.feedback.daily(slot: slot, day: day)
      return DailyPoint(
        date: CivilDate(dayNumber: day).iso, events: byKind.reduce(0, +), byKind: byKind,
        likes: likes, dislikes: dislikes, likeRatio: Rating(likes: likes, dislikes: dislikes).ratio,
        coverage: coverage)
    }
  }
}
