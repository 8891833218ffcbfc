import BuildPipeline
import EventStore
import Testing

@testable import Engine

/// The pair log against a dictionary: the same pairs, each with its latest time, whatever the
/// order of sightings and however often the buffer is merged.
@Suite("PairLog")
struct PairLogTests {
  /// Sightings from a fixed sequence: users 0 … 40, keys 0 … 300 (with large gaps), times over
  /// a year.
  static func sightings() -> [(Int32, Int32, Int64)] {
    var state: UInt64 = 12345
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    return (0..<5_000).map { _ in
      (
        Int32(next() % 41), Int32(next() % 301) * 977,
        1_767_225_600 - Int64(next() % (365 * 86_400))
      )
    }
  }

  @Test(arguments: [true, false])
  func holdsEveryPairOnceWithItsLatestTime(keepsTimes: Bool) throws {
    var log = PairLog(keepsTimes: keepsTimes, bufferSize: 97)
    var expected: [Int64: UInt32] = [:]
    for (user, key, time) in Self.sightings() {
      log.see(user, key, at: time)
      let pair = Int64(user) << 32 | Int64(key)
      expected[pair] = max(expected[pair] ?? 0, keepsTimes ? UserPairs.stamp(time) : 0)
    }
    var seen: [(Int64, UInt32)] = []
    log.forEachPair { user, key, stamp in seen.append((Int64(user) << 32 | Int64(key), stamp)) }
    #expect(seen.map(\.0) == expected.keys.sorted())
    #expect(seen.allSatisfy { expected[$0.0] == $0.1 })
    log.merge()  // the count is exact once the runs are merged
    #expect(log.count == expected.count)

    // Written and read back: the same pairs; damaged bytes are refused.
    var writer = BinaryWriter()
    log.encode(into: &writer)
    var reader = BinaryReader(StateSource(bytes: writer.bytes))
    let restored = try PairLog(from: &reader)
    var again: [(Int64, UInt32)] = []
    restored.forEachPair { user, key, stamp in again.append((Int64(user) << 32 | Int64(key), stamp))
    }
    #expect(again.map(\.0) == seen.map(\.0) && again.map(\.1) == seen.map(\.1))
    var damaged = writer.bytes
    damaged.removeLast(3)
    var short = BinaryReader(StateSource(bytes: damaged))
    #expect(throws: (any Error).self) { try PairLog(from: &short) }
  }

  @Test func mergingCanLeaveOutPairsByTime() {
    var log = PairLog(keepsTimes: true, bufferSize: 4)
    let edge: Int64 = 1_767_225_600
    for (user, time) in [
      (1, edge - 10), (1, edge + 5), (2, edge - 3), (3, edge + 1), (2, edge - 1),
    ] {
      log.see(Int32(user), 7, at: time)
    }
    let threshold = UserPairs.stamp(edge)
    log.merge(keeping: { $0 > threshold })
    var users: [Int32] = []
    log.forEachPair { user, _, _ in users.append(user) }
    // User 1's latest is after the edge; user 2's two sightings are both before it.
    #expect(users == [1, 3])
  }

  /// A log restored from a state holds counted pairs; the next merge reports only the users
  /// with a pair it did not hold — all their pairs, the new ones marked — and the merge after
  /// that reports nothing more.
  @Test func mergingReportsTheUsersWithNewPairs() throws {
    var log = PairLog(keepsTimes: false, bufferSize: 2)
    for (user, key) in [(1, 4), (1, 9), (2, 4), (3, 6)] { log.see(Int32(user), Int32(key), at: 0) }
    var writer = BinaryWriter()
    log.encode(into: &writer)
    var reader = BinaryReader(StateSource(bytes: writer.bytes))
    var restored = try PairLog(from: &reader)
    // User 1 sees a new key and an old one again; user 2 only an old one; user 4 is new.
    for (user, key) in [(1, 5), (2, 4), (1, 9), (4, 2), (4, 3)] {
      restored.see(Int32(user), Int32(key), at: 0)
    }
    var reported: [[String]] = []
    restored.mergeReportingNew { pairs in
      reported.append(pairs.map { "\($0.key)\($0.isNew ? "+" : "")" })
    }
    #expect(reported == [["4", "5+", "9"], ["2+", "3+"]])
    var again = 0
    restored.mergeReportingNew { _ in again += 1 }
    restored.see(3, 6, at: 0)
    restored.mergeReportingNew { _ in again += 1 }
    #expect(again == 0)
    #expect(restored.count == 7)
  }
}
