import Foundation
import TestSupport
import Testing

/// `report.json` of fixed inputs, byte for byte, against files written by the binary of commit
/// 3b3732b — the last commit before the seams of issue #10 (ReportModel, EventSource, the
/// accumulator protocol, ReportPipeline). Those changes were refactorings: they must not change a
/// single byte of what a build writes. The numbers themselves are checked by hand elsewhere
/// (`SmallService` in the analytics tests); this test guards against drift.
///
/// To refresh a golden file after an intended change of the report, rebuild with the new binary
/// (the arguments are in each test) and say why in the commit. Refreshed since, each time for
/// one added key alone (checked with a diff): issue #15's `breaksContract` on each data-quality
/// issue, and issue #11's `quality` per range (its numbers worked out in
/// `RecommendationQualityTests`); then #11's second part, checked with a JSON comparison that
/// the old report is the new one minus its new keys (`novelty`, `byTenure`, `byCluster`,
/// `previous` in `quality`, whose head/tail figures moved up from `quality.popularity` to the
/// names the issue gives; `topTracks`, `topArtists`; the top-level `sound`), their numbers worked
/// out in `RecommendationQualityTests`, `TopListsTests` and `SoundClusterTests`. Then issue #13's
/// who comes back, checked with a JSON comparison that the old report is the new one minus its
/// new keys (`listeners` per range and in `previous`, `newListeners` and `stickiness` on every
/// daily point, the top-level `retention` and `lifecycle`), their numbers worked out in
/// `RetentionTests`. Then issue #22's calendar ranges (an N-day range is the N local days ending
/// with the as-of day; its previous period the same stretch N days earlier), which moved range
/// edges, daily points and every count near them, and added `previous.end`: each difference was
/// checked against the hand counts in `RangeMetricsTests`, `UsersAndWordsTests`, `TopListsTests`
/// and `RecommendationQualityTests`. Then issue #25's check of its seams, one added key alone
/// (checked with a JSON comparison): `playedTracks` in `quality` and in its `previous`, worked out
/// in `RecommendationQualityTests`. Then issue #23's `experiments` per range, one added key alone
/// (checked with a JSON comparison: the new report minus `experiments` is the old one); the small
/// service's rec-v1 and rec-v2 never rated on the same day, so its comparisons are listed
/// without numbers (worked out with numbers in `ModelExperimentsTests`). Then a fix: a track is
/// on one of `mostLiked` and `mostDisliked` at most (liked, or disliked, more often than not);
/// checked with a JSON comparison that only those lists changed, each the old one less the
/// tracks on the wrong side, in the same order (worked out in `RangeMetricsTests`).
@Suite("report.json stays byte-identical across refactorings", .serialized)
struct ReportGoldenTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "golden-report-test-key"]
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  func build(_ fixture: Fixture, _ arguments: [String]) throws -> Data {
    let out = fixture.path("site")
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out, "--quiet"] + arguments,
      environment: Self.environment)
    #expect(result.status == 0, "\(result.stderr)")
    return try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))
  }

  @Test(
    "The hand-counted small service in three time zones",
    arguments: [
      ("small-service-utc.json", ["--timezone", "UTC"]),
      ("small-service-tokyo.json", ["--timezone", "Asia/Tokyo"]),
      ("small-service-new-york.json", ["--timezone", "America/New_York"]),
    ])
  func smallService(file: String, zone: [String]) throws {
    let fixture = try Fixture(sql: SmallServiceRows.sql)
    let written = try build(
      fixture, ["--as-of", "1767225600", "--min-ratings", "1", "--min-users", "1"] + zone)
    let expected = try Data(contentsOf: Self.golden.appendingPathComponent(file))
    #expect(written == expected, "report.json differs from Golden/\(file)")
  }
}
