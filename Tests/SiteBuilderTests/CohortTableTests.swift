import Foundation
import ReportModel
import Testing

@testable import SiteBuilder

/// The retention cohorts on the page: shares of complete weeks only, the week in progress
/// marked (never 0%), later weeks blank, small cohorts with their size alone.
@Suite("The retention cohort table")
struct CohortTableTests {
  /// Three cohorts: W−2 (shares for W−2, W−1, W), W−1 below the privacy threshold, W.
  static func report(asOfDate: String) throws -> Report {
    var report = try SiteBuilderTests.report(sql: SiteBuilderTests.sql)
    report.minUsers = 5
    report.asOfDate = asOfDate
    report.retention = RetentionReport(cohorts: [
      .init(week: "2025-12-08", size: 10, shares: [1, 0.4, 0.2]),
      .init(week: "2025-12-15", size: 3, shares: nil),
      .init(week: "2025-12-22", size: 8, shares: [1]),
    ])
    return report
  }

  /// The rows of the cohort table on the 30-day page, each as its cells' markup.
  static func rows(_ report: Report) throws -> [String] {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(report)
    let page = String(decoding: try #require(site.files["index.html"]), as: UTF8.self)
    let table = try #require(page.range(of: #"<table class="cohorts">"#))
    let body = page[table.upperBound...].components(separatedBy: "</tbody>")[0]
    return body.components(separatedBy: "<tr>").dropFirst(2).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  @Test func theWeekInProgressIsMarkedAndSmallCohortsShowTheirSizeOnly() throws {
    // Thursday 1 January 2026: the week of Monday 29 December is in progress.
    let rows = try Self.rows(Self.report(asOfDate: "2026-01-01"))
    #expect(rows.count == 3)
    // Week 0 takes the strongest shade; the others scale from the lowest later share (20%:
    // shade 1) to the highest (40%: shade 5). The 8 weeks to come are one blank cell.
    #expect(
      rows[0]
        == #"<th>8 Dec<td>10<td class="s5">100<td class="s5">40<td class="s1">20<td class="pending"><span aria-hidden="true">…</span><span class="visually-hidden">week not complete</span><td colspan="8">"#
    )
    #expect(
      rows[1]
        == #"<th>15 Dec<td>3<td class="note" colspan="12">Fewer than 5 listeners: shares not shown."#
    )
    #expect(rows[2].hasPrefix(#"<th>22 Dec<td>8<td class="s5">100<td class="pending">"#))
    #expect(rows[2].hasSuffix(#"<td colspan="10">"#))
    #expect(!rows.joined().contains(">0<"))
  }

  @Test func sharesSpreadOverTheShadesBetweenTheLowestAndTheHighest() {
    // From 80% to 95%: the span of 15 points cut into five parts of 3 points.
    let shade = { (share: Double) in CohortTableView.shade(of: share, low: 0.80, high: 0.95) }
    #expect(shade(0.80) == 1)  // (0.80 − 0.80) ÷ 0.15 × 5 = 0
    #expect(shade(0.829) == 1)  // 0.029 ÷ 0.15 × 5 = 0.97
    #expect(shade(0.84) == 2)  // 0.04 ÷ 0.15 × 5 = 1.33
    #expect(shade(0.875) == 3)  // 0.075 ÷ 0.15 × 5 = 2.5
    #expect(shade(0.92) == 5)  // 0.12 ÷ 0.15 × 5 = 4
    #expect(shade(0.95) == 5)  // 5: the highest takes the last shade
    // All the same share: the middle shade.
    #expect(CohortTableView.shade(of: 0.9, low: 0.9, high: 0.902) == 3)
  }

  @Test func dataEndingWithTheWeekHasNoWeekInProgress() throws {
    // Sunday 28 December, the last day of the newest cohort's week: nothing is in progress.
    let rows = try Self.rows(Self.report(asOfDate: "2025-12-28"))
    #expect(!rows.joined().contains("pending"))
    #expect(rows[2].hasSuffix(#"<td class="s5">100<td colspan="11">"#))
  }
}
