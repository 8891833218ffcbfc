import ReportModel

/// Every distinct-user count the finish needs, for the three ranges at once: listeners per
/// genre and per term, raters per genre, source and model, and the users behind the groups that
/// privacy folds. Each count is one pass over a pair table, however many ranges and groups.
struct DistinctCounts {
  /// The ranges, in the order of the arrays below.
  static let ranges: [RangeKey] = [.days7, .days30, .all]

  /// `[range][genre]`: users with an engagement.
  let genreUsers: [[Int]]
  /// `[range][term]`: users who used the term.
  let termUsers: [[Int]]
  /// `[range][genre]`: users who rated a track of the genre.
  let genreRaters: [[Int]]
  /// `[range][label × 2 + (0 source | 1 model)]`: users who rated with that label.
  let labelRaters: [[Int]]
  /// Per range: the users behind the folded genres, terms, rated genres, sources and models.
  let foldedGenreUsers: [Int]
  let foldedTermUsers: [Int]
  let foldedRatedGenreUsers: [Int]
  let foldedSourceUsers: [Int]
  let foldedModelUsers: [Int]

  init(_ engine: AnalyticsEngine) {
    let starts = Self.ranges.map { range in range.days.map { engine.edges.start(days: $0) } }
    let slots = Self.ranges.map { Windows.currentSlot($0) }
    let genres = engine.catalog.genreNames.count
    let k = engine.options.minUsers
    let genreUsers = engine.genres.lastEngaged.distinctUsers(after: starts, seconds: genres)
    let termUsers = engine.words.lastUsed.distinctUsers(
      after: starts, seconds: engine.words.terms.count)
    let genreRaters = engine.raters.genres.distinctUsers(after: starts, seconds: genres)
    let labelKeys = (engine.feedback.bySource(slot: 0).count) * 2
    let labelRaters = engine.raters.labels.distinctUsers(after: starts, seconds: labelKeys)

    // The groups each range folds: present in the range, backed by fewer than k users.
    var foldedGenres: [[Bool]] = []
    var foldedTerms: [[Bool]] = []
    var foldedRated: [[Bool]] = []
    var foldedSources: [[Bool]] = []
    var foldedModels: [[Bool]] = []
    for (range, slot) in slots.enumerated() {
      let events = engine.genres.events(slot: slot)
      foldedGenres.append(events.indices.map { events[$0] > 0 && genreUsers[range][$0] < k })
      let counts = engine.words.counts(slot: slot)
      foldedTerms.append(
        counts.indices.map {
          counts[$0] > 0 && termUsers[range][$0] > 0 && termUsers[range][$0] < k
        })
      let rated = engine.feedback.byGenre(slot: slot)
      foldedRated.append(
        rated.indices.map { rated[$0].0 + rated[$0].1 > 0 && genreRaters[range][$0] < k })
      let sources = engine.feedback.bySource(slot: slot)
      let models = engine.feedback.byModel(slot: slot)
      var sourceKeys = Array(repeating: false, count: labelKeys)
      var modelKeys = Array(repeating: false, count: labelKeys)
      for label in 0..<(labelKeys / 2) {
        sourceKeys[label * 2] =
          sources[label].0 + sources[label].1 > 0 && labelRaters[range][label * 2] < k
        modelKeys[label * 2 + 1] =
          models[label].0 + models[label].1 > 0 && labelRaters[range][label * 2 + 1] < k
      }
      foldedSources.append(sourceKeys)
      foldedModels.append(modelKeys)
    }
    self.genreUsers = genreUsers
    self.termUsers = termUsers
    self.genreRaters = genreRaters
    self.labelRaters = labelRaters
    foldedGenreUsers = engine.genres.lastEngaged.distinctUsers(Array(zip(starts, foldedGenres)))
    foldedTermUsers = engine.words.lastUsed.distinctUsers(Array(zip(starts, foldedTerms)))
    foldedRatedGenreUsers = engine.raters.genres.distinctUsers(Array(zip(starts, foldedRated)))
    let labelUsers = engine.raters.labels.distinctUsers(
      Array(zip(starts + starts, foldedSources + foldedModels)))
    foldedSourceUsers = Array(labelUsers[..<starts.count])
    foldedModelUsers = Array(labelUsers[starts.count...])
  }

  /// The position of `range` in the arrays.
  static func index(_ range: RangeKey) -> Int { ranges.firstIndex(of: range)! }
}
