import ReportModel

extension WordCounter {
  /// Writes each range's terms used by enough listeners, ranked by listeners, then uses, then
  /// bytes, in their commonest spelling, and the folded rest.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let folding = GroupFolding(minUsers: context.setup.options.minUsers)
    let spellings = displaySpellings().map(ReportText.clean)
    for range in RangeKey.allCases {
      let index = DistinctCounts.index(range)
      let weights = context.counts.termUsers[index]
      let uses = counts(slot: Windows.currentSlot(range))
      var ranked: [(term: Int, weight: Int, count: Int32)] = []
      var folded: [Int] = []
      for term in weights.indices where weights[term] > 0 && uses[term] > 0 {
        if weights[term] >= folding.minUsers {
          ranked.append((term, weights[term], uses[term]))
        } else {
          folded.append(term)
        }
      }
      ranked.sort {
        if $0.weight != $1.weight { return $0.weight > $1.weight }
        if $0.count != $1.count { return $0.count > $1.count }
        return terms.bytes(at: Int32($0.term)).lexicographicallyPrecedes(
          terms.bytes(at: Int32($1.term)))
      }
      report.ranges[range].words = ranked.prefix(context.setup.options.topWords).map {
        WordWeight(term: spellings[$0.term], weight: $0.weight, count: Int($0.count))
      }
      report.ranges[range].wordsOther = folding.fold(
        folded.count, users: context.counts.foldedTermUsers[index]
      ) { users in
        FoldedGroups(
          groups: folded.count, users: users, events: folded.map { Int(uses[$0]) }.reduce(0, +))
      }
    }
  }
}
