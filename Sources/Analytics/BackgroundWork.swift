import Dispatch

/// A value computed on another thread while the caller goes on: the sound clusters, while the
/// events are read. ``value`` waits for it.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  // Written once by the worker before `done` is signalled, read only after waiting for it.
  private var result: Value?
  private let done = DispatchGroup()

  /// Starts `work` on a global queue.
  init(_ work: @escaping @Sendable () -> Value) {
    done.enter()
    DispatchQueue.global(qos: .userInitiated).async {
      self.result = work()
      self.done.leave()
    }
  }

  /// The value, once the work is done.
  var value: Value {
    done.wait()
    return result!
  }
}
