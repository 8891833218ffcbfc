import CSystemShims
import Dispatch
import Synchronization

/// A value computed on another thread while the caller goes on: the sound clusters while the
/// events are read, the counting thread of a scan while this one reads. ``value`` waits for it.
///
/// ```swift
/// let clusters = Background(returnMemory: true) { cluster(catalog) }
/// readEverything()
/// use(clusters.value)
/// ```
public final class Background<Value: Sendable>: Sendable {
  private let result = Mutex<Value?>(nil)
  private let done = DispatchSemaphore(value: 0)

  /// Starts `work` on a thread of its own at `priority`. With `returnMemory`, the memory the
  /// work freed goes back to the system when it ends: its thread's malloc arena would otherwise
  /// keep it resident, and no other thread would reuse it (K-means' working arrays, tens of
  /// megabytes).
  public init(
    priority: Priority = .normal, returnMemory: Bool = false,
    _ work: @escaping @Sendable () -> Value
  ) {
    Workers.start(priority: priority) { [self] in
      let value = work()
      result.withLock { $0 = value }
      if returnMemory { tunedash_return_free_memory() }
      done.signal()
    }
  }

  /// Whether the work is done: ``value`` would not wait.
  public var isDone: Bool { result.withLock { $0 != nil } }

  /// The value, once the work is done. Asked for once: it is moved out, so that the caller
  /// holds the only reference to its buffers and changing them copies nothing.
  public var value: Value {
    done.wait()
    return result.withLock { slot in
      guard let value = slot.take() else { preconditionFailure("a background value asked twice") }
      return value
    }
  }
}
