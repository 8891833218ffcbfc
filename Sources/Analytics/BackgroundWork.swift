import CSystemShims
import Dispatch

/// A value computed on another thread while the caller goes on: the sound clusters, while the
/// events are read. ``value`` waits for it.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  // Written once by the worker before `done` is signalled, read only after waiting for it.
  private var result: Value?
  private let done = DispatchGroup()

  /// Starts `work` on a global queue. With `returnMemory`, the memory the work freed goes back
  /// to the system when it ends: its threads' malloc arenas would otherwise keep it resident,
  /// and no other thread would reuse it (K-means' working arrays, tens of megabytes).
  public init(returnMemory: Bool = false, _ work: @escaping @Sendable () -> Value) {
    done.enter()
    DispatchQueue.global(qos: .userInitiated).async {
      self.result = work()
      if returnMemory { tunedash_return_free_memory() }
      self.done.leave()
    }
  }

  /// The value, once the work is done.
  public var value: Value {
    done.wait()
    return result!
  }
}
