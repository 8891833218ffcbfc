import Experiments
import Formatting
import ReportModel
import Workers

extension ModelExperiments {
  /// Writes each range's comparisons (``RangeReport/experiments``): every pair of the versions
  /// its "by model version" chart shows, so it finishes after ``FeedbackTally``.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let names = labelNames(context)
    let (users, lastDay, minUsers) =
      (context.inputs.users.count, context.setup.lastDay, context.setup.options.minUsers)
    let ranges = RangeKey.allCases
    let feedback = ranges.map { report.ranges[$0].feedback }
    // The ranges are independent of each other: compared side by side, each with its scratch.
    let experiments = IndexLoops.map(context.loop, ranges.count) { [self] index in
      var tallies = ListenerTallies(users: users)
      let days = DaySpan(
        first: ranges[index].days.map { lastDay - $0 + 1 }, last: lastDay, records: records)
      return comparisons(
        feedback: feedback[index], days: days, names: names, minUsers: minUsers,
        tallies: &tallies)
    }
    for (range, comparisons) in zip(ranges, experiments) {
      report.ranges[range].experiments = comparisons
    }
  }

  /// `[label]`: each label's name as the charts show it.
  private func labelNames(_ context: FinishContext) -> [String] {
    (0..<context.inputs.labels.count).map { FeedbackTally.labelName(context.inputs, $0) }
  }

  /// One range's comparisons.
  private func comparisons(
    feedback: FeedbackReport, days: DaySpan, names: [String], minUsers: Int,
    tallies: inout ListenerTallies
  ) -> [ModelComparison] {
    let shownModels = Set(feedback.byModel.map(\.name)).subtracting([FeedbackTally.unrecorded])
    let sources = feedback.bySource.map(\.name).filter { $0 != FeedbackTally.unrecorded }
    var served: [Int32: [Bool]] = [:]
    for (key, list) in zip(pairs, records) {
      let model = Self.labels(of: key).model
      guard shownModels.contains(names[Int(model)]) else { continue }
      days.mark(list, in: &served[model, default: days.empty])
    }
    let models = served.filter { $0.value.contains(true) }.keys.sorted {
      let (a, b) = (firstRating[Int($0)], firstRating[Int($1)])
      return a != b ? a < b : names[Int($0)] < names[Int($1)]
    }
    var result: [ModelComparison] = []
    for (i, a) in models.enumerated() {
      for b in models[(i + 1)...] {
        let pair = VersionPair(a: a, b: b, served: (served[a]!, served[b]!), days: days)
        result.append(
          compare(pair, sources: sources, names: names, minUsers: minUsers, tallies: &tallies))
      }
    }
    return result
  }

  /// One pair's comparison: over all sources, then per source.
  private func compare(
    _ pair: VersionPair, sources: [String], names: [String], minUsers: Int,
    tallies: inout ListenerTallies
  ) -> ModelComparison {
    guard let overlap = pair.overlapSpan else {
      return ModelComparison(
        a: names[Int(pair.a)], b: names[Int(pair.b)], status: .neverSideBySide, overlap: nil,
        versions: pair.versions(names: names, sums: nil), result: .withheld, bySource: [])
    }
    let whole = sums(pair, source: nil, names: names, tallies: &tallies)
    let shown = Self.isPublishable(whole, minUsers: minUsers)
    var bySource: [SourceComparison] = []
    for source in sources {
      let part = sums(pair, source: source, names: names, tallies: &tallies)
      guard part.a.ratings > 0, part.b.ratings > 0 else { continue }
      let partShown = Self.isPublishable(part, minUsers: minUsers)
      bySource.append(
        SourceComparison(
          source: source, status: partShown ? .compared : .tooFewListeners,
          listeners: partShown ? part.listeners : nil,
          versions: pair.versions(names: names, sums: partShown ? part : nil),
          result: partShown ? Self.result(part.comparison) : .withheld))
    }
    return ModelComparison(
      a: names[Int(pair.a)], b: names[Int(pair.b)], status: shown ? .compared : .tooFewListeners,
      overlap: ComparisonOverlap(
        firstDay: CivilDate(dayNumber: overlap.first).iso,
        lastDay: CivilDate(dayNumber: overlap.last).iso, days: overlap.count,
        listeners: shown ? whole.listeners : nil),
      versions: pair.versions(names: names, sums: shown ? whole : nil),
      result: shown ? Self.result(whole.comparison) : .withheld, bySource: bySource)
  }

  /// The privacy rule: at least `minUsers` listeners with counted ratings on each side.
  private static func isPublishable(_ sums: ComparisonSums, minUsers: Int) -> Bool {
    sums.a.listeners >= minUsers && sums.b.listeners >= minUsers
  }

  /// The sums of the pair's ratings on its overlap days, from one source or (`nil`) all.
  private func sums(
    _ pair: VersionPair, source: String?, names: [String], tallies: inout ListenerTallies
  ) -> ComparisonSums {
    for (key, list) in zip(pairs, records) {
      let labels = Self.labels(of: key)
      guard labels.model == pair.a || labels.model == pair.b,
        source.map({ names[Int(labels.source)] == $0 }) ?? true
      else { continue }
      tallies.count(list, side: labels.model == pair.a ? 0 : 1, where: pair.isOverlapDay)
    }
    return tallies.collect()
  }

  /// The report's form of a comparison: d and the bounds to 6 decimals, the p-value to 6
  /// significant digits.
  private static func result(_ comparison: VersionComparison) -> ComparisonResult {
    let bounds = { (interval: DifferenceInterval?) in
      interval.map { [Rounding.ratio($0.lower), Rounding.ratio($0.upper)] }
    }
    let verdict: ComparisonVerdict =
      switch comparison.verdict {
      case .better: .better
      case .worse: .worse
      case .undecided: .undecided
      }
    return ComparisonResult(
      difference: comparison.difference.map(Rounding.ratio), ci95: bounds(comparison.ci95),
      alwaysValid95: bounds(comparison.alwaysValid95),
      pValue: comparison.pValue.map(Rounding.significant), verdict: verdict)
  }
}
