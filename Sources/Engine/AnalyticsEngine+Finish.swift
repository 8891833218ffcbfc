import EventStore
import Formatting
import ReportModel
import Workers

extension AnalyticsEngine {
  /// Turns the accumulated state into a ``Report``: an empty report for the as-of time, which
  /// every accumulator then fills with its own part, in the chain's order (see
  /// ``AccumulatorGroup/finish(into:_:)``). `loop` runs the independent parts of the work (the
  /// distinct listeners of every track, the other distinct counts) side by side when it is
  /// parallel; the report is the same either way.
  public func finish(_ inputs: FinishInputs, loop: @escaping IndexLoop = IndexLoops.serial)
    throws -> Report
  {
    let zone = options.zone
    // The three largest pieces of the finish, each one pass over pair tables, the largest first.
    let (recent, previous, counts) = IndexLoops.all(
      loop, { [audience = self.audience, catalog] in audience.recentAudience(catalog) },
      { [audience = self.audience, catalog] in audience.previousAudience(catalog) },
      { [self] in DistinctCounts(self) })
    let audience = self.audience.audience(recent: recent, previous: previous)
    let genreNames = catalog.genreNames.map(ReportText.clean)
    var report = Self.emptyReport(
      zone: zone, catalog: catalog, registeredUsers: inputs.registeredUsers,
      issues: inputs.issues, minUsers: options.minUsers)
    report.asOf = DateFormat.isoUTC(asOf)
    report.asOfDate = CivilDate(dayNumber: zone.localDay(asOf)).iso
    let activeUsers = [
      last.activeUsers(lastDays: nil), last.activeUsers(lastDays: 30),
      last.activeUsers(previousDays: 30),
      last.activeUsers(lastDays: 7), last.activeUsers(previousDays: 7),
    ]
    try accumulators.finish(
      into: &report,
      FinishContext(
        setup: AccumulatorSetup(asOf: asOf, catalog: catalog, options: options), inputs: inputs,
        feedback: feedback, activeUsers: activeUsers, tenure: tenure, raters: raters,
        counts: counts, genreNames: genreNames, audience: audience, loop: loop))
    return report
  }

  /// The report for a database without a single valid event: every range empty.
  public static func emptyReport(
    zone: ZoneRules, catalog: Catalog, registeredUsers: Int, issues: RowIssueCounts, minUsers: Int
  ) -> Report {
    func empty(_ range: RangeKey) -> RangeReport {
      RangeReport(
        range: range.rawValue, label: range.label, days: range.days, start: nil, firstDate: nil,
        lastDate: nil,
        activity: ActivityReport(
          activeUsers: 0, events: 0, byKind: ActivityCounter.kindCounts(nil)),
        genres: [],
        feedback: FeedbackReport(
          likes: 0, dislikes: 0, byGenre: [], bySource: [], byModel: [], mostLiked: [],
          mostDisliked: [], minRatings: 0),
        daily: [],
        heatmap: Heatmap(cells: Array(repeating: Array(repeating: 0, count: 24), count: 7)),
        words: [], previous: nil)
    }
    return Report(
      asOf: nil, timeZone: zone.identifier, asOfDate: nil, minUsers: minUsers,
      catalog: CatalogSummary(tracks: catalog.trackCount, genres: catalog.genreNames.count),
      users: UsersReport(
        registered: registeredUsers, known: 0, neverActive: registeredUsers, activeLastDay: 0,
        activeLast7Days: 0, activeLast30Days: 0,
        recency: RecencyBucket.spans.map {
          RecencyBucket(bucket: $0.key, label: $0.label, users: 0)
        },
        recent: []),
      dataQuality: dataQuality(issues),
      ranges: Ranges(days7: empty(.days7), days30: empty(.days30), all: empty(.all)))
  }
}
