import BuildPipeline
import Engine
import EventStore
import Formatting
import Foundation
import ReportModel
import SQLiteSource
import SVGCharts
import TestSupport
import Testing

@testable import SiteBuilder

/// How pages stay light whatever the length of the history: long ranges grouped into weeks,
/// months, quarters, years or decades; the phone drawings, the sparklines and the audio
/// profiles as images of their standalone files.
@Suite("Page weight")
struct PageWeightTests {
  /// Whole days `first … last` (day numbers), with no counts.
  static func days(_ first: CivilDate, _ last: CivilDate) -> [DailyPoint] {
    (first.dayNumber...last.dayNumber).map {
      DailyPoint(
        date: CivilDate(dayNumber: $0).iso, events: 0, byKind: [0, 0, 0, 0, 0], likes: 0,
        dislikes: 0, likeRatio: nil)
    }
  }

  /// Spans of history (first and last day, as year, month, day), the grouping they get and how
  /// many groups.
  static let spans: [(first: [Int], last: [Int], size: DailyBuckets.Size, groups: Int)] = [
    // 56 days are still days; 57 days from a Monday touch 9 weeks.
    ([2026, 1, 5], [2026, 3, 1], .day, 56),
    ([2026, 1, 5], [2026, 3, 2], .week, 9),
    // The demo's year: the weeks of Mondays 17 Nov 2025 … 16 Nov 2026.
    ([2025, 11, 21], [2026, 11, 20], .week, 53),
    // Two years: 105 weeks are too many; Nov 2024 … Nov 2026 is 25 months.
    ([2024, 11, 21], [2026, 11, 20], .month, 25),
    // Ten years: Nov 2016 … Nov 2026 is 121 months, too many; Q4 2016 … Q4 2026 is 41 quarters.
    ([2016, 11, 21], [2026, 11, 20], .quarter, 41),
    // Every day TuneDash accepts, 2000 – 2099: 400 quarters, 100 years, 10 decades.
    ([2000, 1, 1], [2099, 12, 31], .decade, 10),
  ]

  @Test(arguments: PageWeightTests.spans.indices)
  func theFinestGroupingWithAtMost56Periods(span: Int) {
    let (first, last, size, groups) = Self.spans[span]
    let date = { (parts: [Int]) in CivilDate(year: parts[0], month: parts[1], day: parts[2]) }
    let grouped = DailyBuckets(Self.days(date(first), date(last)))
    #expect(grouped.size == size)
    #expect(grouped.buckets.count == groups)
    #expect(grouped.buckets.count <= DailyBuckets.maxPeriods)
  }

  @Test func groupsSumTheirDaysAndSayWhatTheRangeCovers() throws {
    // Wed 18 … Sun 22 Nov 2026, the first day half in the range: 4.5 of the 7 days of the week
    // of Monday 16 Nov. Likes 3 + 1 = 4, dislikes 1 + 3 = 4: a like ratio of 4 ÷ 8.
    var points = Self.days(
      CivilDate(year: 2026, month: 11, day: 18), CivilDate(year: 2026, month: 11, day: 22))
    points[0].coverage = 0.5
    points[0].likes = 3
    points[0].dislikes = 1
    points[1].likes = 1
    points[1].dislikes = 3
    points[2].events = 10
    points[2].byKind = [4, 0, 6, 0, 0]
    let week = try #require(DailyBuckets(points, size: .week).buckets.first)
    #expect(week.days == 7)
    #expect(week.covered == 4.5)
    #expect(week.isPartial)
    #expect(week.likeRatio == 0.5)
    #expect(week.events == 10 && week.byKind == [4, 0, 6, 0, 0])
    #expect(week.label == "Week of 16 Nov 2026 (4.5 of 7 days)")
    #expect(
      week.period
        == TimePeriod(firstDay: week.firstDay, days: 7, label: week.label, isPartial: true))
    // Days: a partial day says so in full in tooltips, briefly in tables; whole days nothing.
    let days = DailyBuckets(points, size: .day).buckets
    #expect(days[0].label == "Wed 18 Nov 2026 (part of the day)")
    #expect(days[0].tableLabel == "Wed 18 Nov 2026 (part)")
    #expect(days[1].label == "Thu 19 Nov 2026")
    #expect(!days[1].isPartial)
    // Calendar lengths and names: February of a leap year, a quarter of 31 + 28 + 31 days, a
    // leap year.
    let feb = CivilDate(year: 2024, month: 2, day: 1).dayNumber
    #expect(DailyBuckets.Size.month.length(from: feb) == 29)
    #expect(DailyBuckets.Size.month.name(from: feb) == "Feb 2024")
    let q1 = CivilDate(year: 2026, month: 1, day: 1).dayNumber
    #expect(DailyBuckets.Size.quarter.length(from: q1) == 90)
    #expect(DailyBuckets.Size.quarter.name(from: q1) == "Q1 2026")
    #expect(
      DailyBuckets.Size.decade.name(from: CivilDate(year: 2020, month: 1, day: 1).dayNumber)
        == "2020s")
    #expect(
      DailyBuckets.Size.decade.start(of: CivilDate(year: 2026, month: 5, day: 17))
        == CivilDate(year: 2020, month: 1, day: 1).dayNumber)
    #expect(DailyBuckets.Size.year.length(from: feb - 31) == 366)
    #expect(
      DailyBuckets.Size.quarter.start(of: CivilDate(year: 2026, month: 5, day: 17))
        == CivilDate(year: 2026, month: 4, day: 1).dayNumber)
  }

  /// One listener who plays once every 20 days for ten years up to A = 2026-01-01.
  static let tenYears: String = {
    let rows = (0..<183).map { "('u1', 'play', 1767225600 - \($0) * 20 * 86400)" }
    return """
      INSERT INTO users VALUES ('u1', 'Ann', NULL, 0);
      INSERT INTO activity (user_id, kind, occurred_at) VALUES \(rows.joined(separator: ", "));
      """
  }()

  @Test func tenYearsOfHistoryAreShownByQuarter() throws {
    let fixture = try Fixture(sql: Self.tenYears)
    let report = try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database), options: ReportOptions(minUsers: 1)
    ) { ids in Dictionary(uniqueKeysWithValues: ids.map { ($0, $0) }) }
    // 183 plays 20 days apart span 182 × 20 = 3,640 days: from 14 Jan 2016 to 1 Jan 2026,
    // Q1 2016 … Q1 2026, 41 quarters; report.json keeps every day.
    #expect(report[.all].daily.count == 3_641)
    let site = try SiteBuilder(theme: Theme.builtIn()).build(report)
    let page = String(decoding: site.files["all/index.html"]!, as: UTF8.self)
    let activity = try #require(page.range(of: #"<figure class="chart" id="activity-all">"#))
    let figure = String(page[activity.lowerBound...]).components(separatedBy: "</figure>")[0]
    #expect(figure.contains("Activity per quarter"))
    #expect(figure.components(separatedBy: #"class="td-hit""#).count - 1 == 41)
    // Body rows start a line (the head's row follows `<thead>`, its cell `Quarter`).
    #expect(figure.components(separatedBy: "\n<tr><th>Q").count - 1 == 41)
    #expect(page.contains("Like ratio per quarter") || page.contains("No ratings in this range."))
    #expect(site.files["all/index.html"]!.count < 200_000)
  }

  @Test func phoneDrawingsSparklinesAndProfilesAreImagesOfTheirFiles() throws {
    let report = try SiteBuilderTests.report(sql: SiteBuilderTests.sql)
    let site = try SiteBuilder(theme: Theme.builtIn()).build(report)
    let page = String(decoding: site.files["index.html"]!, as: UTF8.self)
    let images = page.components(separatedBy: #"<img src=""#).dropFirst().map {
      String($0.prefix { $0 != "\"" })
    }
    #expect(images.contains("charts/30d/genres-narrow.svg"))
    #expect(images.contains("charts/30d/activity-narrow.svg"))
    for image in images { #expect(site.files[image] != nil, "\(image) is not written") }
    // HTML wants whole pixels in an image's width and height (the files keep their exact size).
    for tag in page.components(separatedBy: "<img ").dropFirst() {
      let tag = String(tag.prefix { $0 != ">" })
      for name in ["width", "height"] {
        let value = tag.components(separatedBy: " \(name)=\"")[1].prefix { $0 != "\"" }
        #expect(
          !value.isEmpty && value.allSatisfy(\.isNumber), "\(name)=\"\(value)\" in <img \(tag)>")
      }
    }
    // No drawing is inline twice: each chart's wide drawing is the page's only copy.
    #expect(
      page.components(separatedBy: "<svg ").count - 1 == page.components(
        separatedBy: #"<div class="chart-wide">"#
      ).count - 1)
    // Number cells carry no class; text cells say so.
    #expect(!page.contains(#"<td class="num">"#))
    let css = String(decoding: site.files["charts.css"]!, as: UTF8.self)
    #expect(css.hasPrefix(ChartStylesheet.base))
    let standalone = String(decoding: site.files["charts/30d/genres-narrow.svg"]!, as: UTF8.self)
    #expect(standalone.contains(".td-chart .td-12 { font-size: 12px; }"))
  }
}
