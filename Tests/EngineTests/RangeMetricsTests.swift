import BuildPipeline
import Engine
import ReportModel
import Testing

@Suite("Activity, feedback and genres per range, counted by hand")
struct RangeMetricsTests {
  let report: Report

  init() throws { report = try SmallService.report() }

  @Test func lastSevenDaysAreTheSevenLocalDaysEndingWithTheAsOfDay() {
    let range = report[.days7]
    // 26 Dec 00:00 (A − 6D) through A: rows 1, 7, 8, 10; rows 2 and 3 (25 Dec) are out.
    #expect(range.activity.events == 4)
    #expect(range.activity.byKind.map(\.events) == [1, 0, 3, 0, 0])
    // u1, u4 (row 10), u5; feedback adds only u1 again.
    #expect(range.activity.activeUsers == 3)
    // Feedback 1 (like) and 5 (dislike, exactly at A, which is inside).
    #expect(range.feedback.likes == 1)
    #expect(range.feedback.dislikes == 1)
    #expect(range.feedback.likeRatio == 0.5)
    #expect(range.feedback.wilsonLower == 0.094529)
    #expect(range.feedback.wilsonUpper == 0.905471)
  }

  @Test func previousSevenDaysEndAtTheAsOfTimeOfDay() throws {
    let previous = try #require(report[.days7].previous)
    #expect(previous.start == "2025-12-19T00:00:00Z")
    #expect(previous.end == "2025-12-25T00:00:00Z")
    // Row 2 at A − 7D (its last second) and feedback 2 at A − 8D, both by u2; row 3 at A − 7D + 1
    // is after the end.
    #expect(previous.activity.events == 1)
    #expect(previous.activity.activeUsers == 1)
    #expect(previous.likes == 0)
    #expect(previous.dislikes == 1)
    #expect(previous.likeRatio == 0)
  }

  @Test func aMidDayAsOfEndsThePreviousPeriodAtTheSameTimeOfDay() throws {
    // As of A + 12 h (1 Jan 12:00): the last 7 days still start on 26 Dec, their last day holds
    // 12 h and one second; the previous 7 days run from 19 Dec through 25 Dec 12:00, so rows 2
    // and 3 (u2) are both in them, with feedback 2.
    let report = try SmallService.report(asOf: SmallService.asOf + 12 * 3600)
    let range = report[.days7]
    #expect(range.start == "2025-12-26T00:00:00Z")
    #expect(range.activity.events == 4)
    #expect(range.daily.count == 7)
    #expect(range.daily.last?.coverage == 0.500012)
    let previous = try #require(range.previous)
    #expect(previous.start == "2025-12-19T00:00:00Z")
    #expect(previous.end == "2025-12-25T12:00:00Z")
    #expect(previous.activity.events == 2)
    #expect(previous.activity.byKind.map(\.events) == [1, 0, 1, 0, 0])
    #expect(previous.activity.activeUsers == 1)
    #expect(previous.dislikes == 1)
    #expect(previous.daily.map(\.date).first == "2025-12-19")
    #expect(previous.daily.count == 7)
    #expect(previous.daily.last?.coverage == 0.500012)
  }

  @Test func rangesAreLocalDaysAcrossADaylightSavingChange() throws {
    // New York, as of Tue 10 Mar 2026 12:00 EDT (16:00Z), two days after clocks went forward.
    // 7 days: 4 Mar 00:00 EST (05:00Z); before them, 25 Feb 00:00 EST through 3 Mar 12:00 EST
    // (17:00Z). 30 days: 9 Feb 00:00 EST; before them, 10 Jan 00:00 EST through 8 Feb 12:00
    // EST.
    let report = try SmallService.report(zone: "America/New_York", asOf: 1_773_158_400)
    #expect(report[.days7].start == "2026-03-04T05:00:00Z")
    #expect(report[.days7].previous?.start == "2026-02-25T05:00:00Z")
    #expect(report[.days7].previous?.end == "2026-03-03T17:00:00Z")
    #expect(report[.days7].daily.count == 7)
    #expect(report[.days30].start == "2026-02-09T05:00:00Z")
    #expect(report[.days30].previous?.start == "2026-01-10T05:00:00Z")
    #expect(report[.days30].previous?.end == "2026-02-08T17:00:00Z")
    #expect(report[.days30].daily.count == 30)
  }

  @Test func lastThirtyDays() throws {
    let range = report[.days30]
    // From A − 29D: rows 1, 2, 3, 7, 8, 10; rows 4 (A − 30D) and 5 (A − 30D + 1) are out.
    #expect(range.start == "2025-12-03T00:00:00Z")
    #expect(range.activity.events == 6)
    #expect(range.activity.byKind.map(\.events) == [2, 0, 4, 0, 0])
    // u1, u2, u4, u5, and u3 through feedback 3 alone.
    #expect(range.activity.activeUsers == 5)
    #expect(range.feedback.likes == 2)
    #expect(range.feedback.dislikes == 2)
    #expect(range.feedback.wilsonLower == 0.150036)
    #expect(range.feedback.wilsonUpper == 0.849964)
    let previous = try #require(range.previous)
    // A − 59D through A − 30D: rows 4 (its last second) and 6 (A − 40D); feedback 4 (A − 45D):
    // u3, u4, u5. Row 5 falls between the two periods.
    #expect(previous.start == "2025-11-03T00:00:00Z")
    #expect(previous.end == "2025-12-02T00:00:00Z")
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
    // 7 days: row 1 (t1: rock, pop) and u1's like of t1 (rock, pop); pop and rock tie and go by
    // name (rows 8 and 10 name tracks without a genre or outside the catalog).
    #expect(
      report[.days7].genres == [
        GenreCount(genre: "pop", users: 1, events: 2),
        GenreCount(genre: "rock", users: 1, events: 2),
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
    // t3 1 like of 1 (lower 0.206543) is the only track liked more often than disliked; t2 0 of
    // 1 the only one disliked more often (dislike lower bound = 1 − like upper bound =
    // 0.206543); t1, 1 of 2, is on neither list.
    #expect(feedback.mostLiked.map(\.trackId) == ["t3"])
    #expect(feedback.mostLiked[0].title == "Three")
    #expect(feedback.mostLiked[0].wilsonLower == 0.206543)
    #expect(feedback.mostDisliked.map(\.trackId) == ["t2"])
    #expect(feedback.mostDisliked[0].wilsonUpper == 0.793457)
  }

  @Test func heatmapBucketsByWeekdayAndHourInUTC() {
    let cells = report[.days7].heatmap.cells
    // Monday 0h (row 8), Tuesday 0h (row 7), Wednesday 23h (row 1), Saturday 0h (row 10).
    #expect(cells[0][0] == 1)
    #expect(cells[1][0] == 1)
    #expect(cells[2][23] == 1)
    #expect(cells[5][0] == 1)
    #expect(cells.flatMap { $0 }.reduce(0, +) == 4)
  }

  @Test func dailyPointsCoverTheRangeAndMarkPartialDays() {
    let daily = report[.days7].daily
    // Seven columns, 26 Dec to 1 Jan: all whole but the as-of day, which holds the one second A
    // (1 ÷ 86,400 of it) and feedback 5. Rows 10 (27 Dec), 8, 7 and 1 (31 Dec).
    #expect(
      daily.map(\.date) == [
        "2025-12-26", "2025-12-27", "2025-12-28", "2025-12-29", "2025-12-30", "2025-12-31",
        "2026-01-01",
      ])
    #expect(daily.dropLast().allSatisfy { $0.coverage == nil })
    #expect(daily.last?.coverage == 0.000012)
    #expect(daily.last?.dislikes == 1)
    #expect(daily.map(\.events) == [0, 1, 0, 1, 1, 1, 0])
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
