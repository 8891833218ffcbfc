import ReportModel

extension TrackExposure {
  /// Tracks played, coverage, Gini of ratings and popularity bias, from per-track counts of one
  /// range (`[track]`, catalog order; `idRank` breaks ties in plays, see ``idRank(_:)``).
  ///
  /// - *Gini* of the ratings (likes + dislikes) over every catalog track, unrated ones
  ///   included: with the n counts in ascending order x₁ ≤ … ≤ xₙ and their sum T,
  ///   G = 2·Σ i·xᵢ ÷ (n·T) − (n + 1) ÷ n; `nil` without a rating.
  /// - *Head*: the most-played tracks, ties by id, taken one at a time while the plays taken
  ///   are under ``headShare`` of the range's plays; every other track is the *tail*, and the
  ///   tail share is the tail's ratings over all ratings.
  ///
  /// Both orders are walked through counts of equal values (one pass over the tracks and one
  /// over the distinct values), not by sorting the tracks: only the tracks that share the play
  /// count where the head ends are sorted, by id. Σ i·xᵢ is summed a run of equal values at a
  /// time; every partial sum is a whole number below 2⁵³ for any catalog and rating count
  /// TuneDash meets, so it is exact, and the same as summing track by track.
  static func quality(plays: [Int], likes: [Int], dislikes: [Int], idRank: [Int]) -> QualityReport {
    let n = plays.count
    var ratings = [Int](repeating: 0, count: n)
    var (rated, total, playedTracks, allPlays) = (0, 0, 0, 0)
    for track in 0..<n {
      ratings[track] = likes[track] + dislikes[track]
      if ratings[track] > 0 { (rated, total) = (rated + 1, total + ratings[track]) }
      if plays[track] > 0 { (playedTracks, allPlays) = (playedTracks + 1, allPlays + plays[track]) }
    }
    var gini: Double?
    if total > 0 {
      // In ascending order the unrated tracks come first and add nothing to the weighted sum.
      var position = Double(n - rated)
      var weighted = 0.0
      for (value, count) in ValueCounts(ratings) {
        let run = Double(count)
        weighted += Double(value) * (run * position + run * (run + 1) / 2)
        position += run
      }
      gini = Rounding.ratio(2 * weighted / (Double(n) * Double(total)) - Double(n + 1) / Double(n))
    }
    var report = QualityReport(
      ratedTracks: rated, playedTracks: playedTracks, catalogTracks: n,
      coverage: n == 0 ? nil : Rounding.ratio(Double(rated) / Double(n)), gini: gini)
    guard allPlays > 0 && total > 0 else { return report }

    // The head: whole runs of equal play counts from the most played down, then, where the
    // share is reached inside a run, that run's first tracks by id.
    let threshold = headShare * Double(allPlays)
    var (held, headTracks) = (0, 0)
    var lowestWhole = Int.max  // the fewest plays of a run wholly in the head
    var partial: (plays: Int, taken: Int)?
    for (value, count) in ValueCounts(plays).reversed() {
      guard Double(held) < threshold else { break }
      var taken = 0
      while taken < count && Double(held) < threshold { (held, taken) = (held + value, taken + 1) }
      headTracks += taken
      if taken == count {
        lowestWhole = value
      } else {
        partial = (value, taken)
        break
      }
    }
    var inPartialHead = Set<Int>()
    if let partial {
      let run = plays.indices.filter { plays[$0] == partial.plays }
      inPartialHead = Set(run.sorted { idRank[$0] < idRank[$1] }.prefix(partial.taken))
    }
    var (headLikes, headDislikes, tailLikes, tailDislikes) = (0, 0, 0, 0)
    for track in 0..<n where ratings[track] > 0 {
      if plays[track] >= lowestWhole || inPartialHead.contains(track) {
        (headLikes, headDislikes) = (headLikes + likes[track], headDislikes + dislikes[track])
      } else {
        (tailLikes, tailDislikes) = (tailLikes + likes[track], tailDislikes + dislikes[track])
      }
    }
    report.headTracks = headTracks
    report.tailShare = Rounding.ratio(Double(tailLikes + tailDislikes) / Double(total))
    report.head = RatedGroup(name: "head", likes: headLikes, dislikes: headDislikes)
    report.tail = RatedGroup(name: "tail", likes: tailLikes, dislikes: tailDislikes)
    return report
  }
}

/// The distinct positive values of a list of counts, ascending, each with how often it occurs:
/// a counting sort through an array as long as the largest value when that is not much longer
/// than the list (as counts of plays and ratings are), otherwise through a sort of the values.
struct ValueCounts: RandomAccessCollection {
  private let runs: [(value: Int, count: Int)]

  init(_ values: [Int]) {
    let largest = values.max() ?? 0
    var runs: [(value: Int, count: Int)] = []
    if largest <= 4 * values.count + 1024 {
      var counts = [Int](repeating: 0, count: largest + 1)
      for value in values where value > 0 { counts[value] += 1 }
      for value in counts.indices where counts[value] > 0 { runs.append((value, counts[value])) }
    } else {
      for value in values.filter({ $0 > 0 }).sorted() {
        if runs.last?.value == value {
          runs[runs.count - 1].count += 1
        } else {
          runs.append((value, 1))
        }
      }
    }
    self.runs = runs
  }

  var startIndex: Int { runs.startIndex }
  var endIndex: Int { runs.endIndex }
  subscript(position: Int) -> (value: Int, count: Int) { runs[position] }
}
