import Analytics
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
    let popularity = try #require(quality.popularity)
    #expect(popularity.headTracks == 3 && popularity.tailShare == 0.2)
    #expect(popularity.head.likes == 2 && popularity.head.dislikes == 2)
    #expect(popularity.tail.likes == 1 && popularity.tail.dislikes == 0)
  }

  @Test func lastThirtyDays() throws {
    let quality = try #require(report[.days30].quality)
    // Ratings t1 2, t2 1 (A − 45D is out), t3 1: sorted 0, 1, 1, 2: Σ i·x = 13;
    // G = 26 ÷ 16 − 1.25 = 0.375.
    #expect(quality.coverage == 0.75 && quality.gini == 0.375)
    // Plays t1 2, t4 1 (t2's at A − 30D is out): Σ 3, 80% = 2.4: head {t1, t4}.
    // Head ratings: t1 like + dislike; tail: t2 dislike, t3 like → tail share 2 ÷ 4.
    let popularity = try #require(quality.popularity)
    #expect(popularity.headTracks == 2 && popularity.tailShare == 0.5)
    #expect(popularity.head.likes == 1 && popularity.head.dislikes == 1)
    #expect(popularity.tail.likes == 1 && popularity.tail.dislikes == 1)
  }

  @Test func lastSevenDays() throws {
    let quality = try #require(report[.days7].quality)
    // Only t1 rated (A − 2D, A): sorted 0, 0, 0, 2: Σ i·x = 8; G = 16 ÷ 8 − 1.25 = 0.75.
    #expect(quality.ratedTracks == 1 && quality.coverage == 0.25 && quality.gini == 0.75)
    // Plays t1 1 (A − 1), t4 1 (A − 3D); Σ 2, 80% = 1.6: t1 then t4 (tie, by id): head {t1, t4};
    // every rating is on t1 → tail share 0.
    let popularity = try #require(quality.popularity)
    #expect(popularity.headTracks == 2 && popularity.tailShare == 0)
    #expect(popularity.head.likes == 1 && popularity.head.dislikes == 1)
    #expect(popularity.tail.likes == 0 && popularity.tail.dislikes == 0)
  }
}
