import DemoData
import Testing

@testable import Engine

/// The first few elements in an order, against sorting every element.
@Suite("Top selection")
struct TopSelectionTests {
  @Test func theFirstFewAreThoseAStableSortGives() {
    var random = SplitMix64(seed: 11)
    for round in 0..<200 {
      // Scores from a small range, so that many tie and keep their order among themselves.
      let scores = (0..<random.below(60)).map { _ in random.below(8) }
      let count = random.below(12)
      let before = { (a: Int, b: Int) in scores[a] > scores[b] }
      let expected = Array(scores.indices.sorted(by: before).prefix(count))
      #expect(
        TopSelection.first(count, of: scores.indices, by: before) == expected, "round \(round)")
    }
  }

  @Test func handWorkedCases() {
    // 5, 9, 9, 1, 7 by value, largest first: 9 (index 1), 9 (index 2), 7 (index 4).
    let values = [5, 9, 9, 1, 7]
    #expect(TopSelection.first(3, of: values.indices) { values[$0] > values[$1] } == [1, 2, 4])
    #expect(TopSelection.first(0, of: values.indices) { values[$0] > values[$1] } == [])
    #expect(
      TopSelection.first(9, of: values.indices) { values[$0] > values[$1] } == [1, 2, 4, 0, 3])
  }
}
