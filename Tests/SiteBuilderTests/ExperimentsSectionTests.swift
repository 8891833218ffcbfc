import BuildPipeline
import Engine
import Foundation
import ReportModel
import TestSupport
import Testing

@testable import SiteBuilder

/// The Experiments section on the hand-worked service of `ExperimentServiceRows` (its numbers
/// are worked out in `ModelExperimentsTests`): cards, the interval chart, the pairs without
/// numbers and the table.
@Suite("Experiments section")
struct ExperimentsSectionTests {
  /// The service's report as of its A, in UTC, groups shown from `minUsers` listeners.
  static func report(minUsers: Int) throws -> Report {
    let options = ReportOptions(
      asOf: ExperimentServiceRows.asOf, minRatings: 1, minUsers: minUsers)
    return try ReportPipeline.build(from: ExperimentServiceRows.source, options: options) { ids in
      Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") })
    }
  }

  /// The Experiments section of `page` (from its heading to the next section).
  static func section(_ site: SiteFiles, page: String) throws -> String {
    let html = String(decoding: try #require(site.files[page]), as: UTF8.self)
    let start = try #require(html.range(of: #"<h2 id="experiments-heading">"#))
    return String(html[start.lowerBound...]).components(separatedBy: "</section>")[0]
  }

  /// Last 7 days, `minUsers` 2: rec-a → rec-b with d = 2/15 = +13.3 pts, 95% interval
  /// [−0.537391, 0.804058] = −53.7 to +80.4 pts, always valid [−9.464583, 9.731249] =
  /// −946.5 to +973.1 pts (contains 0: undecided), p = 0.697; n = 4 on 26 and 31 Dec.
  @Test func aCardAChartAndTheTableOfAComparison() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(minUsers: 2))
    let section = try Self.section(site, page: "7d/index.html")
    // The card: the pair, d, the verdict, the always-valid interval, listeners and days.
    #expect(section.contains(#"<p class="card-label">rec-a → rec-b</p>"#))
    #expect(section.contains(#"<p class="card-value">+13.3 pts</p>"#))
    #expect(section.contains(#"<p class="card-change flat">"#))
    #expect(section.contains("No difference shown yet"))
    #expect(
      section.contains(
        "Always-valid 95%: −946.5 to +973.1 pts · 4 listeners on 2 days side by side, 26 Dec – 31 Dec 2025"
      ))
    // The p-value is no headline: only the table has it.
    let table = try #require(section.range(of: "<table>"))
    #expect(!section[..<table.lowerBound].contains("0.697"))
    // The table: the whole comparison, then song (3 listeners, d = 5/12, 95% interval
    // [−0.316427, 1.14976]), then playlist, withheld (a side with one listener).
    #expect(
      section.contains(
        #"<tr><th>rec-a → rec-b<td class="text">All<td>2<td>4<td>66.7% (4 of 6)<td>80.0% (4 of 5)<td>+13.3 pts<td>−53.7 to +80.4 pts<td>−946.5 to +973.1 pts<td>0.697<td class="text">No difference shown yet</tr>"#
      ))
    #expect(
      section.contains(
        #"<td class="text">song<td>2<td>3<td>33.3% (1 of 3)<td>75.0% (3 of 4)<td>+41.7 pts<td>−31.6 to +115.0 pts<td>−1,104.1 to +1,187.4 pts<td>0.265<td class="text">No difference shown yet</tr>"#
      ))
    #expect(
      section.contains(
        #"<td class="text">playlist<td>2<td>–<td>–<td>–<td>–<td>–<td>–<td>–<td class="text">Withheld for privacy</tr>"#
      ))
  }

  /// The chart: an accessible image whose always-valid line runs past both ends of an axis cut
  /// to the 95% interval, marked by arrowheads; the description says the numbers in words.
  @Test func theChartCutsTheAlwaysValidIntervalAndSaysSo() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(minUsers: 2))
    let section = try Self.section(site, page: "7d/index.html")
    let svg = try #require(section.components(separatedBy: "<svg ").dropFirst().first)
    #expect(svg.contains(#"role="img""#))
    #expect(svg.contains(#"aria-labelledby="experiments-7d-w-title experiments-7d-w-desc""#))
    #expect(svg.contains(#"<title id="experiments-7d-w-title">Difference in like ratio, B − A"#))
    #expect(
      svg.contains(
        "rec-a → rec-b: +13.3 pts (95% interval −53.7 to +80.4 pts; always-valid −946.5 to +973.1 pts), verdict: No difference shown yet"
      ))
    let clipped = try #require(
      svg.components(separatedBy: "<").first { $0.contains("td-interval-clipped") })
    // Two arrowheads, one at each end.
    #expect(clipped.components(separatedBy: "z").count - 1 == 2)
    // The axis reaches about as far as the 95% interval (−54 … +80 pts), not ±947 pts.
    #expect(svg.contains(">+80<") || svg.contains(">+100<"))
    #expect(!svg.contains(">+200<") && !svg.contains(">+900<"))
    #expect(svg.contains(#"class="td-interval-row td-interval-undecided""#))
    // The phone drawing is a file of its own.
    #expect(site.files["charts/7d/experiments-narrow.svg"] != nil)
  }

  /// All time: rec-c served 22–27 Nov, before rec-a and rec-b: its two pairs are listed as never
  /// side by side with each version's days, and have no card and no row on the chart.
  @Test func pairsThatNeverServedSideBySideAreListedWithTheirDays() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(minUsers: 2))
    let section = try Self.section(site, page: "all/index.html")
    #expect(
      section.contains(
        "<li>rec-c → rec-a: never served side by side in this range (rec-c 22 Nov – 27 Nov 2025; rec-a 12 Dec – 31 Dec 2025).</li>"
      ))
    #expect(
      section.contains(
        "<li>rec-c → rec-b: never served side by side in this range (rec-c 22 Nov – 27 Nov 2025; rec-b 22 Dec – 31 Dec 2025).</li>"
      ))
    #expect(section.components(separatedBy: #"<li class="card">"#).count - 1 == 1)
    #expect(section.components(separatedBy: "td-interval-row ").count - 1 == 1)
    #expect(
      section.contains(
        #"<tr><th>rec-c → rec-a<td class="text">All<td>0<td>–<td>–<td>–<td>–<td>–<td>–<td>–<td class="text">Never served side by side</tr>"#
      ))
  }

  /// `minUsers` 5: the 30 days' pair has only 4 listeners a side on its overlap days, so it is
  /// listed without numbers; the 7 days show one version only, so there is nothing to compare.
  @Test func pairsWithheldForPrivacyHaveNoNumbers() throws {
    let site = try SiteBuilder(theme: Theme.builtIn()).build(Self.report(minUsers: 5))
    let month = try Self.section(site, page: "index.html")
    #expect(
      month.contains(
        "<li>rec-a → rec-b: withheld for privacy, fewer than 5 listeners rated one of them on the days both served (3 days side by side, 22 Dec – 31 Dec 2025).</li>"
      ))
    #expect(!month.contains(#"class="card""#) && !month.contains("<svg"))
    #expect(!month.contains(" pts"))
    let week = try Self.section(site, page: "7d/index.html")
    #expect(
      week.contains(
        "No comparison in this range: the “Like ratio by model version” chart shows fewer than two versions."
      ))
  }

  /// A decided comparison: the card says which way, in words, with an arrow and the colour of
  /// a rise or a fall; the chart's row takes the verdict's class and, its always-valid interval
  /// inside the axis, has no arrowhead.
  @Test func decidedVerdictsSayWhichWay() throws {
    var report = try Self.report(minUsers: 2)
    for (verdict, bounds, words, trend) in [
      (ComparisonVerdict.better, [0.01, 0.25], "B better", "up"),
      (.worse, [-0.3, -0.02], "B worse", "down"),
    ] {
      // d in the middle of the always-valid interval, the 95% interval 60% as wide.
      let d = (bounds[0] + bounds[1]) / 2
      let half = (bounds[1] - bounds[0]) * 0.3
      report.ranges.days7.experiments[0].result.verdict = verdict
      report.ranges.days7.experiments[0].result.ci95 = [d - half, d + half]
      report.ranges.days7.experiments[0].result.difference = d
      report.ranges.days7.experiments[0].result.alwaysValid95 = bounds
      let site = try SiteBuilder(theme: Theme.builtIn()).build(report)
      let section = try Self.section(site, page: "7d/index.html")
      #expect(
        section.contains(
          #"<p class="card-change \#(trend)"><span aria-hidden="true">\#(trend == "up" ? "▲" : "▼")</span> \#(words)"#
        ))
      #expect(section.contains("td-interval-row td-interval-\(verdict.rawValue)"))
      #expect(!section.contains("td-interval-clipped"))
    }
  }

  /// A comparison with a difference but no measurable uncertainty (fewer than two listeners, or
  /// every residual zero): d is shown without an interval, and no difference is claimed.
  @Test func aDifferenceWithoutAnIntervalClaimsNothing() throws {
    var report = try Self.report(minUsers: 2)
    report.ranges.days7.experiments[0].result = ComparisonResult(
      difference: 0.1, ci95: nil, alwaysValid95: nil, pValue: nil, verdict: .undecided)
    let site = try SiteBuilder(theme: Theme.builtIn()).build(report)
    let section = try Self.section(site, page: "7d/index.html")
    #expect(section.contains(#"<p class="card-value">+10.0 pts</p>"#))
    #expect(section.contains("No difference shown yet"))
    #expect(
      section.contains("No interval: too few listeners, or too little variation, to measure it"))
    #expect(!section.contains("td-interval-inner") && !section.contains("td-interval-outer"))
    #expect(section.contains(#"class="td-interval-dot""#))
  }
}
