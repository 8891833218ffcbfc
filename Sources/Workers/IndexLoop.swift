/// Calls its `body` with every index in `0..<count`, in any order and possibly on several
/// threads, and returns when all calls have returned. The engine and the recommender start no
/// thread of their own: they take a loop, and a caller that wants the cores passes one
/// (``Workers/forEach(_:priority:_:)``); ``IndexLoops/serial`` runs the indexes one after the
/// other on the calling thread. Results never depend on which.
public typealias IndexLoop =
  @Sendable (_ count: Int, _ body: @escaping @Sendable (Int) -> Void)
  -> Void

/// The loops that need no threads.
public enum IndexLoops {
  /// Every index in turn, on the calling thread.
  public static let serial: IndexLoop = { count, body in
    for index in 0..<count { body(index) }
  }
}

extension IndexLoops {
  /// `(a(), b())`, the two run by `loop` (side by side when it runs indexes on several
  /// threads): for a computation that splits into two independent halves.
  public static func both<A: Sendable, B: Sendable>(
    _ loop: IndexLoop, _ a: @escaping @Sendable () -> A, _ b: @escaping @Sendable () -> B
  ) -> (A, B) {
    let first = SliceResults<A>(count: 1)
    let second = SliceResults<B>(count: 1)
    loop(2) { index in
      if index == 0 { first.store(0, [a()]) } else { second.store(0, [b()]) }
    }
    return (first.values[0], second.values[0])
  }

  /// `(a(), b(), c())`, the three run by `loop` (side by side when it runs indexes on several
  /// threads; a loop on two threads starts `a` and `b`, and `c` on whichever of them is free
  /// first): for three independent pieces of work, the largest first. Nesting ``both(_:_:_:)``
  /// inside ``both(_:_:_:)`` does not do this: an inner loop started from a thread of the outer
  /// one finds the cores taken and runs its halves one after the other.
  public static func all<A: Sendable, B: Sendable, C: Sendable>(
    _ loop: IndexLoop, _ a: @escaping @Sendable () -> A, _ b: @escaping @Sendable () -> B,
    _ c: @escaping @Sendable () -> C
  ) -> (A, B, C) {
    let first = SliceResults<A>(count: 1)
    let second = SliceResults<B>(count: 1)
    let third = SliceResults<C>(count: 1)
    loop(3) { index in
      switch index {
      case 0: first.store(0, [a()])
      case 1: second.store(0, [b()])
      default: third.store(0, [c()])
      }
    }
    return (first.values[0], second.values[0], third.values[0])
  }
}

extension IndexLoops {
  /// `[body(0), body(1), …]` for `0..<count`, the calls run by `loop` (side by side when it runs
  /// indexes on several threads): for a few independent pieces of work of a similar size.
  public static func map<R: Sendable>(
    _ loop: IndexLoop, _ count: Int, _ body: @escaping @Sendable (Int) -> R
  ) -> [R] {
    let results = SliceResults<R>(count: count)
    loop(count) { index in results.store(index, [body(index)]) }
    return results.values
  }
}
