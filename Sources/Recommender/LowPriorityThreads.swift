import Foundation

/// Runs work beside more urgent work without slowing it: each iteration on a thread of its own
/// whose scheduling priority is lowered (Linux nice 10), so that it gets the processor time the
/// other threads leave. The threads end with their work, so no shared thread keeps the lower
/// priority.
enum LowPriorityThreads {
  /// The nice value of the threads (0 is the default, 19 the lowest priority).
  static let nice: Int32 = 10

  /// Calls `body` with every index in `0..<iterations`, each on its own thread, and returns
  /// when all have returned.
  static func run(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchGroup()
    for index in 0..<iterations {
      done.enter()
      let thread = Thread {
        // Who 0: the calling thread (Linux keeps a nice value per thread). Only a hint: if the
        // system refuses, the work runs at the normal priority.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        body(index)
        done.leave()
      }
      thread.name = "tunedash-low-priority"
      thread.start()
    }
    done.wait()
  }
}
