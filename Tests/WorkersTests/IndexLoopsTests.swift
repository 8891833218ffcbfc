import Synchronization
import Testing
import Workers

/// The helpers that split work into pieces for an ``IndexLoop``: each piece's result comes back
/// in its own place, whichever order (or thread) the loop runs the pieces in.
@Suite("Index loops")
struct IndexLoopsTests {
  /// The loops a caller may pass: one thread in order, one thread backwards, every core.
  static let loops: [(String, IndexLoop)] = [
    ("serial", IndexLoops.serial),
    ("backwards", { count, body in for index in (0..<count).reversed() { body(index) } }),
    ("workers", Workers.loop()),
  ]

  @Test func bothGivesEachHalfItsPlace() {
    for (name, loop) in Self.loops {
      let (a, b) = IndexLoops.both(loop, { "first" }, { 2 })
      #expect(a == "first" && b == 2, "\(name)")
    }
  }

  @Test func allGivesEachOfThreeItsPlaceAndRunsEachOnce() {
    for (name, loop) in Self.loops {
      let calls = Mutex([0, 0, 0])
      let (a, b, c) = IndexLoops.all(
        loop,
        {
          calls.withLock { $0[0] += 1 }
          return [1, 2]
        },
        {
          calls.withLock { $0[1] += 1 }
          return "second"
        },
        {
          calls.withLock { $0[2] += 1 }
          return 3.5
        })
      #expect(a == [1, 2] && b == "second" && c == 3.5, "\(name)")
      #expect(calls.withLock { $0 } == [1, 1, 1], "\(name)")
    }
  }

  @Test func mapKeepsTheOrderOfTheIndexes() {
    for (name, loop) in Self.loops {
      #expect(IndexLoops.map(loop, 7) { $0 * $0 } == [0, 1, 4, 9, 16, 25, 36], "\(name)")
    }
  }
}
