/// Calls its `body` with every index in `0..<count`, in any order and possibly on several
/// threads, and returns when all calls have returned. The recommender starts no thread of its
/// own: a caller that wants the cores passes one (`Workers.forEach`); ``serial`` runs the
/// indexes one after the other on the calling thread. Results never depend on which.
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
