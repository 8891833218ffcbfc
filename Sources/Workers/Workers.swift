import Foundation

/// The one way TuneDash runs work in parallel: a loop over indexes on every core, a map built on
/// it, and threads at a given ``Priority``. Modules that compute (the recommender, the digest)
/// start no threads of their own: they take ``forEach(_:priority:_:)`` or ``map(_:priority:_:)``
/// as a function, and the commands and the build pipeline pass these.
///
/// ```swift
/// let squares = Workers.map(Array(1...100)) { $0 * $0 }
/// Workers.forEach(4, priority: .low) { restart in fit(restart) }
/// ```
public enum Workers {
  /// Items per task in ``map(_:priority:_:)``: enough to make the hand-over cheap, few enough to
  /// balance the cores.
  static let chunk = 64

  /// Calls `body` with every index in `0..<count`, in any order and on several threads, and
  /// returns when all calls have returned. At ``Priority/normal`` the indexes share the cores'
  /// worker threads; at ``Priority/low`` each runs on a thread of its own at the lower priority,
  /// which ends with it, so that no shared thread keeps that priority.
  public static func forEach(
    _ count: Int, priority: Priority = .normal, _ body: @escaping @Sendable (Int) -> Void
  ) {
    switch priority {
    case .normal:
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    case .low:
      onThreads(count, priority: .low, body)
    }
  }

  /// ``forEach(_:priority:_:)`` at `priority` as an ``IndexLoop``: what the commands and the
  /// build pipeline hand the modules that start no threads themselves.
  public static func loop(priority: Priority = .normal) -> IndexLoop {
    { forEach($0, priority: priority, $1) }
  }

  /// Calls `body` with every index in `0..<count`, each on a thread of its own at the normal
  /// priority, all at once, and returns when all calls have returned: for work that mostly
  /// waits (the digest's jobs, each waiting for a mail program), where one thread per core
  /// would leave the cores idle. Keep `count` small: it is the number of threads.
  public static func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    onThreads(count, priority: .normal, body)
  }

  /// Calls `body` with every index in `0..<count`, each on a new thread at `priority`, and
  /// returns when all calls have returned.
  private static func onThreads(
    _ count: Int, priority: Priority, _ body: @escaping @Sendable (Int) -> Void
  ) {
    let done = DispatchGroup()
    for index in 0..<count {
      done.enter()
      start(priority: priority) {
        body(index)
        done.leave()
      }
    }
    done.wait()
  }

  /// `items.map(transform)` on every core, in the same order.
  public static func map<T: Sendable, R: Sendable>(
    _ items: [T], priority: Priority = .normal, _ transform: @escaping @Sendable (T) -> R
  ) -> [R] {
    let slices = SliceResults<R>(count: items.count)
    let chunks = (items.count + chunk - 1) / chunk
    forEach(chunks, priority: priority) { index in
      let range = index * chunk..<min(items.count, (index + 1) * chunk)
      slices.store(range.lowerBound, range.map { transform(items[$0]) })
    }
    return slices.values
  }

  /// The stack of the threads TuneDash starts: 8 MiB, as the main thread's.
  static let stackSize = 8 << 20

  /// Starts `work` on a new thread at `priority`; it ends with the work.
  static func start(priority: Priority, _ work: @escaping @Sendable () -> Void) {
    let thread = Thread {
      if priority == .low {
        // Who 0: the calling thread (Linux keeps a nice value per thread). Only a hint: if the
        // system refuses, the work runs at the normal priority.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Priority.lowNice)
      }
      work()
    }
    thread.stackSize = stackSize
    thread.name = priority == .low ? "tunedash-low-priority" : "tunedash-worker"
    thread.start()
  }
}
