import EventStore
import ReportModel

extension AnalyticsEngine {
  // MARK: Feedback

  /// Likes and dislikes of a range: in total, by genre, source and model, and the top tracks.
  func feedbackReport(
    slot: Int, range: Int, inputs: FinishInputs, genreNames: [String], counts: DistinctCounts
  ) throws -> FeedbackReport {
    let totals = feedback.totals(slot: slot)
    let start = Windows.range(ofSlot: slot).days.map { edges.start(days: $0) }
    let (genreGroups, byGenreOther) = publishable(
      Self.groups(feedback.byGenre(slot: slot), name: { genreNames[$0] }),
      raters: { counts.genreRaters[range][$0] }, foldedUsers: counts.foldedRatedGenreUsers[range])
    let byGenre = genreGroups.sorted(by: Self.byRatio)
    let label = { (index: Int) -> String in
      let text = ReportText.clean(inputs.labels.string(at: Int32(index)))
      return text.isEmpty ? "(not recorded)" : text
    }
    let unrecorded = { (group: RatedGroup) in group.name == "(not recorded)" }
    let (sourceGroups, bySourceOther) = publishable(
      Self.groups(feedback.bySource(slot: slot), name: label),
      raters: { counts.labelRaters[range][$0 * 2] }, foldedUsers: counts.foldedSourceUsers[range])
    let (modelGroups, byModelOther) = publishable(
      Self.groups(feedback.byModel(slot: slot), name: label),
      raters: { counts.labelRaters[range][$0 * 2 + 1] }, foldedUsers: counts.foldedModelUsers[range]
    )
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

  /// Splits rated groups into those rated by at least `minUsers` distinct users (`raters` gives
  /// a group's raters by index) and the folded rest, backed by `foldedUsers` together.
  private func publishable(
    _ groups: [(index: Int, group: RatedGroup)], raters: (Int) -> Int, foldedUsers: Int
  ) -> ([RatedGroup], FoldedGroups?) {
    var shown: [RatedGroup] = []
    var folded: [(index: Int, group: RatedGroup)] = []
    for item in groups {
      if raters(item.index) >= options.minUsers {
        shown.append(item.group)
      } else {
        folded.append(item)
      }
    }
    let other = fold(folded.count, users: foldedUsers) { users in
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
}
