import Foundation
import TestSupport
import Testing

/// The hand-worked model-version comparisons (`ModelExperimentsTests`) through the binary: a
/// SQLite file, `tunedash build`, `report.json`.
@Suite("Experiments through the binary")
struct ExperimentsCommandTests {
  @Test func theHandWorkedComparisonsReachReportJSON() throws {
    let fixture = try Fixture(sql: ExperimentServiceRows.source.sql)
    let out = fixture.path("site")
    let result = try TuneDashBinary.run(
      [
        "build", "--db", fixture.database, "--out", out, "--quiet", "--as-of",
        String(ExperimentServiceRows.asOf), "--min-users", "2", "--timezone", "UTC",
      ],
      environment: ["TUNEDASH_PSEUDONYM_KEY": "experiments-test-key"])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
    let ranges = try #require((report as? [String: Any])?["ranges"] as? [String: Any])
    let week = try #require((ranges["7d"] as? [String: Any])?["experiments"] as? [[String: Any]])
    try #require(week.count == 1)
    // Worked out in ModelExperimentsTests.lastSevenDays.
    #expect(week[0]["a"] as? String == "rec-a" && week[0]["b"] as? String == "rec-b")
    #expect(week[0]["difference"] as? Double == 0.133333)
    #expect(week[0]["ci95"] as? [Double] == [-0.537391, 0.804058])
    #expect(week[0]["alwaysValid95"] as? [Double] == [-9.464583, 9.731249])
    #expect(week[0]["pValue"] as? Double == 0.696817)
    #expect(week[0]["verdict"] as? String == "undecided")
    let all = try #require((ranges["all"] as? [String: Any])?["experiments"] as? [[String: Any]])
    // rec-c never served beside rec-a: every number is written as null.
    #expect(all.first?["status"] as? String == "neverSideBySide")
    #expect(all.first?["overlap"] is NSNull && all.first?["difference"] is NSNull)
  }
}
