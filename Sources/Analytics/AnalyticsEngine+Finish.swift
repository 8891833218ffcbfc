import EventStore
import Formatting
import ReportModel
import Workers

extension AnalyticsEngine {
  /// Turns the accumulated state into a ``Report``.
  public func finish(_ inputs: FinishInputs) throws -> Report {
    let zone = options.zone
    // The largest single piece of the finish, counted on another thread meanwhile.
    let audience = Background { [audience = self.audience, catalog] in
      audience.audience(catalog)
    }
    let genreNames = catalog.genreNames.map(ReportText.clean)
    let spellings = words.displaySpellings().map(ReportText.clean)
    let counts = DistinctCounts(self)
    var ranges: [RangeKey: RangeReport] = [:]
    for range in RangeKey.allCases {
      ranges[range] = try rangeReport(
        range, inputs: inputs, genreNames: genreNames, spellings: spellings, counts: counts)
    }
    var report = Report(
      asOf: DateFormat.isoUTC(asOf), timeZone: zone.identifier,
      asOfDate: CivilDate(dayNumber: zone.localDay(asOf)).iso, minUsers: options.minUsers,
      catalog: CatalogSummary(tracks: catalog.trackCount, genres: genreNames.count),
      users: try usersReport(inputs), dataQuality: Self.dataQuality(inputs.issues),
      ranges: Ranges(days7: ranges[.days7]!, days30: ranges[.days30]!, all: ranges[.all]!))
    let setup = AccumulatorSetup(asOf: asOf, catalog: catalog, options: options)
    let activeUsers = [
      last.activeUsers(lastDays: nil), last.activeUsers(lastDays: 30),
      last.activeUsers(previousDays: 30),
      last.activeUsers(lastDays: 7), last.activeUsers(previousDays: 7),
    ]
    try accumulators.finish(
      into: &report,
      FinishContext(
        setup: setup, inputs: inputs, feedback: feedback, activeUsers: activeUsers,
        tenure: tenure, audience: { audience.value }))
    return report
  }

  /// Adds the sound clusters to a report ``finish(_:)`` made: the clusters, and the ratings of
  /// each cluster's tracks in every range. Nothing without a model (no track has features).
  func add(_ sound: SoundModel?, to report: inout Report) {
    guard let sound else { return }
    report.sound = sound.report
    for range in RangeKey.allCases {
      report.ranges[range].quality?.byCluster = sound.ratings(
        slot: Windows.currentSlot(range), feedback: feedback)
    }
  }

  /// The report for a database without a single valid event: every range empty.
  public static func emptyReport(
    zone: ZoneRules, catalog: Catalog, registeredUsers: Int, issues: RowIssueCounts, minUsers: Int
  ) -> Report {
    func empty(_ range: RangeKey) -> RangeReport {
      RangeReport(
        range: range.rawValue, label: range.label, days: range.days, start: nil, firstDate: nil,
        lastDate: nil, activity: ActivityReport(activeUsers: 0, events: 0, byKind: kindCounts(nil)),
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

  // MARK: Ranges

  private func rangeReport(
    _ range: RangeKey, inputs: FinishInputs, genreNames: [String], spellings: [String],
    counts: DistinctCounts
  ) throws -> RangeReport {
    let slot = Windows.currentSlot(range)
    let index = DistinctCounts.index(range)
    let start = range.days.map { edges.start(days: $0) }
    let activeUsers = last.activeUsers(lastDays: range.days)
    let kinds = activity.byKind(slot: slot)
    let activityReport = ActivityReport(
      activeUsers: activeUsers, events: kinds.reduce(0, +), byKind: Self.kindCounts(kinds))
    let lastDay = options.zone.localDay(asOf)
    let firstDay: Int? =
      if let start { options.zone.localDay(start + 1) } else {
        [activity.firstDay(slot: slot), feedback.firstDay(slot: slot)].compactMap { $0 }.min()
      }
    let daily =
      firstDay.map { dailyPoints(slot: slot, from: $0, through: lastDay, window: (start, asOf)) }
      ?? []
    var previous: PreviousRange?
    if let days = range.days, let previousSlot = Windows.previousSlot(range) {
      let previousKinds = activity.byKind(slot: previousSlot)
      let totals = feedback.totals(slot: previousSlot)
      let window = edges.previous(days: days)
      previous = PreviousRange(
        start: DateFormat.isoUTC(window.after + 1), end: DateFormat.isoUTC(window.through),
        activity: ActivityReport(
          activeUsers: last.activeUsers(previousDays: days), events: previousKinds.reduce(0, +),
          byKind: Self.kindCounts(previousKinds)),
        likes: totals.likes, dislikes: totals.dislikes,
        likeRatio: Rating(likes: totals.likes, dislikes: totals.dislikes).ratio,
        daily: dailyPoints(
          slot: previousSlot, from: options.zone.localDay(window.after + 1),
          through: options.zone.localDay(window.through), window: window))
    }
    let heat = activity.heatmap(slot: slot)
    let (genreList, genresOther) = genreCounts(
      slot: slot, range: index, names: genreNames, counts: counts)
    let (wordList, wordsOther) = wordWeights(
      slot: slot, range: index, spellings: spellings, counts: counts)
    return RangeReport(
      range: range.rawValue, label: range.label, days: range.days,
      start: start.map { DateFormat.isoUTC($0 + 1) },
      firstDate: firstDay.map { CivilDate(dayNumber: $0).iso },
      lastDate: CivilDate(dayNumber: lastDay).iso,
      activity: activityReport,
      genres: genreList, genresOther: genresOther,
      feedback: try feedbackReport(
        slot: slot, range: index, inputs: inputs, genreNames: genreNames, counts: counts),
      daily: daily,
      heatmap: Heatmap(cells: (0..<7).map { Array(heat[($0 * 24)..<($0 * 24 + 24)]) }),
      words: wordList, wordsOther: wordsOther,
      previous: previous)
  }

  static func kindCounts(_ counts: [Int]?) -> [KindCount] {
    ActivityKind.allCases.map { KindCount(kind: $0.name, events: counts?[Int($0.rawValue)] ?? 0) }
  }

  /// One point per day; `window` (exclusive start, inclusive end; `nil` start for all time)
  /// sets the coverage of the edge days.
  private func dailyPoints(
    slot: Int, from first: Int, through lastDay: Int, window: (Int64?, Int64)
  ) -> [DailyPoint] {
    guard first <= lastDay else { return [] }
    let zone = options.zone
    return (first...lastDay).map { day in
      let dayStart = zone.start(ofDay: day)
      let dayEnd = zone.start(ofDay: day + 1)
      let inside = min(dayEnd, window.1 + 1) - max(dayStart, (window.0 ?? Int64.min) + 1)
      let coverage: Double? =
        inside >= dayEnd - dayStart
        ? nil : Rounding.ratio(Double(inside) / Double(dayEnd - dayStart))
      let byKind = (0..<ActivityCounter.kinds).map {
        activity.daily(slot: slot, day: day, kind: $0)
      }
      let (likes, dislikes) = feedback.daily(slot: slot, day: day)
      return DailyPoint(
        date: CivilDate(dayNumber: day).iso, events: byKind.reduce(0, +), byKind: byKind,
        likes: likes, dislikes: dislikes, likeRatio: Rating(likes: likes, dislikes: dislikes).ratio,
        coverage: coverage)
    }
  }
}
