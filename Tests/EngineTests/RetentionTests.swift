import BuildPipeline
import Engine
import ReportModel
import TestSupport
import Testing

/// New and returning listeners, stickiness, retention cohorts and the weekly lifecycle, on
/// ``ReturningService`` counted by hand.
///
/// First events (the late row 12 included): a 2025-11-20, b 02-09, c 02-12, e 02-16 (row 12,
/// not row 9's 02-26), d 02-20, f 02-23 03:00 UTC (22 Feb in New York).
/// Active weeks in UTC: a W−2, W−1, W, A's week; b W−2, W; c W−2, W−1; d W−1, A's week;
/// e W−1, W; f W.
@Suite("Who comes back, counted by hand")
struct RetentionTests {
  let report: Report

  init() throws { report = try ReturningService.report() }

  /// Ranges are `A − N days < t ≤ A` with A at 18:00 UTC, so b's 25 Feb 10:00 is in the 7 days
  /// before the last 7, and c's 18 Feb 10:00 before those.
  @Test func newAndReturningPerRange() throws {
    // Last 7 days (25 Feb 18:00, 4 Mar 18:00]: a (3 Mar), e (26 Feb), d (4 Mar) active; none
    // new → 3 returning. The 7 before (18 Feb 18:00, 25 Feb 18:00]: d, f, a, b active; d and f
    // new → 2 returning.
    #expect(report[.days7].listeners?.new == 0 && report[.days7].listeners?.returning == 3)
    #expect(
      report[.days7].previous?.listeners?.new == 2
        && report[.days7].previous?.listeners?.returning == 2)
    // Last 30 days (2 Feb 18:00, …]: all six active, all but a new. The 30 before: nobody.
    #expect(report[.days30].listeners?.new == 5 && report[.days30].listeners?.returning == 1)
    #expect(
      report[.days30].previous?.listeners?.new == 0
        && report[.days30].previous?.listeners?.returning == 0)
    // All time: everyone seen is new, nobody returning, and no stickiness.
    #expect(report[.all].listeners == ListenersReport(new: 6, returning: 0, stickiness: nil))
  }

  @Test func newListenersPerDay() throws {
    func perDay(_ daily: [DailyPoint]?) -> [String: Int] {
      Dictionary(
        uniqueKeysWithValues: (daily ?? []).filter { $0.newListeners > 0 }.map {
          ($0.date, $0.newListeners)
        })
    }
    #expect(perDay(report[.days7].daily).isEmpty)
    #expect(perDay(report[.days7].previous?.daily) == ["2026-02-20": 1, "2026-02-23": 1])
    // e counts on 16 Feb, the day of the late row, not on 26 Feb.
    #expect(
      perDay(report[.days30].daily)
        == ["2026-02-09": 1, "2026-02-12": 1, "2026-02-16": 1, "2026-02-20": 1, "2026-02-23": 1])
    #expect(perDay(report[.all].daily)["2025-11-20"] == 1)
    #expect(perDay(report[.all].daily).values.reduce(0, +) == 6)
  }

  /// DAU ÷ MAU per whole local day; MAU = listeners active in the 30 days ending that day.
  /// Every event after 8 Feb is within 30 days of every later day up to A, so MAU of a day is
  /// the listeners whose first February day is on or before it: b 9, a 10, c 12, e 16, d 20,
  /// f 23 → MAU 1 on 9 Feb, 2 on 10–11, 3 on 12–15, 4 on 16–19, 5 on 20–22, 6 from 23 Feb.
  @Test func stickinessPerDayAndRange() throws {
    func values(_ daily: [DailyPoint]?) -> [String: Double] {
      Dictionary(
        uniqueKeysWithValues: (daily ?? []).compactMap { point in
          point.stickiness.map { (point.date, $0) }
        })
    }
    let sixth = 0.166667
    // Last 7 days: 25 Feb is 6 h inside (coverage 0.25 < 0.5: left out), 4 Mar 18 h (kept).
    // DAU: 26 Feb e, 3 Mar a, 4 Mar d; MAU 6 each day.
    #expect(
      values(report[.days7].daily)
        == [
          "2026-02-26": sixth, "2026-02-27": 0, "2026-02-28": 0, "2026-03-01": 0, "2026-03-02": 0,
          "2026-03-03": sixth, "2026-03-04": sixth,
        ])
    // Mean: (3 × 1/6) ÷ 7 = 1/14.
    #expect(report[.days7].listeners?.stickiness == 0.071429)
    // The 7 before: 19 Feb 0/4, 20 Feb d 1/5, 21–22 Feb 0/5, 23 Feb f 1/6, 24 Feb a 1/6,
    // 25 Feb b 1/6 (18 Feb is left out). Mean (0.2 + 0.5) ÷ 7 = 0.1.
    #expect(
      values(report[.days7].previous?.daily)
        == [
          "2026-02-19": 0, "2026-02-20": 0.2, "2026-02-21": 0, "2026-02-22": 0, "2026-02-23": sixth,
          "2026-02-24": sixth, "2026-02-25": sixth,
        ])
    #expect(report[.days7].previous?.listeners?.stickiness == 0.1)
    // Last 30 days: 3–8 Feb have no MAU (no value); 9 Feb 1/1, 10 Feb 1/2, 11 Feb 0, 12 Feb 1/3,
    // 13–15 Feb 0, 16, 17, 18 Feb 1/4 each, 19 Feb 0, 20 Feb 1/5, 21–22 Feb 0, 23–26 Feb 1/6
    // each, 27 Feb – 2 Mar 0, 3 and 4 Mar 1/6: 24 days summing to
    // 1 + 1/2 + 1/3 + 3/4 + 1/5 + 6/6 = 227/60; mean 227/1440 = 0.1576389.
    let thirty = values(report[.days30].daily)
    #expect(thirty.count == 24 && thirty["2026-02-08"] == nil && thirty["2026-02-09"] == 1)
    #expect(
      thirty["2026-02-12"] == 0.333333 && thirty["2026-02-18"] == 0.25 && thirty["2026-02-19"] == 0)
    #expect(report[.days30].listeners?.stickiness == 0.157639)
    // The 30 before: nobody active, no MAU on any day.
    #expect(values(report[.days30].previous?.daily) == [:])
    #expect(report[.days30].previous?.listeners?.stickiness == nil)
    #expect(values(report[.all].daily).isEmpty)
  }

  /// Twelve weeks W−11 … W (a's first event, long before, keeps every week shown); only W−2,
  /// W−1 and W have cohorts. Shares only for complete weeks: W's cohort has n = 0 alone.
  @Test func cohortsInUTC() throws {
    let cohorts = try #require(report.retention?.cohorts)
    #expect(
      cohorts.count == 12 && cohorts.first?.week == "2025-12-08"
        && cohorts.last?.week == "2026-02-23")
    #expect(cohorts.dropLast(3).allSatisfy { $0.size == 0 && $0.shares == nil })
    // W−2 {b, c}: W−1 c (1/2), W b (1/2) — b skipped a week and came back.
    #expect(cohorts[9] == .init(week: "2026-02-09", size: 2, shares: [1, 0.5, 0.5]))
    // W−1 {d, e} (e by its late row): W e (1/2); d's return is in A's unfinished week.
    #expect(cohorts[10] == .init(week: "2026-02-16", size: 2, shares: [1, 0.5]))
    // W {f}.
    #expect(cohorts[11] == .init(week: "2026-02-23", size: 1, shares: [1]))
  }

  /// f's Sunday-evening event moves it into W−1 in New York.
  @Test func cohortsInNewYork() throws {
    let cohorts = try #require(
      try ReturningService.report(zone: "America/New_York").retention?.cohorts)
    #expect(cohorts[9] == .init(week: "2026-02-09", size: 2, shares: [1, 0.5, 0.5]))
    // W−1 {d, e, f}: only e in W → 1/3.
    #expect(cohorts[10] == .init(week: "2026-02-16", size: 3, shares: [1, 0.333333]))
    #expect(cohorts[11] == .init(week: "2026-02-23", size: 0, shares: nil))
  }

  /// A cohort smaller than `--min-users` shows its size only.
  @Test func smallCohortsShowTheirSizeOnly() throws {
    let cohorts = try #require(try ReturningService.report(minUsers: 2).retention?.cohorts)
    #expect(cohorts[10].shares == [1, 0.5])
    #expect(cohorts[11] == .init(week: "2026-02-23", size: 1, shares: nil))
  }

  /// W−2: b, c new; a resurrected (seen in November). W−1: d, e new; a, c returning; b dormant.
  /// W: f new; a, e returning; b resurrected (skipped W−1); c, d dormant.
  @Test func lifecycleInUTC() throws {
    let weeks = try #require(report.lifecycle)
    #expect(weeks.count == 12 && weeks.first?.week == "2025-12-08")
    #expect(
      weeks.dropLast(3).allSatisfy { $0.new + $0.returning + $0.resurrected + $0.dormant == 0 })
    #expect(
      Array(weeks.suffix(3)) == [
        LifecycleWeek(week: "2026-02-09", new: 2, returning: 0, resurrected: 1, dormant: 0),
        LifecycleWeek(week: "2026-02-16", new: 2, returning: 2, resurrected: 0, dormant: 1),
        LifecycleWeek(week: "2026-02-23", new: 1, returning: 2, resurrected: 1, dormant: 2),
      ])
  }

  /// In New York f is new in W−1 and dormant in W.
  @Test func lifecycleInNewYork() throws {
    let weeks = try #require(try ReturningService.report(zone: "America/New_York").lifecycle)
    #expect(
      Array(weeks.suffix(3)) == [
        LifecycleWeek(week: "2026-02-09", new: 2, returning: 0, resurrected: 1, dormant: 0),
        LifecycleWeek(week: "2026-02-16", new: 3, returning: 2, resurrected: 0, dormant: 1),
        LifecycleWeek(week: "2026-02-23", new: 0, returning: 2, resurrected: 1, dormant: 3),
      ])
  }

  /// New York's per-day new listeners put f on Sunday 22 Feb.
  @Test func newListenersPerLocalDay() throws {
    let local = try ReturningService.report(zone: "America/New_York")
    let days = (local[.days7].previous?.daily ?? []).filter { $0.newListeners > 0 }.map(\.date)
    #expect(days == ["2026-02-20", "2026-02-22"])
  }

  /// Read without row 12, e is new in W; the late row, read by an incremental build, moves its
  /// first event — and its cohort, lifecycle week and first day — to W−1, exactly as a full
  /// build counts it.
  @Test func aLateRowMovesAFirstEventEarlier() throws {
    let options = ReturningService.options()
    let before = try ReturningService.build(ReturningService.early, options: options)
    #expect(
      before.report.retention?.cohorts.last == .init(week: "2026-02-23", size: 2, shares: [1]))
    #expect(before.report.lifecycle?.last?.new == 2)
    let after = ReturningService.all
    let stepped = try ReturningService.build(after, options: options, state: before.state?.bytes)
    #expect(stepped.kind == .incremental(newRows: 1, movedRows: 0))
    #expect(stepped.report == (try ReturningService.build(after, options: options)).report)
    #expect(
      stepped.report.retention == report.retention && stepped.report.lifecycle == report.lifecycle)
  }
}
