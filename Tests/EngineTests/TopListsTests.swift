import BuildPipeline
import Engine
import ReportModel
import Testing

/// The top tracks and artists, counted by hand on the small service.
///
/// Engagements (an activity row naming a catalog track, or a like): a1 u1 play t1 A − 1;
/// a2 u2 play t1 A − 7D; a3 u2 search t3 A − 7D + 1; a4 u3 play t2 A − 30D; a8 u5 play t4
/// A − 3D; f1 u1 like t1 A − 2D; f3 u3 like t3 A − 20D; f4 u5 like t2 A − 45D. (a10 names t9,
/// not in the catalog; f2 and f5 are dislikes.) Artists: t1 Alpha, t2 Beta, t3 Gamma, t4 Delta.
@Suite("Top tracks and artists, counted by hand")
struct TopListsTests {
  let report: Report

  init() throws { report = try SmallService.report() }

  func tracks(_ range: RangeKey, in report: Report? = nil) -> [[String]] {
    (report ?? self.report)[range].topTracks.map {
      [
        $0.trackId, "\($0.listeners)", "\($0.events)", "\($0.rank)",
        $0.previousRank.map(String.init) ?? "new",
      ]
    }
  }

  func artists(_ range: RangeKey) -> [[String]] {
    report[range].topArtists.map {
      [
        $0.artist, "\($0.listeners)", "\($0.events)", "\($0.rank)",
        $0.previousRank.map(String.init) ?? "new",
      ]
    }
  }

  @Test func allTime() {
    // t1: u1 (a1, f1), u2 (a2) → 2 listeners, 3 engagements; t2: u3, u5 → 2, 2; t3: u2, u3 →
    // 2, 2 (t2 before t3 by id); t4: u5 → 1, 1. All time has no range before.
    #expect(
      tracks(.all) == [
        ["t1", "2", "3", "1", "new"], ["t2", "2", "2", "2", "new"], ["t3", "2", "2", "3", "new"],
        ["t4", "1", "1", "4", "new"],
      ])
    #expect(
      report[.all].topTracks.first?.title == "One"
        && report[.all].topTracks.first?.artist == "Alpha")
  }

  @Test func lastThirtyDays() {
    // In: a1, a2, a3, a8, f1, f3 (from A − 29D; a4 at A − 30D is out). t1: u1, u2 → 2, 3; t3: u2, u3
    // → 2, 2; t4: u5 → 1, 1. The 30 days before hold only t2 (a4, f4), so all three are new.
    #expect(
      tracks(.days30) == [
        ["t1", "2", "3", "1", "new"], ["t3", "2", "2", "2", "new"], ["t4", "1", "1", "3", "new"],
      ])
  }

  @Test func lastSevenDays() {
    // In (from A − 6D): a1, a8, f1; a3 at A − 7D + 1 is out. t1: u1 → 1 listener, 2
    // engagements; t4: u5 → 1, 1. The previous 7 days (through A − 7D) hold a2 (t1, u2): t1 was
    // first.
    #expect(tracks(.days7) == [["t1", "1", "2", "1", "1"], ["t4", "1", "1", "2", "new"]])
    // Artists mirror the tracks (one track each).
    #expect(artists(.days7) == [["Alpha", "1", "2", "1", "1"], ["Delta", "1", "1", "2", "new"]])
  }

  @Test func privacyRuleLeavesOutSmallAudiences() throws {
    // With --min-users 2, t4 (one listener) is left out of all time, and every entry of the
    // last 7 days (one listener each).
    let strict = try SmallService.report(minUsers: 2)
    #expect(tracks(.all, in: strict).map { $0[0] } == ["t1", "t2", "t3"])
    #expect(strict[.days7].topTracks.isEmpty && strict[.days7].topArtists.isEmpty)
  }
}
