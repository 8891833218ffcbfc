import Analytics
import ReportModel
import Testing

@Suite("Activity, feedback and genres per range, counted by hand")
struct RangeMetricsTests {
  let report: Report

  init() throws { report = try SmallService.report() }

  @Test func lastSevenDaysExcludesTheRowAtItsLowerEdge() {
    let range = report[.days7]
    // Rows 1, 3, 7, 8, 10; row 2 sits exactly at A − 7D and is outside.
    #expect(range.activity.events == 5)
    #expect(range.activity.byKind.map(\.events) == [2, 0, 3, 0, 0])
    // u1, u2 (row 3), u4 (row 10), u5; feedback adds only u1 again.
    #expect(range.activity.activeUsers == 4)
    // Feedback 1 (like) and 5 (dislike, exactly at A, which is inside).
    #expect(range.feedback.likes == 1)
    #expect(range.feedback.dislikes == 1)
    #expect(range.feedback.likeRatio == 0.5)
    #expect(range.feedback.wilsonLower == 0.094529)
    #expect(range.feedback.wilsonUpper == 0.905471)
  }

  @Test func previousSevenDaysHoldTheEdgeRow() throws {
    let previous = try #require(report[.days7].previous)
    // Row 2 at A − 7D and feedback 2 at A − 8D, both by u2.
    #expect(previous.activity.events == 1)
    #expect(previous.activity.activeUsers == 1)
    #expect(previous.likes == 0)
    #expect(previous.dislikes == 1)
    #expect(previous.likeRatio == 0)
  }

  @Test func lastThirtyDays() throws {
    let range = report[.days30]
    // Rows 1, 2, 3, 5, 7, 8, 10; row 4 sits exactly at A − 30D.
    #expect(range.activity.events == 7)
    #expect(range.activity.byKind.map(\.events) == [2, 0, 4, 1, 0])
    #expect(range.activity.activeUsers == 5)
    #expect(range.feedback.likes == 2)
    #expect(range.feedback.dislikes == 2)
    #expect(range.feedback.wilsonLower == 0.150036)
    #expect(range.feedback.wilsonUpper == 0.849964)
    let previous = try #require(range.previous)
    // Rows 4 (A − 30D) and 6 (A − 40D); feedback 4 (A − 45D): u3, u4, u5.
    #expect(previous.activity.events == 2)
    #expect(previous.activity.byKind.map(\.events) == [0, 1, 1, 0, 0])
    #expect(previous.activity.activeUsers == 3)
    #expect(previous.likes == 1)
    #expect(previous.dislikes == 0)
  }

  @Test func allTimeCountsEveryValidRowAndNoPreviousRange() {
    let range = report[.all]
    #expect(range.activity.events == 10)
    #expect(range.activity.byKind.map(\.events) == [2, 1, 5, 1, 1])
    #expect(range.activity.activeUsers == 5)
    #expect(range.feedback.likes == 3)
    #expect(range.feedback.dislikes == 2)
    #expect(range.feedback.likeRatio == 0.6)
    #expect(range.feedback.wilsonLower == 0.23072)
    #expect(range.feedback.wilsonUpper == 0.882382)
    #expect(range.previous == nil)
  }

  @Test func genresCountMultiGenreTracksForEachGenre() {
    // 7 days: rows 1 (t1: rock, pop), 3 (t3: rock) and the like of t1 (rock, pop).
    #expect(
      report[.days7].genres == [
        GenreCount(genre: "rock", users: 2, events: 3),
        GenreCount(genre: "pop", users: 1, events: 2),
      ])
    // 30 days: rows 1, 2, 3 and the likes 1 (t1) and 3 (t3); jazz only had a dislike.
    #expect(
      report[.days30].genres == [
        GenreCount(genre: "rock", users: 3, events: 5),
        GenreCount(genre: "pop", users: 2, events: 3),
      ])
  }

  @Test func genreTiesOnUsersBreakOnEvents() {
    // All time: pop and jazz both have 2 users; pop has 3 engagements, jazz 2.
    #expect(
      report[.all].genres == [
        GenreCount(genre: "rock", users: 3, events: 5),
        GenreCount(genre: "pop", users: 2, events: 3),
        GenreCount(genre: "jazz", users: 2, events: 2),
      ])
  }

  @Test func likeRatioByGenreSourceAndModel() {
    let feedback = report[.days30].feedback
    // rock: likes 1 and 3, dislike 5; pop: like 1, dislike 5; jazz: dislike 2.
    #expect(feedback.byGenre.map(\.name) == ["rock", "pop", "jazz"])
    #expect(feedback.byGenre.map(\.likes) == [2, 1, 0])
    #expect(feedback.byGenre.map(\.dislikes) == [1, 1, 1])
    #expect(feedback.byGenre[0].likeRatio == 0.666667)
    #expect(feedback.byGenre[0].wilsonLower == 0.207655)
    // Sources ranked by ratings: song 3, playlist 1.
    #expect(feedback.bySource.map(\.name) == ["song", "playlist"])
    #expect(feedback.bySource.map(\.likes) == [2, 0])
    // Models in natural order.
    #expect(feedback.byModel.map(\.name) == ["rec-v1", "rec-v2"])
    #expect(feedback.byModel.map(\.dislikes) == [1, 1])
    // All time adds feedback 4, whose source is NULL.
    #expect(report[.all].feedback.bySource.map(\.name) == ["song", "playlist", "(not recorded)"])
  }

  @Test func genreTieOnRatioBreaksOnName() {
    // 7 days: pop and rock each 1 like and 1 dislike.
    #expect(report[.days7].feedback.byGenre.map(\.name) == ["pop", "rock"])
  }

  @Test func tracksAreRankedByWilsonLowerBound() {
    let feedback = report[.days30].feedback
    // t3 1/1 (lower 0.206543), t1 1/2 (0.094529), t2 0/1 (0).
    #expect(feedback.mostLiked.map(\.trackId) == ["t3", "t1", "t2"])
    #expect(feedback.mostLiked[0].title == "Three")
    #expect(feedback.mostLiked[0].wilsonLower == 0.206543)
    // Dislike lower bound = 1 − like upper bound: t2 0.206543, t1 0.094529, t3 0.
    #expect(feedback.mostDisliked.map(\.trackId) == ["t2", "t1", "t3"])
  }

  @Test func heatmapBucketsByWeekdayAndHourInUTC() {
    let cells = report[.days7].heatmap.cells
    // Monday 0h (row 8), Tuesday 0h (row 7), Wednesday 23h (row 1), Thursday 0h (row 3),
    // Saturday 0h (row 10).
    #expect(cells[0][0] == 1)
    #expect(cells[1][0] == 1)
    #expect(cells[2][23] == 1)
    #expect(cells[3][0] == 1)
    #expect(cells[5][0] == 1)
    #expect(cells.flatMap { $0 }.reduce(0, +) == 5)
  }

  @Test func dailyPointsCoverTheRangeAndMarkPartialDays() {
    let daily = report[.days7].daily
    // (A − 7D, A] touches 25 Dec to 1 Jan: 8 local days. The first starts one second in, the
    // last holds only the second A itself.
    #expect(daily.map(\.date).first == "2025-12-25")
    #expect(daily.map(\.date).last == "2026-01-01")
    #expect(daily.count == 8)
    #expect(daily.first?.coverage == 0.999988)
    #expect(daily.last?.coverage == 0.000012)
    #expect(daily.last?.dislikes == 1)
    #expect(daily.map(\.events).reduce(0, +) == 5)
    #expect(daily[6].date == "2025-12-31")
    #expect(daily[6].events == 1)
    #expect(daily[1].coverage == nil)
  }

  @Test func timeZoneMovesEventsToLocalDaysAndHours() throws {
    let report = try SmallService.report(zone: "America/New_York")
    // Row 1 at 2025-12-31T23:59:59Z is 18:59:59 on Wednesday in New York (UTC−5).
    #expect(report[.days7].heatmap.cells[2][18] == 1)
    #expect(report.timeZone == "America/New_York")
    #expect(report.asOfDate == "2025-12-31")
  }

  @Test func dataQualityCountsSkippedAndKeptRows() {
    let issues = report.dataQuality.issues.map { "\($0.table).\($0.issue)=\($0.rows)" }
    #expect(
      issues == [
        "activity.unknownActivityTrack=1", "activity.otherKind=1", "feedback.badVerdict=1",
        "feedback.unknownTrack=1",
      ])
    #expect(report.dataQuality.skippedRows == 2)
    #expect(report.dataQuality.keptRows == 2)
  }
}
