import BuildPipeline
import Engine
import ReportModel
import Testing

/// Catalog coverage, the Gini coefficient of ratings and popularity bias, on the small service
/// counted by hand.
///
/// Valid ratings (feedback 1–5): t1 like at A − 2D and dislike at A; t2 dislike at A − 8D and
/// like at A − 45D; t3 like at A − 20D; t4 none. Catalog: 4 tracks.
/// Plays with a catalog track (activity 1, 2, 4, 8): t1 at A − 1 and A − 7D, t2 at A − 30D,
/// t4 at A − 3D (activity 10 names t9, not in the catalog).
@Suite("Recommendation quality, counted by hand")
struct RecommendationQualityTests {
  let report: Report

  init() throws { report = try SmallService.report() }

  @Test func allTime() throws {
    let quality = try #require(report[.all].quality)
    // Ratings 2, 2, 1, 0: 3 of 4 tracks rated → coverage 0.75. Sorted 0, 1, 2, 2 (Σ = 5):
    // Σ i·x = 0 + 2 + 6 + 8 = 16; G = 2·16 ÷ (4·5) − 5 ÷ 4 = 0.35 (pairwise: 14 ÷ 40).
    #expect(quality.ratedTracks == 3 && quality.catalogTracks == 4)
    #expect(quality.coverage == 0.75 && quality.gini == 0.35)
    // Plays t1 2, t2 1, t4 1 (Σ 4; 80% = 3.2). t1 (2) < 3.2, + t2 (tie with t4, id first) = 3
    // < 3.2, + t4 = 4: head {t1, t2, t4}, tail {t3}. Tail ratings 1 of 5 → 0.2.
    #expect(quality.headTracks == 3 && quality.tailShare == 0.2)
    // Tracks played: t1, t2, t4 (a10's t9 is not in the catalog).
    #expect(quality.playedTracks == 3)
    #expect(quality.head?.likes == 2 && quality.head?.dislikes == 2)
    #expect(quality.tail?.likes == 1 && quality.tail?.dislikes == 0)
    #expect(quality.previous == nil)
  }

  @Test func lastThirtyDays() throws {
    let quality = try #require(report[.days30].quality)
    // Ratings t1 2, t2 1 (A − 45D is out), t3 1: sorted 0, 1, 1, 2: Σ i·x = 13;
    // G = 26 ÷ 16 − 1.25 = 0.375.
    #expect(quality.coverage == 0.75 && quality.gini == 0.375)
    // Plays t1 2, t4 1 (t2's at A − 30D is out): Σ 3, 80% = 2.4: head {t1, t4}.
    // Head ratings: t1 like + dislike; tail: t2 dislike, t3 like → tail share 2 ÷ 4.
    #expect(quality.headTracks == 2 && quality.tailShare == 0.5)
    #expect(quality.head?.likes == 1 && quality.head?.dislikes == 1)
    #expect(quality.tail?.likes == 1 && quality.tail?.dislikes == 1)
    // The 30 days before: one rating (t2 like at A − 45D) → coverage 1 ÷ 4; sorted 0, 0, 0, 1:
    // Σ i·x = 4, G = 8 ÷ 4 − 1.25 = 0.75. One play (t2 at A − 30D): head {t2}, tail share 0.
    let previous = try #require(quality.previous)
    #expect(previous.coverage == 0.25 && previous.gini == 0.75 && previous.tailShare == 0)
    // Tracks played: t1 and t4 in the range, t2 in the 30 days before.
    #expect(quality.playedTracks == 2 && previous.playedTracks == 1)
  }

  @Test func lastSevenDays() throws {
    let quality = try #require(report[.days7].quality)
    // Only t1 rated (A − 2D, A): sorted 0, 0, 0, 2: Σ i·x = 8; G = 16 ÷ 8 − 1.25 = 0.75.
    #expect(quality.ratedTracks == 1 && quality.coverage == 0.25 && quality.gini == 0.75)
    // Plays t1 1 (A − 1), t4 1 (A − 3D); Σ 2, 80% = 1.6: t1 then t4 (tie, by id): head {t1, t4};
    // every rating is on t1 → tail share 0.
    #expect(quality.headTracks == 2 && quality.tailShare == 0)
    #expect(quality.head?.likes == 1 && quality.head?.dislikes == 1)
    #expect(quality.tail?.likes == 0 && quality.tail?.dislikes == 0)
    // The 7 days before: one rating (t2 dislike at A − 8D), one play (t1 at A − 7D): coverage
    // 0.25, G = 0.75; the head is {t1}, so the one rating is in the tail: share 1.
    let previous = try #require(quality.previous)
    #expect(previous.coverage == 0.25 && previous.gini == 0.75 && previous.tailShare == 1)
    // Tracks played: t1 (A − 1) and t4 (A − 3D); before them t1 (A − 7D).
    #expect(quality.playedTracks == 2 && previous.playedTracks == 1)
  }

  /// Novelty = mean over ratings of −log₂((1 + players of the track) ÷ (1 + active listeners)).
  @Test func novelty() throws {
    // All time: 5 active. Ratings t1 ×2 (players u1, u2: −log₂(3/6) = 1), t2 ×2 (player u3:
    // −log₂(2/6) = log₂ 3), t3 ×1 (no player: log₂ 6). (2 + 2·1.5849625 + 2.5849625) ÷ 5
    // = 1.5509775.
    #expect(report[.all].quality?.novelty == 1.550978)
    // Last 30 days: 5 active. t1 ×2 (players u1, u2: 1 each), t2 ×1 and t3 ×1 (no plays in the
    // range: log₂ 6 each): (2 + 2·2.5849625) ÷ 4 = 1.7924813.
    #expect(report[.days30].quality?.novelty == 1.792481)
    // The 30 before: 3 active; t2's like, t2 played by u3 at A − 30D: −log₂(2/4) = 1.
    #expect(report[.days30].quality?.previous?.novelty == 1)
    // Last 7 days: 3 active (u1, u4, u5); t1 ×2, played by u1 only: −log₂(2/4) = 1.
    #expect(report[.days7].quality?.novelty == 1)
    // The 7 before: 1 active (u2); t2's dislike, no play: −log₂(1/2) = 1.
    #expect(report[.days7].quality?.previous?.novelty == 1)
  }

  /// Tenure: whole days from the rater's first event ever to the rating.
  /// First events: u1 A − 100D (share), u2 A − 8D (its dislike of t2: the feedback row comes
  /// before the play at A − 7D), u3 A − 30D, u5 A − 45D (its like of t2).
  /// Ratings: f1 u1 98 days (30+), f2 u2 0 (first day), f3 u3 10 (7–29), f4 u5 0 (first day),
  /// f5 u1 100 (30+).
  @Test func tenure() throws {
    func counts(_ range: RangeKey) -> [String: [Int]] {
      Dictionary(
        uniqueKeysWithValues: (report[range].quality?.byTenure ?? []).map {
          ($0.tenure, [$0.likes, $0.dislikes])
        })
    }
    #expect(report[.all].quality?.byTenure.map(\.tenure) == ["0", "1-6", "7-29", "30+"])
    #expect(counts(.all) == ["0": [1, 1], "1-6": [0, 0], "7-29": [1, 0], "30+": [1, 1]])
    #expect(counts(.days30) == ["0": [0, 1], "1-6": [0, 0], "7-29": [1, 0], "30+": [1, 1]])
    #expect(counts(.days7) == ["0": [0, 0], "1-6": [0, 0], "7-29": [0, 0], "30+": [1, 1]])
  }

  /// The same tenure in New York, where A is 19:00 on 31 December: every rating keeps its
  /// whole-day distance to the first event (they are whole days apart, or the same second).
  @Test func tenureInAnotherZone() throws {
    let local = try SmallService.report(zone: "America/New_York")
    #expect(
      local[.all].quality?.byTenure.map { [$0.likes, $0.dislikes] } == [
        [1, 1], [0, 0], [1, 0], [1, 1],
      ])
  }
}
