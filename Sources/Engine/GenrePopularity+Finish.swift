import ReportModel

extension GenrePopularity {
  /// Writes each range's genres with enough listeners, ranked by listeners, then engagements,
  /// then name, and the folded rest.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let folding = GroupFolding(minUsers: context.setup.options.minUsers)
    let names = context.genreNames
    for range in RangeKey.allCases {
      let index = DistinctCounts.index(range)
      let users = context.counts.genreUsers[index]
      let engagements = events(slot: Windows.currentSlot(range))
      let present = names.indices.filter { engagements[$0] > 0 }
      let shown = present.filter { users[$0] >= folding.minUsers }
      let folded = present.filter { users[$0] < folding.minUsers }
      report.ranges[range].genres = shown.map {
        GenreCount(genre: names[$0], users: users[$0], events: engagements[$0])
      }
      .sorted {
        ($0.users, $0.events) != ($1.users, $1.events)
          ? ($0.users, $0.events) > ($1.users, $1.events) : $0.genre < $1.genre
      }
      report.ranges[range].genresOther = folding.fold(
        folded.count, users: context.counts.foldedGenreUsers[index]
      ) { users in
        FoldedGroups(
          groups: folded.count, users: users, events: folded.map { engagements[$0] }.reduce(0, +))
      }
    }
  }
}
