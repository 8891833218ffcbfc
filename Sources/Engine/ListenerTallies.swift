import Experiments

/// Per-listener likes and ratings of the two versions of a comparison, gathered from rating
/// records into arrays indexed by listener and turned into ``ComparisonSums``: the scratch space
/// ``ModelExperiments`` reuses for every comparison of a build.
struct ListenerTallies {
  /// `[side][user]`: likes (side 0 is A, 1 is B).
  private var likes: [[Int]]
  /// `[side][user]`: ratings.
  private var ratings: [[Int]]
  /// The listeners with a tally since the last ``collect()``, each once.
  private var touched: [Int] = []

  /// Room for `users` listeners (more are added as records name them).
  init(users: Int) {
    likes = Array(repeating: Array(repeating: 0, count: users), count: 2)
    ratings = likes
  }

  /// Counts the records whose day passes `keep` for side 0 (A) or 1 (B).
  mutating func count(_ records: [UInt64], side: Int, where keep: (Int) -> Bool) {
    for record in records where keep(ModelExperiments.day(record)) {
      let user = ModelExperiments.user(record)
      if user >= ratings[0].count { grow(to: user + 1) }
      if ratings[0][user] == 0 && ratings[1][user] == 0 { touched.append(user) }
      ratings[side][user] += 1
      if ModelExperiments.isLike(record) { likes[side][user] += 1 }
    }
  }

  /// The sums of every tally counted since the last call; the tallies start again from zero.
  mutating func collect() -> ComparisonSums {
    var sums = ComparisonSums()
    for user in touched {
      sums.add(
        ListenerTally(
          likesA: likes[0][user], ratingsA: ratings[0][user], likesB: likes[1][user],
          ratingsB: ratings[1][user]))
      for side in 0..<2 { (likes[side][user], ratings[side][user]) = (0, 0) }
    }
    touched.removeAll(keepingCapacity: true)
    return sums
  }

  private mutating func grow(to users: Int) {
    for side in 0..<2 {
      likes[side].append(contentsOf: repeatElement(0, count: users - likes[side].count))
      ratings[side].append(contentsOf: repeatElement(0, count: users - ratings[side].count))
    }
  }
}
