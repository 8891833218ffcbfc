import BuildPipeline
import Engine
import ReportModel
import Testing

@Suite("Last activity and the word cloud, counted by hand")
struct UsersAndWordsTests {
  let report: Report

  init() throws { report = try SmallService.report() }

  @Test func lastActivityPerUser() {
    // u1 last disliked at A; u5 played at A − 3D; u4 played at A − 5D; u2 searched at
    // A − 7D + 1; u3 liked at A − 20D.
    #expect(
      report.users.recent.map(\.user) == [
        "label-u1", "label-u5", "label-u4", "label-u2", "label-u3",
      ])
    #expect(report.users.recent.map(\.kind) == ["dislike", "play", "play", "search", "like"])
    #expect(report.users.recent[0].lastSeen == "2026-01-01T00:00:00Z")
    #expect(report.users.recent[3].lastSeen == "2025-12-25T00:00:01Z")
  }

  @Test func recencyBucketsAndActiveCounts() {
    let users = report.users
    // Local days between the last activity and the as-of day: u1 0, u5 3, u4 5, u2 7 (25 Dec,
    // outside the last 7 days), u3 20.
    #expect(users.recency.map(\.users) == [1, 2, 2, 0, 0])
    #expect(users.activeLastDay == 1)
    #expect(users.activeLast7Days == 3)
    #expect(users.activeLast30Days == 5)
    #expect(users.known == 5)
    #expect(users.registered == 6)
    #expect(users.neverActive == 1)
  }

  @Test func wordWeightIsDistinctUsersShownInTheCommonestSpelling() {
    // 30 days: "Rock anthems" (u2) and "rock" (u1). Over all time "Rock" is spelled so twice
    // ("Rock anthems", "Rock & Roll 🎸") and "rock" once. 7 days: "rock" (u1) alone.
    #expect(
      report[.days30].words == [
        WordWeight(term: "Rock", weight: 2, count: 2),
        WordWeight(term: "anthems", weight: 1, count: 1),
      ])
    #expect(report[.days7].words == [WordWeight(term: "Rock", weight: 1, count: 1)])
  }

  @Test func wordTiesBreakOnCountThenTerm() {
    // All time adds u4's "Rock & Roll 🎸": rock has 3 users; anthems, roll and 🎸 tie at one
    // user and one use, and sort by their bytes.
    #expect(
      report[.all].words == [
        WordWeight(term: "Rock", weight: 3, count: 3),
        WordWeight(term: "anthems", weight: 1, count: 1),
        WordWeight(term: "Roll", weight: 1, count: 1), WordWeight(term: "🎸", weight: 1, count: 1),
      ])
  }

  @Test func anEarlierAsOfLeavesLaterRowsOut() throws {
    // As of A − 6D: only rows at or before it count; rows 1, 7 and 8, feedback 1 and 5 are
    // later; those more than a day later count as future rows (activity 1, 7, 8; feedback 1 and
    // 5 — row 10 is exactly a day later and only left out). Feedback 7 is later too, but its
    // track is unknown, and the time is judged last: it is an unknown track as of any time.
    let report = try SmallService.report(asOf: SmallService.asOf - 6 * SmallService.day)
    #expect(report[.all].activity.events == 6)
    #expect(report[.all].feedback.likes == 2)
    let issues = report.dataQuality.issues
    #expect(issues.filter { $0.issue == "futureTime" }.map(\.rows) == [3, 2])
    #expect(
      issues.filter { $0.issue == "unknownTrack" }.map(\.rows)
        == (try SmallService.report(asOf: SmallService.asOf)).dataQuality.issues.filter {
          $0.issue == "unknownTrack"
        }.map(\.rows))
  }
}
