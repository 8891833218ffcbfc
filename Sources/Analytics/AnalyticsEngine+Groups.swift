import EventStore
import ReportModel

extension AnalyticsEngine {
  /// The genres of a range with enough listeners, ranked, and the folded rest.
  func genreCounts(slot: Int, range: Int, names: [String], counts: DistinctCounts)
    -> ([GenreCount], FoldedGroups?)
  {
    let users = counts.genreUsers[range]
    let events = genres.events(slot: slot)
    let present = names.indices.filter { events[$0] > 0 }
    let shown = present.filter { users[$0] >= options.minUsers }
    let folded = present.filter { users[$0] < options.minUsers }
    let list = shown.map { GenreCount(genre: names[$0], users: users[$0], events: events[$0]) }
      .sorted {
        ($0.users, $0.events) != ($1.users, $1.events)
          ? ($0.users, $0.events) > ($1.users, $1.events) : $0.genre < $1.genre
      }
    let other = fold(folded.count, users: counts.foldedGenreUsers[range]) { users in
      FoldedGroups(
        groups: folded.count, users: users, events: folded.map { events[$0] }.reduce(0, +))
    }
    return (list, other)
  }

  /// Folded groups: `make`'s sums when together they are backed by at least `minUsers` users,
  /// else only their number; `nil` when nothing was folded.
  func fold(_ groups: Int, users: Int, make: (Int) -> FoldedGroups) -> FoldedGroups? {
    guard groups > 0 else { return nil }
    return users >= options.minUsers ? make(users) : FoldedGroups(groups: groups, users: nil)
  }

  /// The terms of a range used by enough listeners, ranked, and the folded rest.
  func wordWeights(slot: Int, range: Int, spellings: [String], counts distinct: DistinctCounts)
    -> ([WordWeight], FoldedGroups?)
  {
    let weights = distinct.termUsers[range]
    let counts = words.counts(slot: slot)
    var ranked: [(term: Int, weight: Int, count: Int32)] = []
    var folded: [Int] = []
    for term in weights.indices where weights[term] > 0 && counts[term] > 0 {
      if weights[term] >= options.minUsers {
        ranked.append((term, weights[term], counts[term]))
      } else {
        folded.append(term)
      }
    }
    let terms = words.terms
    ranked.sort {
      if $0.weight != $1.weight { return $0.weight > $1.weight }
      if $0.count != $1.count { return $0.count > $1.count }
      return terms.bytes(at: Int32($0.term)).lexicographicallyPrecedes(
        terms.bytes(at: Int32($1.term)))
    }
    let list = ranked.prefix(options.topWords).map {
      WordWeight(term: spellings[$0.term], weight: $0.weight, count: Int($0.count))
    }
    let other = fold(folded.count, users: distinct.foldedTermUsers[range]) { users in
      FoldedGroups(
        groups: folded.count, users: users, events: folded.map { Int(counts[$0]) }.reduce(0, +))
    }
    return (list, other)
  }
}
