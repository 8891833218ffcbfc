import EventStore
import Formatting

extension AnalyticsEngine {
  /// Turns the accumulated state into a ``Report``.
  public func finish(_ inputs: FinishInputs) throws -> Report {
    let zone = options.zone
    let genreNames = catalog.genreNames.map(ReportText.clean)
    let spellings = words.displaySpellings().map(ReportText.clean)
    var ranges: [RangeKey: RangeReport] = [:]
    for range in RangeKey.allCases {
      ranges[range] = try rangeReport(range, inputs: inputs, genreNames: genreNames, spellings: spellings)
    }
    return Report(
      asOf: DateFormat.isoUTC(asOf), timeZone: zone.identifier,
      asOfDate: CivilDate(dayNumber: zone.localDay(asOf)).iso, minUsers: options.minUsers,
      catalog: CatalogSummary(tracks: catalog.trackCount, genres: genreNames.count),
      users: try usersReport(inputs), dataQuality: Self.dataQuality(inputs.issues),
      ranges: Ranges(days7: ranges[.days7]!, days30: ranges[.days30]!, all: ranges[.all]!))
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
        daily: [], heatmap: Heatmap(cells: Array(repeating: Array(repeating: 0, count: 24), count: 7)),
        words: [], previous: nil)
    }
    return Report(
      asOf: nil, timeZone: zone.identifier, asOfDate: nil, minUsers: minUsers,
      catalog: CatalogSummary(tracks: catalog.trackCount, genres: catalog.genreNames.count),
      users: UsersReport(
        registered: registeredUsers, known: 0, neverActive: registeredUsers, activeLastDay: 0,
        activeLast7Days: 0, activeLast30Days: 0,
        recency: RecencyBucket.spans.map { RecencyBucket(bucket: $0.key, label: $0.label, users: 0) },
        recent: []),
      dataQuality: dataQuality(issues),
      ranges: Ranges(days7: empty(.days7), days30: empty(.days30), all: empty(.all)))
  }

  // MARK: Ranges

  private func rangeReport(
    _ range: RangeKey, inputs: FinishInputs, genreNames: [String], spellings: [String]
  ) throws -> RangeReport {
    let slot = Windows.currentSlot(range)
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
      firstDay.map { dailyPoints(slot: slot, from: $0, through: lastDay, window: (start, asOf)) } ?? []
    var previous: PreviousRange?
    if let days = range.days, let previousSlot = Windows.previousSlot(range) {
      let previousKinds = activity.byKind(slot: previousSlot)
      let totals = feedback.totals(slot: previousSlot)
      let previousStart = edges.start(days: 2 * days)
      previous = PreviousRange(
        start: DateFormat.isoUTC(previousStart),
        activity: ActivityReport(
          activeUsers: last.activeUsers(previousDays: days), events: previousKinds.reduce(0, +),
          byKind: Self.kindCounts(previousKinds)),
        likes: totals.likes, dislikes: totals.dislikes,
        likeRatio: Rating(likes: totals.likes, dislikes: totals.dislikes).ratio,
        daily: dailyPoints(
          slot: previousSlot, from: options.zone.localDay(previousStart + 1),
          through: options.zone.localDay(edges.start(days: days)),
          window: (previousStart, edges.start(days: days))))
    }
    let heat = activity.heatmap(slot: slot)
    let (genreList, genresOther) = genreCounts(slot: slot, after: start, names: genreNames)
    let (wordList, wordsOther) = wordWeights(slot: slot, after: start, spellings: spellings)
    return RangeReport(
      range: range.rawValue, label: range.label, days: range.days,
      start: start.map { DateFormat.isoUTC($0) },
      firstDate: firstDay.map { CivilDate(dayNumber: $0).iso },
      lastDate: CivilDate(dayNumber: lastDay).iso,
      activity: activityReport,
      genres: genreList, genresOther: genresOther,
      feedback: try feedbackReport(slot: slot, inputs: inputs, genreNames: genreNames),
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
        inside >= dayEnd - dayStart ? nil : Rounding.ratio(Double(inside) / Double(dayEnd - dayStart))
      let byKind = (0..<ActivityCounter.kinds).map { activity.daily(slot: slot, day: day, kind: $0) }
      let (likes, dislikes) = feedback.daily(slot: slot, day: day)
      return DailyPoint(
        date: CivilDate(dayNumber: day).iso, events: byKind.reduce(0, +), byKind: byKind,
        likes: likes, dislikes: dislikes, likeRatio: Rating(likes: likes, dislikes: dislikes).ratio,
        coverage: coverage)
    }
  }

  private func genreCounts(slot: Int, after start: Int64?, names: [String])
    -> ([GenreCount], FoldedGroups?)
  {
    let users = genres.users(after: start)
    let events = genres.events(slot: slot)
    let present = names.indices.filter { events[$0] > 0 }
    let shown = present.filter { users[$0] >= options.minUsers }
    let folded = Set(present.filter { users[$0] < options.minUsers }.map(Int32.init))
    let list = shown.map { GenreCount(genre: names[$0], users: users[$0], events: events[$0]) }
      .sorted {
        ($0.users, $0.events) != ($1.users, $1.events)
          ? ($0.users, $0.events) > ($1.users, $1.events) : $0.genre < $1.genre
      }
    let other = fold(folded, pairs: genres.lastEngaged, after: start) { users in
      FoldedGroups(groups: folded.count, users: users, events: folded.map { events[Int($0)] }.reduce(0, +))
    }
    return (list, other)
  }

  /// Folds `groups` (keys in the second half of `pairs`): their distinct users and what `make`
  /// adds, or only their number when together they are backed by fewer than `minUsers` users.
  private func fold(
    _ groups: Set<Int32>, pairs: PairLastSeen, after start: Int64?, make: (Int) -> FoldedGroups
  ) -> FoldedGroups? {
    guard !groups.isEmpty else { return nil }
    let users = pairs.distinctFirsts(after: start) { groups.contains($0) }
    return users >= options.minUsers ? make(users) : FoldedGroups(groups: groups.count, users: nil)
  }

  private func wordWeights(slot: Int, after start: Int64?, spellings: [String])
    -> ([WordWeight], FoldedGroups?)
  {
    let weights = words.weights(after: start)
    let counts = words.counts(slot: slot)
    var ranked: [(term: Int, weight: Int, count: Int32)] = []
    var folded: Set<Int32> = []
    for term in weights.indices where weights[term] > 0 && counts[term] > 0 {
      if weights[term] >= options.minUsers {
        ranked.append((term, weights[term], counts[term]))
      } else {
        folded.insert(Int32(term))
      }
    }
    let terms = words.terms
    ranked.sort {
      if $0.weight != $1.weight { return $0.weight > $1.weight }
      if $0.count != $1.count { return $0.count > $1.count }
      return terms.bytes(at: Int32($0.term)).lexicographicallyPrecedes(terms.bytes(at: Int32($1.term)))
    }
    let list = ranked.prefix(options.topWords).map {
      WordWeight(term: spellings[$0.term], weight: $0.weight, count: Int($0.count))
    }
    let other = fold(folded, pairs: words.lastUsed, after: start) { users in
      FoldedGroups(groups: folded.count, users: users, events: folded.map { Int(counts[Int($0)]) }.reduce(0, +))
    }
    return (list, other)
  }

  // MARK: Feedback

  private func feedbackReport(slot: Int, inputs: FinishInputs, genreNames: [String]) throws
    -> FeedbackReport
  {
    let totals = feedback.totals(slot: slot)
    let start = Windows.range(ofSlot: slot).days.map { edges.start(days: $0) }
    let (genreGroups, byGenreOther) = publishable(
      Self.groups(feedback.byGenre(slot: slot), name: { genreNames[$0] }),
      raters: raters.genres, after: start, second: { Int32($0) })
    let byGenre = genreGroups.sorted(by: Self.byRatio)
    let label = { (index: Int) -> String in
      let text = ReportText.clean(inputs.labels.string(at: Int32(index)))
      return text.isEmpty ? "(not recorded)" : text
    }
    let unrecorded = { (group: RatedGroup) in group.name == "(not recorded)" }
    let (sourceGroups, bySourceOther) = publishable(
      Self.groups(feedback.bySource(slot: slot), name: label),
      raters: raters.labels, after: start, second: { Int32($0 * 2) })
    let (modelGroups, byModelOther) = publishable(
      Self.groups(feedback.byModel(slot: slot), name: label),
      raters: raters.labels, after: start, second: { Int32($0 * 2 + 1) })
    let bySource = sourceGroups.sorted {
      if unrecorded($0) != unrecorded($1) { return unrecorded($1) }
      let (a, b) = ($0.likes + $0.dislikes, $1.likes + $1.dislikes)
      return a != b ? a > b : $0.name < $1.name
    }
    let byModel = modelGroups.sorted {
      unrecorded($0) != unrecorded($1) ? unrecorded($1) : NaturalOrder.precedes($0.name, $1.name)
    }
    let (liked, disliked) = try rankedTracks(slot: slot, after: start, inputs: inputs)
    return FeedbackReport(
      likes: totals.likes, dislikes: totals.dislikes, byGenre: byGenre, bySource: bySource,
      byModel: byModel, mostLiked: liked, mostDisliked: disliked, minRatings: options.minRatings,
      byGenreOther: byGenreOther, bySourceOther: bySourceOther, byModelOther: byModelOther)
  }

  /// Splits rated groups into those rated by at least `minUsers` distinct users and the folded
  /// rest. `second` maps a group's index to its key in `raters`.
  private func publishable(
    _ groups: [(index: Int, group: RatedGroup)], raters pairs: PairLastSeen, after start: Int64?,
    second: (Int) -> Int32
  ) -> ([RatedGroup], FoldedGroups?) {
    var shown: [RatedGroup] = []
    var folded: [(index: Int, group: RatedGroup)] = []
    for item in groups {
      let key = second(item.index)
      let users = pairs.distinctFirsts(after: start) { $0 == key }
      if users >= options.minUsers { shown.append(item.group) } else { folded.append(item) }
    }
    let keys = Set(folded.map { second($0.index) })
    let other = fold(keys, pairs: pairs, after: start) { users in
      FoldedGroups(
        groups: folded.count, users: users, likes: folded.map(\.group.likes).reduce(0, +),
        dislikes: folded.map(\.group.dislikes).reduce(0, +))
    }
    return (shown, other)
  }

  private static func groups(_ counts: [(Int, Int)], name: (Int) -> String)
    -> [(index: Int, group: RatedGroup)]
  {
    counts.enumerated().compactMap { index, count in
      guard count.0 + count.1 > 0 else { return nil }
      return (index, RatedGroup(name: name(index), likes: count.0, dislikes: count.1))
    }
  }

  private static func byRatio(_ a: RatedGroup, _ b: RatedGroup) -> Bool {
    let (ra, rb) = (a.likeRatio ?? -1, b.likeRatio ?? -1)
    if ra != rb { return ra > rb }
    let (na, nb) = (a.likes + a.dislikes, b.likes + b.dislikes)
    return na != nb ? na > nb : a.name < b.name
  }

  private func rankedTracks(slot: Int, after start: Int64?, inputs: FinishInputs) throws
    -> ([RatedTrack], [RatedTrack])
  {
    struct Candidate {
      let track: Int32
      let likes: Int
      let dislikes: Int
      let likeLower: Double
      let dislikeLower: Double
    }
    var candidates: [Candidate] = []
    for track in 0..<catalog.trackCount {
      let (likes, dislikes) = feedback.track(track, slot: slot)
      let n = likes + dislikes
      guard n >= max(1, options.minRatings),
        raters.tracks.hasEnoughRaters(track: track, after: start)
      else { continue }
      let interval = WilsonInterval(successes: likes, trials: n)!
      candidates.append(
        Candidate(
          track: Int32(track), likes: likes, dislikes: dislikes, likeLower: interval.lower,
          dislikeLower: 1 - interval.upper))
    }
    let ids = { (c: Candidate) in catalog.tracks.string(at: c.track) }
    func top(_ score: (Candidate) -> Double) -> [Candidate] {
      Array(
        candidates.sorted {
          let (a, b) = (score($0), score($1))
          if a != b { return a > b }
          let (na, nb) = ($0.likes + $0.dislikes, $1.likes + $1.dislikes)
          return na != nb ? na > nb : ids($0) < ids($1)
        }.prefix(options.topTracks))
    }
    let liked = top(\.likeLower)
    let disliked = top(\.dislikeLower)
    let details = try inputs.trackDetails((liked + disliked).map(ids))
    let rated = { (c: Candidate) -> RatedTrack in
      let id = ids(c)
      let detail = details[id]
      return RatedTrack(
        trackId: ReportText.clean(id), title: ReportText.clean(detail?.title ?? id),
        artist: ReportText.clean(detail?.artist ?? ""), likes: c.likes, dislikes: c.dislikes)
    }
    return (liked.map(rated), disliked.map(rated))
  }

  // MARK: Users

  private func usersReport(_ inputs: FinishInputs) throws -> UsersReport {
    var buckets = Array(repeating: 0, count: RecencyBucket.spans.count)
    var known = 0
    for time in last.lastTime where time > 0 {
      known += 1
      let days = Int((asOf - time) / 86_400)
      let bucket = RecencyBucket.spans.firstIndex { days >= $0.from && days < $0.to }!
      buckets[bucket] += 1
    }
    return UsersReport(
      registered: inputs.registeredUsers, known: known, neverActive: inputs.neverActiveUsers,
      activeLastDay: last.activeUsers(lastDays: 1), activeLast7Days: last.activeUsers(lastDays: 7),
      activeLast30Days: last.activeUsers(lastDays: 30),
      recency: RecencyBucket.spans.enumerated().map {
        RecencyBucket(bucket: $1.key, label: $1.label, users: buckets[$0])
      },
      recent: try recentUsers(inputs))
  }

  private func recentUsers(_ inputs: FinishInputs) throws -> [RecentUser] {
    let wanted = options.recentUsers
    guard wanted > 0 else { return [] }
    let seen = last.lastTime.indices.filter { last.lastTime[$0] > 0 }
    let times = seen.map { last.lastTime[$0] }.sorted(by: >)
    guard let cutoff = times.prefix(wanted).last else { return [] }
    let candidates = seen.filter { last.lastTime[$0] >= cutoff }
    let ids = candidates.map { inputs.users.string(at: Int32($0)) }
    let labels = try inputs.userLabel(ids)
    let rows = zip(candidates, ids).map { user, id in
      (
        time: last.lastTime[user], label: ReportText.clean(labels[id] ?? "unknown"),
        kind: LastActivity.LastKind(rawValue: last.lastKind[user])!.name
      )
    }
    return rows.sorted { $0.time != $1.time ? $0.time > $1.time : $0.label < $1.label }
      .prefix(wanted)
      .map { RecentUser(user: $0.label, lastSeen: DateFormat.isoUTC($0.time), kind: $0.kind) }
  }

  // MARK: Data quality

  static func dataQuality(_ counts: RowIssueCounts) -> DataQualityReport {
    var issues: [DataIssue] = []
    var skipped = 0
    var kept = 0
    for table in EventTable.allCases {
      for issue in RowIssue.allCases {
        let rows = counts.count(issue, in: table)
        guard rows > 0 else { continue }
        issues.append(
          DataIssue(
            table: table.rawValue, issue: issue.rawValue, description: issue.summary, rows: rows,
            skipped: issue.isSkipped))
        if issue.isSkipped { skipped += rows } else { kept += rows }
      }
    }
    return DataQualityReport(issues: issues, skippedRows: skipped, keptRows: kept)
  }
}
