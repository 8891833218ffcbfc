import DemoData
import ReportModel
import Testing

@testable import Engine

/// The quality figures of one range from per-track counts: Gini of the ratings, coverage, and
/// the popularity head (most-played tracks, ties by id, until 80% of the plays) against the tail.
@Suite("Track quality figures")
struct TrackQualityTests {
  @Test func giniCoverageAndAHeadOfWholeRuns() {
    // Ratings 2, 1, 1, 0, 1: ascending 0 1 1 1 2, Σ i·x = 2 + 3 + 4 + 10 = 19, n = 5, T = 5:
    // G = 38/25 − 6/5 = 0.32. Plays 5 3 3 0 1 (12 in all, 80% = 9.6): 5, then 8, then 11 —
    // both tracks with 3 plays are taken, and the head holds tracks 0, 1, 2.
    let quality = TrackExposure.quality(
      plays: [5, 3, 3, 0, 1], likes: [2, 0, 1, 0, 1], dislikes: [0, 1, 0, 0, 0],
      idRank: [0, 1, 2, 3, 4])
    #expect(quality.gini == 0.32)
    #expect(quality.ratedTracks == 4)
    #expect(quality.playedTracks == 4)
    #expect(quality.coverage == 0.8)
    #expect(quality.headTracks == 3)
    #expect(quality.head == RatedGroup(name: "head", likes: 3, dislikes: 1))
    #expect(quality.tail == RatedGroup(name: "tail", likes: 1, dislikes: 0))
    #expect(quality.tailShare == 0.2)
  }

  @Test func aHeadThatEndsInsideARunTakesItsTracksByID() {
    // Plays 10 2 2 2 0 (16 in all, 80% = 12.8): 10, 12, 14 — two of the three tracks with 2
    // plays, the two first by id: ranks 1 and 2 are tracks 2 and 3, so track 1 is in the tail.
    // Every track has one like: G = 2·15/25 − 6/5 = 0; the tail (tracks 1 and 4) holds 2 of 5.
    let quality = TrackExposure.quality(
      plays: [10, 2, 2, 2, 0], likes: [1, 1, 1, 1, 1], dislikes: [0, 0, 0, 0, 0],
      idRank: [0, 3, 1, 2, 4])
    #expect(quality.gini == 0)
    #expect(quality.headTracks == 3)
    #expect(quality.head == RatedGroup(name: "head", likes: 3, dislikes: 0))
    #expect(quality.tail == RatedGroup(name: "tail", likes: 2, dislikes: 0))
    #expect(quality.tailShare == 0.4)
  }

  @Test func withoutRatingsOrPlaysThereIsNoHead() {
    let unrated = TrackExposure.quality(
      plays: [3, 1], likes: [0, 0], dislikes: [0, 0], idRank: [0, 1])
    #expect(unrated.gini == nil)
    #expect(unrated.headTracks == nil)
    #expect(unrated.playedTracks == 2)
    let unplayed = TrackExposure.quality(
      plays: [0, 0], likes: [1, 0], dislikes: [0, 0], idRank: [0, 1])
    #expect(unplayed.gini == 0.5)
    #expect(unplayed.headTracks == nil)
    let empty = TrackExposure.quality(plays: [], likes: [], dislikes: [], idRank: [])
    #expect(empty.coverage == nil)
  }

  @Test func largeCountsGoThroughASortAndGiveTheSameFigures() {
    // One count far above the list's length: the values are sorted instead of counted.
    #expect(
      Array(ValueCounts([0, 5_000_000, 3, 3, 0, 1]).map { [$0.value, $0.count] })
        == [[1, 1], [3, 2], [5_000_000, 1]])
    #expect(Array(ValueCounts([2, 0, 2, 7]).map { [$0.value, $0.count] }) == [[2, 2], [7, 1]])
    let quality = TrackExposure.quality(
      plays: [5_000_000, 1, 1], likes: [4_000_000, 1, 0], dislikes: [0, 0, 1], idRank: [2, 1, 0])
    #expect(
      quality
        == Self.sorted(
          plays: [5_000_000, 1, 1], likes: [4_000_000, 1, 0], dislikes: [0, 0, 1],
          idRank: [2, 1, 0]))
  }

  @Test(arguments: 0..<40) func agreesWithSortingEveryTrack(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed))
    let n = Int.random(in: 1...300, using: &random)
    let spread = [2, 5, 40, 2_000][seed % 4]
    func counts() -> [Int] {
      (0..<n).map { _ in
        Int.random(in: 0...3, using: &random) == 0 ? 0 : Int.random(in: 0...spread, using: &random)
      }
    }
    let (plays, likes, dislikes) = (counts(), counts(), counts())
    let idRank = Array(0..<n).shuffled(using: &random)
    #expect(
      TrackExposure.quality(plays: plays, likes: likes, dislikes: dislikes, idRank: idRank)
        == Self.sorted(plays: plays, likes: likes, dislikes: dislikes, idRank: idRank))
  }

  /// The figures by their definitions: every track sorted, one at a time.
  static func sorted(plays: [Int], likes: [Int], dislikes: [Int], idRank: [Int]) -> QualityReport {
    let ratings = zip(likes, dislikes).map { $0 + $1 }
    let (n, total, rated) = (ratings.count, ratings.reduce(0, +), ratings.count { $0 > 0 })
    var gini: Double?
    if total > 0 {
      let weighted = ratings.sorted().enumerated().reduce(0.0) {
        $0 + Double($1.offset + 1) * Double($1.element)
      }
      gini = Rounding.ratio(2 * weighted / (Double(n) * Double(total)) - Double(n + 1) / Double(n))
    }
    var report = QualityReport(
      ratedTracks: rated, playedTracks: plays.count { $0 > 0 }, catalogTracks: n,
      coverage: n == 0 ? nil : Rounding.ratio(Double(rated) / Double(n)), gini: gini)
    let allPlays = plays.reduce(0, +)
    guard allPlays > 0 && total > 0 else { return report }
    let order = plays.indices.sorted {
      plays[$0] != plays[$1] ? plays[$0] > plays[$1] : idRank[$0] < idRank[$1]
    }
    var (head, held) = (Set<Int>(), 0)
    for track in order where Double(held) < 0.8 * Double(allPlays) {
      head.insert(track)
      held += plays[track]
    }
    let headLikes = head.reduce(0) { $0 + likes[$1] }
    let headDislikes = head.reduce(0) { $0 + dislikes[$1] }
    report.headTracks = head.count
    report.head = RatedGroup(name: "head", likes: headLikes, dislikes: headDislikes)
    report.tail = RatedGroup(
      name: "tail", likes: likes.reduce(0, +) - headLikes,
      dislikes: dislikes.reduce(0, +) - headDislikes)
    report.tailShare = Rounding.ratio(Double(total - headLikes - headDislikes) / Double(total))
    return report
  }
}
