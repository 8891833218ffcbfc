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
    log.merge(keepingAfter: threshold)
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

  /// A log restored from a state, with a few new sightings, merges by copying the stretches of
  /// the users without new pairs (``PairLog/spliced(_:_:keepsTimes:after:report:)``): the
  /// bytes are those of a log that saw everything and merged every pair, the users reported
  /// are those with a pair the state did not hold, and the index of the result is the one a
  /// read of the bytes builds — over three rounds, each splicing the last one's run.
  @Test(arguments: [false, true])
  func splicingWritesWhatAWholeMergeWrites(keepsTimes: Bool) throws {
    var state: UInt64 = keepsTimes ? 99 : 7
    func next(_ bound: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % bound
    }
    let start: Int64 = 1_767_225_600
    // Users 3 … 302 apart by 997 (so that the difference from one user's last pair to the next
    // one's first takes 6 bytes), keys with large gaps.
    func sighting(users: UInt64 = 300) -> (Int32, Int32, Int64) {
      (
        Int32(3 + next(users)) * 997, Int32(next(400) * 1_013),
        start + Int64(next(100 * 86_400))
      )
    }
    var everything = PairLog(keepsTimes: keepsTimes, bufferSize: 61)
    var old = PairLog(keepsTimes: keepsTimes, bufferSize: 61)
    for _ in 0..<6_000 {
      let (user, key, time) = sighting()
      everything.see(user, key, at: time)
      old.see(user, key, at: time)
    }
    var writer = BinaryWriter()
    old.encode(into: &writer)
    var reader = BinaryReader(StateSource(bytes: writer.bytes))
    var log = try PairLog(from: &reader)
    var held = Set<UInt64>()
    log.forEachPair { user, key, _ in held.insert(UInt64(UInt32(user)) << 32 | UInt64(UInt32(key)))
    }

    for round in 0..<3 {
      let heldPairs = held.sorted()
      var seen = Set<UInt64>()
      for index in 0..<150 {
        // Some users new (0 … 2, 303 … 308, and between the old ones), some old pairs seen
        // again.
        var (user, key, time) = sighting(users: 306)
        if index % 5 == 0 { user = [0, 1, 2, 303, 304][Int(next(5))] * 997 }
        // Just below an old user: that user's first difference shrinks from 6 bytes to 5.
        if index % 11 == 0 && user > 0 { user -= 1 }
        if index % 13 == 0 { user += 500 }
        if index % 7 == 0 {
          let pair = heldPairs[Int(next(UInt64(heldPairs.count)))]
          (user, key) = (Int32(pair >> 32), Int32(truncatingIfNeeded: pair))
        }
        time += Int64(round) * 86_400
        everything.see(user, key, at: time)
        log.see(user, key, at: time)
        seen.insert(UInt64(UInt32(user)) << 32 | UInt64(UInt32(key)))
      }
      log.flush()
      #expect(PairLog.canSplice(log.runs, after: nil))
      var reported: [[String]] = []
      if keepsTimes {
        log.merge()
      } else {
        log.mergeReportingNew { pairs in
          reported.append(pairs.map { "\($0.key)\($0.isNew ? "+" : "")" })
        }
      }
      #expect(log.lastMergeSpliced)
      everything.merge()
      #expect(Self.bytes(of: log) == Self.bytes(of: everything), "round \(round)")
      if !keepsTimes {
        // Each user with a pair the log did not hold, with all its pairs, the new ones marked.
        let all = held.union(seen)
        let expected = Set(seen.subtracting(held).map { $0 >> 32 }).sorted().map { user in
          all.filter { $0 >> 32 == user }.sorted().map { pair in
            "\(Int32(truncatingIfNeeded: pair))\(held.contains(pair) ? "" : "+")"
          }
        }
        #expect(reported == expected, "round \(round)")
      }
      held.formUnion(seen)
      var again = BinaryReader(StateSource(bytes: Self.bytes(of: log)))
      let read = try PairLog(from: &again)
      // The same index but for the lowest stamp, which a splice only bounds from below.
      let (readIndex, splicedIndex) = (
        try #require(read.runs[0].index), try #require(log.runs[0].index)
      )
      #expect(readIndex.users == splicedIndex.users && readIndex.offsets == splicedIndex.offsets)
      #expect(readIndex.firstKeys == splicedIndex.firstKeys)
      #expect(readIndex.lastKeys == splicedIndex.lastKeys)
      #expect(readIndex.entriesBefore == splicedIndex.entriesBefore)
      #expect(readIndex.minimumStamp >= splicedIndex.minimumStamp)
    }
  }

  /// A run's stamps all after a threshold are kept by copying; once the threshold passes some
  /// of them, the merge leaves them out pair by pair: the same pairs as a log that saw
  /// everything.
  @Test func mergingAfterAThresholdSplicesOnlyWhenItKeepsEveryOldPair() throws {
    let edge: Int64 = 1_767_225_600
    var everything = PairLog(keepsTimes: true, bufferSize: 8)
    var old = PairLog(keepsTimes: true, bufferSize: 8)
    // Users 2, 4, … 80, their times later the higher the user.
    for index in 1...40 {
      for key in 0..<5 {
        let time = edge + Int64(index * 100 + key)
        everything.see(Int32(2 * index), Int32(key), at: time)
        old.see(Int32(2 * index), Int32(key), at: time)
      }
    }
    var writer = BinaryWriter()
    old.encode(into: &writer)
    var reader = BinaryReader(StateSource(bytes: writer.bytes))
    var log = try PairLog(from: &reader)
    // New sightings: an old user's before the threshold (left out) and after it, a new user's
    // after it, and a new user's only before it (left out: the stretches on either side of it
    // are copied one after the other).
    for (user, key, time) in [
      (14, 9, edge - 5), (14, 10, edge + 50), (82, 1, edge + 1), (33, 1, edge - 3),
    ] {
      everything.see(Int32(user), Int32(key), at: time)
      log.see(Int32(user), Int32(key), at: time)
    }
    let threshold = UserPairs.stamp(edge)
    log.flush()
    #expect(PairLog.canSplice(log.runs, after: threshold))
    log.merge(keepingAfter: threshold)
    #expect(log.lastMergeSpliced)
    everything.merge(keepingAfter: threshold)
    #expect(Self.bytes(of: log) == Self.bytes(of: everything))
    // Past user 40's times: a whole merge, the same pairs again.
    let later = UserPairs.stamp(edge + 2_100)
    #expect(!PairLog.canSplice(log.runs, after: later))
    log.merge(keepingAfter: later)
    #expect(!log.lastMergeSpliced)
    everything.merge(keepingAfter: later)
    #expect(Self.bytes(of: log) == Self.bytes(of: everything))
    var users = Set<Int32>()
    log.forEachPair { user, _, _ in users.insert(user) }
    #expect(users == Set(stride(from: 42, through: 80, by: 2)))
  }

  static func bytes(of log: PairLog) -> [UInt8] {
    var writer = BinaryWriter()
    log.encode(into: &writer)
    return writer.bytes
  }
}
