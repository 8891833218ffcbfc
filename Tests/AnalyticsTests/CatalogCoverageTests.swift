import Analytics
import ReportModel
import Testing

/// Catalog coverage and the Gini coefficient of ratings, on the small service counted by hand.
///
/// Valid ratings (feedback 1–5): t1 at A − 2D and A (2), t2 at A − 8D and A − 45D (2), t3 at
/// A − 20D (1), t4 none. Catalog: 4 tracks.
@Suite("Catalog coverage and the spread of ratings, counted by hand")
struct CatalogCoverageTests {
  let report: Report

  init() throws { report = try SmallService.report() }

  @Test func allTime() throws {
    // Counts 2, 2, 1, 0: 3 of 4 tracks rated → coverage 0.75.
    // Sorted 0, 1, 2, 2 (Σ = 5): Σ i·x = 1·0 + 2·1 + 3·2 + 4·2 = 16;
    // G = 2·16 ÷ (4·5) − 5 ÷ 4 = 1.6 − 1.25 = 0.35. (Pairwise: Σ|xᵢ − xⱼ| over ordered pairs
    // = 14; 14 ÷ (2 · 4² · 1.25) = 0.35.)
    let quality = try #require(report[.all].quality)
    #expect(quality == QualityReport(ratedTracks: 3, catalogTracks: 4, coverage: 0.75, gini: 0.35))
  }

  @Test func lastThirtyDays() throws {
    // t1: 2 (A − 2D, A), t2: 1 (A − 8D; A − 45D is outside), t3: 1 (A − 20D), t4: 0.
    // Sorted 0, 1, 1, 2 (Σ = 4): Σ i·x = 0 + 2 + 3 + 8 = 13; G = 26 ÷ 16 − 1.25 = 0.375.
    let quality = try #require(report[.days30].quality)
    #expect(quality == QualityReport(ratedTracks: 3, catalogTracks: 4, coverage: 0.75, gini: 0.375))
  }

  @Test func lastSevenDays() throws {
    // Only t1 (A − 2D and A): sorted 0, 0, 0, 2: Σ i·x = 8; G = 16 ÷ 8 − 1.25 = 0.75.
    let quality = try #require(report[.days7].quality)
    #expect(quality == QualityReport(ratedTracks: 1, catalogTracks: 4, coverage: 0.25, gini: 0.75))
  }
}
