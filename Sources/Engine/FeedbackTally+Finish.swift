import EventStore
import ReportModel

extension FeedbackTally {
  /// The name a missing source or model is shown with.
  static let unrecorded = "(not recorded)"

  /// The name label `index` (a source or a model) is shown with: as interned, already as the
  /// report shows it (`FeedbackValidator.labelText`), or ``unrecorded`` when empty.
  static func labelName(_ inputs: FinishInputs, _ index: Int) -> String {
    let text = inputs.labels.string(at: Int32(index))
    return text.isEmpty ? unrecorded : text
  }

  /// Writes each range's likes and dislikes: in total, by genre, source and model (groups with
  /// too few distinct raters folded; ``RaterCounts`` counted them), and the most liked and
  /// disliked tracks (a track on one of the two lists at most).
  func finish(into report: inout Report, _ context: FinishContext) throws {
    for range in RangeKey.allCases {
      report.ranges[range].feedback = try feedbackReport(
        slot: Windows.currentSlot(range), range: DistinctCounts.index(range), context)
    }
  }

  /// Likes and dislikes of a range: in total, by genre, source and model, and the top tracks.
  private func feedbackReport(slot: Int, range: Int, _ context: FinishContext) throws
    -> FeedbackReport
  {
    let (inputs, counts, genreNames) = (context.inputs, context.counts, context.genreNames)
    let folding = GroupFolding(minUsers: context.setup.options.minUsers)
    let totals = self.totals(slot: slot)
    let start = Windows.range(ofSlot: slot).days.map { context.setup.edges.start(days: $0) }
    let (genreGroups, byGenreOther) = folding.publishable(
      Self.groups(byGenre(slot: slot), name: { genreNames[$0] }),
      raters: { counts.genreRaters[range][$0] }, foldedUsers: counts.foldedRatedGenreUsers[range])
    let genresShown = genreGroups.sorted(by: Self.byRatio)
    let label = { (index: Int) in Self.labelName(inputs, index) }
    let unrecorded = { (group: RatedGroup) in group.name == Self.unrecorded }
    let (sourceGroups, bySourceOther) = folding.publishable(
      Self.groups(bySource(slot: slot), name: label),
      raters: { counts.labelRaters[range][$0 * 2] }, foldedUsers: counts.foldedSourceUsers[range])
    let (modelGroups, byModelOther) = folding.publishable(
      Self.groups(byModel(slot: slot), name: label),
      raters: { counts.labelRaters[range][$0 * 2 + 1] }, foldedUsers: counts.foldedModelUsers[range]
    )
    let sourcesShown = sourceGroups.sorted {
      if unrecorded($0) != unrecorded($1) { return unrecorded($1) }
      let (a, b) = ($0.likes + $0.dislikes, $1.likes + $1.dislikes)
      return a != b ? a > b : $0.name < $1.name
    }
    let modelsShown = modelGroups.sorted {
      unrecorded($0) != unrecorded($1) ? unrecorded($1) : NaturalOrder.precedes($0.name, $1.name)
    }
    let (liked, disliked) = try rankedTracks(slot: slot, after: start, context)
    return FeedbackReport(
      likes: totals.likes, dislikes: totals.dislikes, byGenre: genresShown, bySource: sourcesShown,
      byModel: modelsShown, mostLiked: liked, mostDisliked: disliked,
      minRatings: context.setup.options.minRatings,
      byGenreOther: byGenreOther, bySourceOther: bySourceOther, byModelOther: byModelOther)
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

  private func rankedTracks(slot: Int, after start: Int64?, _ context: FinishContext) throws
    -> ([RatedTrack], [RatedTrack])
  {
    let (catalog, options) = (context.setup.catalog, context.setup.options)
    struct Candidate {
      let track: Int32
      let likes: Int
      let dislikes: Int
      let likeLower: Double
      let dislikeLower: Double
    }
    var candidates: [Candidate] = []
    for track in 0..<catalog.trackCount {
      let (likes, dislikes) = self.track(track, slot: slot)
      let n = likes + dislikes
      guard n >= max(1, options.minRatings),
        context.raters.tracks.hasEnoughRaters(track: track, after: start)
      else { continue }
      let interval = WilsonInterval(successes: likes, trials: n)!
      candidates.append(
        Candidate(
          track: Int32(track), likes: likes, dislikes: dislikes, likeLower: interval.lower,
          dislikeLower: 1 - interval.upper))
    }
    let ids = { (c: Candidate) in catalog.tracks.string(at: c.track) }
    func top(_ side: [Candidate], by score: (Candidate) -> Double) -> [Candidate] {
      TopSelection.first(options.topTracks, of: side) {
        let (a, b) = (score($0), score($1))
        if a != b { return a > b }
        let (na, nb) = ($0.likes + $0.dislikes, $1.likes + $1.dislikes)
        return na != nb ? na > nb : ids($0) < ids($1)
      }
    }
    // A track is on one side at most: liked more often than disliked, or the other way round
    // (a track as often liked as disliked is on neither). Otherwise, with few tracks ranked,
    // the same well-liked track would top one list and close the other.
    let liked = top(candidates.filter { $0.likes > $0.dislikes }, by: \.likeLower)
    let disliked = top(candidates.filter { $0.dislikes > $0.likes }, by: \.dislikeLower)
    let details = try context.inputs.trackDetails((liked + disliked).map(ids))
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
