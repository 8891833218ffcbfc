import DemoData
import Foundation
import GRDB
import TestSupport
import Testing

/// The feedback rows of a demo year follow ``ModelSchedule``'s table: rec-v1 alone until day
/// 164, an A/B test of rec-v2 on half the listeners until day 208, rec-v2 alone, and from day
/// 321 an A/B test of rec-v3 on a quarter of them until the end.
@Suite("Demo model rows")
struct DemoModelRowsTests {
  /// Enough listeners that a quarter of those who rate during the last test is a share, not a
  /// handful; few activity rows, which these checks do not read.
  static let options = DemoOptions(
    users: 2_000, tracks: 500, events: 1_000, feedback: 40_000, seed: 7)

  /// The rows' models and listeners, by day of the history (day 0 starts at `options.start`).
  struct Rows {
    let queue: DatabaseQueue

    /// The day of a row, as SQL.
    static let day = "((occurred_at - \(DemoModelRowsTests.options.start)) / 86400)"

    /// The models that served on days `days`, sorted.
    func models(_ days: Range<Int>) throws -> [String] {
      try queue.read {
        try String.fetchAll(
          $0,
          sql: """
            SELECT DISTINCT model FROM feedback
            WHERE \(Self.day) >= \(days.lowerBound) AND \(Self.day) < \(days.upperBound)
            ORDER BY model
            """)
      }
    }

    /// How many listeners rated under more than one model on days `days`.
    func listenersWithTwoModels(_ days: Range<Int>) throws -> Int {
      try queue.read {
        try Int.fetchOne(
          $0,
          sql: """
            SELECT count(*) FROM (
              SELECT user_id FROM feedback
              WHERE \(Self.day) >= \(days.lowerBound) AND \(Self.day) < \(days.upperBound)
              GROUP BY user_id HAVING count(DISTINCT model) > 1)
            """)!
      }
    }

    /// How many listeners rated on days `days`, and how many of them under `model`.
    func listeners(_ days: Range<Int>, on model: String) throws -> (all: Int, on: Int) {
      try queue.read {
        let row = try Row.fetchOne(
          $0,
          sql: """
            SELECT count(DISTINCT user_id) AS all_,
              count(DISTINCT CASE WHEN model = '\(model)' THEN user_id END) AS on_
            FROM feedback
            WHERE \(Self.day) >= \(days.lowerBound) AND \(Self.day) < \(days.upperBound)
            """)!
        return (row["all_"], row["on_"])
      }
    }

    /// The share of likes among the ratings under `model` on days `days`.
    func likeShare(_ days: Range<Int>, _ model: String) throws -> Double {
      try queue.read {
        try Double.fetchOne(
          $0,
          sql: """
            SELECT avg(verdict = 1) FROM feedback
            WHERE model = '\(model)'
              AND \(Self.day) >= \(days.lowerBound) AND \(Self.day) < \(days.upperBound)
            """)!
      }
    }
  }

  /// One demo database for every test here, written on first use.
  static let shared = Result {
    let path = try TemporaryFolder.make().appendingPathComponent("demo.sqlite").path
    try DemoDatabase.create(at: path, options: Self.options)
    return Rows(queue: try DatabaseQueue(path: path))
  }

  /// Before the first test only rec-v1 serves, between the tests only rec-v2; during each test
  /// both its versions serve, and no listener rates under both.
  @Test func eachPhaseServesItsModels() throws {
    let rows = try Self.shared.get()
    #expect(try rows.models(0..<164) == ["rec-v1"])
    #expect(try rows.models(164..<208) == ["rec-v1", "rec-v2"])
    #expect(try rows.models(208..<321) == ["rec-v2"])
    #expect(try rows.models(321..<365) == ["rec-v2", "rec-v3"])
    #expect(try rows.listenersWithTwoModels(164..<208) == 0)
    #expect(try rows.listenersWithTwoModels(321..<365) == 0)
  }

  /// Of the listeners who rate during a test, the treatment group holds about its share: with
  /// n of them, the share's standard deviation is at most √(0.25 / n), under 0.025 for the
  /// hundreds these tests have, so five points is two standard deviations and more.
  @Test func theGroupsHoldTheirSharesOfRatingListeners() throws {
    let rows = try Self.shared.get()
    let first = try rows.listeners(164..<208, on: "rec-v2")
    let second = try rows.listeners(321..<365, on: "rec-v3")
    #expect(first.all >= 400 && second.all >= 400)
    #expect(abs(Double(first.on) / Double(first.all) - 0.5) < 0.05)
    #expect(abs(Double(second.on) / Double(second.all) - 0.25) < 0.05)
  }

  /// The lifts show during the tests: rec-v2's like share is about 9 points above rec-v1's and
  /// rec-v3's about 5 above rec-v2's. With thousands of ratings in each group (standard error
  /// of a difference near √(0.25 / 2,000 + 0.25 / 6,000) ≈ 0.013 at worst) half the lift is
  /// two standard errors and more.
  @Test func theNewerVersionIsLikedMore() throws {
    let rows = try Self.shared.get()
    let first = try rows.likeShare(164..<208, "rec-v2") - rows.likeShare(164..<208, "rec-v1")
    let second = try rows.likeShare(321..<365, "rec-v3") - rows.likeShare(321..<365, "rec-v2")
    #expect(first > 0.09 / 2)
    #expect(second > 0.05 / 2)
  }
}
