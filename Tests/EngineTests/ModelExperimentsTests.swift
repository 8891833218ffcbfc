import Foundation
import ReportModel
import TestSupport
import Testing

/// Model-version comparisons worked out by hand on `ExperimentServiceRows`.
///
/// A = 2026-01-01T00:00:00Z, D = one day; every rating is at the first second of its day, so
/// "A − 6D" is 26 Dec. Last 7 days: 26 Dec – 1 Jan; last 30 days: 3 Dec – 1 Jan.
///
///  feedback user verdict time    source    model
///  1        u1   +1      A − 40D song      rec-c
///  2        u5   −1      A − 35D playlist  rec-c
///  3        u3   +1      A − 20D song      rec-a
///  4        u5   −1      A − 20D song      rec-a
///  5        u5   +1      A − 10D song      rec-a
///  6        u5   −1      A − 10D playlist  rec-b
///  7        u1   +1      A − 6D  song      rec-a
///  8        u1   −1      A − 6D  song      rec-a
///  9        u2   +1      A − 6D  playlist  rec-a
///  10       u2   +1      A − 1D  playlist  rec-a
///  11       u2   +1      A − 1D  playlist  rec-a
///  12       u4   −1      A − 1D  song      rec-a
///  13       u1   +1      A − 6D  song      rec-b
///  14       u3   +1      A − 6D  playlist  rec-b
///  15       u3   −1      A − 1D  song      rec-b
///  16       u4   +1      A − 1D  song      rec-b
///  17       u4   +1      A − 6D  song      rec-b
///  18       u2   +1      A − 5D  song      rec-b
///  19       u5   +1      A − 6D  song      rec-d
///
/// First ratings: rec-c A − 40D, rec-a A − 20D, rec-b A − 10D; so the pairs are (c, a), (c, b),
/// (a, b). With `minUsers` 2, rec-d (one rater) is folded on the "by model"
/// chart and compared with nothing.
@Suite("Model-version comparisons, worked out by hand")
struct ModelExperimentsTests {
  let report: Report

  init() throws {
    report = try SmallService.report(from: ExperimentServiceRows.source, minUsers: 2)
  }

  /// Last 7 days. rec-a rates on 26 and 31 Dec, rec-b on 26, 27 and 31 Dec: the overlap is
  /// 26 and 31 Dec (row 18 on 27 Dec does not count). Per listener (y_A, m_A, y_B, m_B):
  /// u1 (1, 2, 1, 1) — rated both —, u2 (3, 3, 0, 0), u3 (0, 0, 1, 2), u4 (0, 1, 2, 2); n = 4.
  /// R_A = 4/6, R_B = 4/5, d = 2/15 = 0.133333.
  /// Residuals e_A = y_A − R_A·m_A: −1/3, 1, 0, −2/3 (Σe² = 14/9); e_B: 0.2, 0, −0.6, 0.4
  /// (Σe² = 0.56); Σe_A·e_B = −1/15 − 4/15 = −1/3. n(n−1) = 12, m̄_A = 1.5, m̄_B = 1.25:
  /// V_A = (14/9)/(12·2.25) = 14/243, V_B = 0.56/18.75 = 56/1875, C = (−1/3)/22.5 = −2/135,
  /// V = 14/243 + 56/1875 + 4/135 = 0.1171095; √V = 0.3422126.
  /// 95%: 2/15 ± 1.959964·√V = [−0.537391, 0.804058]; z = 0.389620, p = 0.696817.
  /// Always valid (τ² = 0.0009): V(V+τ²)/τ² = 15.35557, ln((V+τ²)/V) = 0.0076557,
  /// −2 ln 0.05 = 5.9914645: half-width √(15.35557·5.9991202) = 9.597916 → [−9.464583, 9.731249],
  /// which contains 0: undecided.
  @Test func lastSevenDays() throws {
    let experiments = report[.days7].experiments
    try #require(experiments.count == 1)
    let ab = experiments[0]
    #expect(ab.a == "rec-a" && ab.b == "rec-b" && ab.status == .compared)
    #expect(
      ab.overlap
        == ComparisonOverlap(firstDay: "2025-12-26", lastDay: "2025-12-31", days: 2, listeners: 4))
    #expect(
      ab.versions == [
        ComparedVersion(
          model: "rec-a", firstDay: "2025-12-26", lastDay: "2025-12-31", listeners: 3, likes: 4,
          ratings: 6, likeRatio: 0.666667),
        ComparedVersion(
          model: "rec-b", firstDay: "2025-12-26", lastDay: "2025-12-31", listeners: 3, likes: 4,
          ratings: 5, likeRatio: 0.8),
      ])
    #expect(
      ab.result
        == ComparisonResult(
          difference: 0.133333, ci95: [-0.537391, 0.804058], alwaysValid95: [-9.464583, 9.731249],
          pValue: 0.696817, verdict: .undecided))
  }

  /// Per source, last 7 days (the chart's order: song has 9 ratings, playlist 4).
  /// Song: u1 (1, 2, 1, 1), u3 (0, 0, 0, 1), u4 (0, 1, 2, 2); n = 3, R_A = 1/3, R_B = 3/4,
  /// d = 5/12. e_A: 1/3, 0, −1/3 (Σe² = 2/9); e_B: 1/4, −3/4, 1/2 (Σe² = 7/8); Σe_A·e_B =
  /// 1/12 − 1/6 = −1/12. n(n−1) = 6, m̄_A = 1, m̄_B = 4/3: V_A = 1/27, V_B = (7/8)/(6·16/9)
  /// = 21/256, C = (−1/12)/8 = −1/96; V = 967/6912 = 0.1399016, √V = 0.3740342.
  /// 95%: [−0.316427, 1.14976]; p = 0.265288; always valid [−11.040909, 11.874242].
  /// Playlist: A is u2 alone (3 of 3), B u3 (1 of 1): a side with 1 < 2 listeners, withheld.
  @Test func lastSevenDaysBySource() throws {
    let bySource = try #require(report[.days7].experiments.first).bySource
    try #require(bySource.map(\.source) == ["song", "playlist"])
    #expect(bySource[0].status == .compared && bySource[0].listeners == 3)
    #expect(bySource[0].versions.map(\.listeners) == [2, 3])
    #expect(bySource[0].versions.map(\.likeRatio) == [0.333333, 0.75])
    #expect(
      bySource[0].result
        == ComparisonResult(
          difference: 0.416667, ci95: [-0.316427, 1.14976],
          alwaysValid95: [-11.040909, 11.874242], pValue: 0.265288, verdict: .undecided))
    #expect(bySource[1].status == .tooFewListeners && bySource[1].listeners == nil)
    #expect(bySource[1].versions.map(\.ratings) == [nil, nil])
    #expect(bySource[1].result == .withheld)
  }

  /// Last 30 days: 22 Dec is an overlap day too (rows 5 and 6), so u5 (1, 1, 0, 1) joins;
  /// rec-a's ratings on 12 Dec (rows 3, 4) are not on an overlap day. n = 5: R_A = 5/7,
  /// R_B = 4/6, d = −1/21 = −0.047619. e_A: −3/7, 6/7, 0, −5/7, 2/7 (Σe² = 74/49); e_B: 1/3, 0,
  /// −1/3, 2/3, −2/3 (Σe² = 10/9); Σe_A·e_B = −1/7 − 10/21 − 4/21 = −17/21. n(n−1) = 20,
  /// m̄_A = 7/5, m̄_B = 6/5: V_A = (74/49)/(20·49/25) = 185/4802, V_B = (10/9)/(20·36/25)
  /// = 25/648, C = (−17/21)/(20·42/25) = −85/3528; V = 0.1252918, √V = 0.3539658.
  /// 95%: [−0.741379, 0.646141]; p = 0.892983; always valid [−10.31315, 10.217911].
  @Test func lastThirtyDays() throws {
    let experiments = report[.days30].experiments
    try #require(experiments.count == 1)
    let ab = experiments[0]
    #expect(
      ab.overlap
        == ComparisonOverlap(firstDay: "2025-12-22", lastDay: "2025-12-31", days: 3, listeners: 5))
    #expect(ab.versions.map(\.firstDay) == ["2025-12-12", "2025-12-22"])
    #expect(ab.versions.map(\.likes) == [5, 4] && ab.versions.map(\.ratings) == [7, 6])
    #expect(
      ab.result
        == ComparisonResult(
          difference: -0.047619, ci95: [-0.741379, 0.646141],
          alwaysValid95: [-10.31315, 10.217911], pValue: 0.892983, verdict: .undecided))
  }

  /// All time: rec-c (22–27 Nov, raters u1 and u5) served on no day with rec-a or rec-b, and it
  /// came first, so it is A in both of its pairs; those pairs have no overlap and no numbers.
  /// (rec-a, rec-b) is the 30 days' comparison: no rating before 3 Dec is theirs.
  @Test func allTime() throws {
    let experiments = report[.all].experiments
    #expect(experiments.map { "\($0.a)/\($0.b)" } == ["rec-c/rec-a", "rec-c/rec-b", "rec-a/rec-b"])
    for never in experiments.prefix(2) {
      #expect(never.status == .neverSideBySide && never.overlap == nil)
      #expect(never.result == .withheld && never.bySource.isEmpty)
      #expect(
        never.versions[0].firstDay == "2025-11-22" && never.versions[0].lastDay == "2025-11-27")
      #expect(never.versions.allSatisfy { $0.listeners == nil && $0.likeRatio == nil })
    }
    #expect(experiments[1].versions[1].firstDay == "2025-12-22")
    #expect(experiments[2] == report[.days30].experiments[0])
  }

  /// With `minUsers` 5, rec-a and rec-b each have 5 raters in the last 30 days and stay on the
  /// chart, but only 4 of each rated on an overlap day: withheld, days still given.
  @Test func privacyOnTheOverlap() throws {
    let strict = try SmallService.report(from: ExperimentServiceRows.source, minUsers: 5)
    let ab = try #require(strict[.days30].experiments.first)
    #expect(ab.status == .tooFewListeners && ab.result == .withheld)
    #expect(
      ab.overlap
        == ComparisonOverlap(
          firstDay: "2025-12-22", lastDay: "2025-12-31", days: 3, listeners: nil))
    #expect(ab.versions.allSatisfy { $0.listeners == nil && $0.ratings == nil })
    // The last 7 days: rec-a has 3 raters, folded on the chart: nothing to compare.
    #expect(strict[.days7].experiments.isEmpty)
  }

  /// `report.json` writes every field of a comparison, `null` where a number is withheld, and
  /// reads it back.
  @Test func jsonKeepsWithheldNumbersAsNull() throws {
    let never = try #require(report[.all].experiments.first)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(never)
    let json = String(decoding: data, as: UTF8.self)
    for field in [
      "\"overlap\":null", "\"difference\":null", "\"ci95\":null", "\"alwaysValid95\":null",
      "\"pValue\":null", "\"likeRatio\":null", "\"listeners\":null", "\"verdict\":\"undecided\"",
      "\"status\":\"neverSideBySide\"",
    ] {
      #expect(json.contains(field), "\(field) in \(json)")
    }
    #expect(try JSONDecoder().decode(ModelComparison.self, from: data) == never)
    let compared = try #require(report[.days7].experiments.first)
    #expect(
      try JSONDecoder().decode(ModelComparison.self, from: encoder.encode(compared)) == compared)
  }
}
