import Testing

@testable import DemoData

/// The demo's service runs its model versions as real services do: v1 alone, an A/B test of v2
/// against v1, v2 alone, and an A/B test of v3 against v2 still running at the end, with
/// listeners (not rows) assigned to the groups.
@Suite("Demo model schedule")
struct ModelScheduleTests {
  static let year = ModelSchedule(days: 365, seed: 1)

  /// 0.45 × 365 = 164.25, 0.57 × 365 = 208.05, 0.88 × 365 = 321.2: the tests start on days
  /// 164 and 321, and the first ends before day 208 (44 days, about six weeks).
  @Test func theYearsTestsFallOnTheDaysOfTheTable() {
    #expect(
      Self.year.tests == [
        .init(control: 0, treatment: 1, firstDay: 164, endDay: 208, share: 0.5),
        .init(control: 1, treatment: 2, firstDay: 321, endDay: .max, share: 0.25),
      ])
  }

  /// Outside the tests every listener gets the same model: v1 before the first, v2 between
  /// them. During a test a listener keeps one model from its first day to its last, and the v3
  /// test goes on after the history (the days `--append` writes).
  @Test func eachListenerHasOneModelADay() {
    for listener in 0..<2_000 {
      for day in [0, 100, 163] { #expect(Self.year.model(for: listener, on: day) == 0) }
      for day in [208, 250, 320] { #expect(Self.year.model(for: listener, on: day) == 1) }
      let first = Self.year.model(for: listener, on: 164)
      #expect(first == 0 || first == 1)
      for day in [165, 190, 207] { #expect(Self.year.model(for: listener, on: day) == first) }
      let second = Self.year.model(for: listener, on: 321)
      #expect(second == 1 || second == 2)
      for day in [340, 364, 365, 400] {
        #expect(Self.year.model(for: listener, on: day) == second)
      }
    }
  }

  /// Over 100,000 listeners the groups hold their shares to within a point: the share's
  /// standard deviation is √(0.5 × 0.5 / 100,000) ≈ 0.0016 for the first test and
  /// √(0.25 × 0.75 / 100,000) ≈ 0.0014 for the second, so a point is six or seven of them.
  /// The two tests split the listeners independently: of those on v2 in the first test, a
  /// quarter are on v3 in the second too (50,000 listeners: to within 1.5 points, about eight
  /// standard deviations of √(0.25 × 0.75 / 50,000) ≈ 0.0019).
  @Test func theGroupsHoldTheirShares() {
    let listeners = 100_000
    var onV2 = 0
    var onV3 = 0
    var onBoth = 0
    for listener in 0..<listeners {
      let first = Self.year.model(for: listener, on: 170) == 1
      let second = Self.year.model(for: listener, on: 330) == 2
      if first { onV2 += 1 }
      if second { onV3 += 1 }
      if first && second { onBoth += 1 }
    }
    #expect(abs(Double(onV2) / Double(listeners) - 0.5) < 0.01)
    #expect(abs(Double(onV3) / Double(listeners) - 0.25) < 0.01)
    #expect(abs(Double(onBoth) / Double(onV2) - 0.25) < 0.015)
  }

  /// The same seed gives the same groups; another seed splits the listeners another way: about
  /// half of them land in a different group of the first test (each is on v2 with chance ½
  /// under each seed, independently: ½ × ½ + ½ × ½ = ½ disagree), so 10,000 listeners with
  /// fewer than 4,000 or more than 6,000 disagreements would mean the seed is not mixed in.
  @Test func theSeedDecidesTheGroups() {
    let again = ModelSchedule(days: 365, seed: 1)
    let other = ModelSchedule(days: 365, seed: 2)
    var disagreements = 0
    for listener in 0..<10_000 {
      #expect(again.isTreated(listener, in: 0) == Self.year.isTreated(listener, in: 0))
      if other.isTreated(listener, in: 0) != Self.year.isTreated(listener, in: 0) {
        disagreements += 1
      }
    }
    #expect((4_000...6_000).contains(disagreements))
  }
}
