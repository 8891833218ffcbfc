import Synchronization

/// Moves a value to the thread that works on it, never sharing it: a second reference to its
/// buffers would make the first change copy them all (the engine, a pair log of hundreds of
/// megabytes). The value is taken out once.
///
/// ```swift
/// let handover = Handover(log)
/// log = PairLog()             // the handover now holds the only reference
/// loop(1) { _ in var log = handover.take(); log.merge() }
/// ```
public final class Handover<Value: Sendable>: Sendable {
  private let slot: Mutex<Value?>

  /// Holds `value` until ``take()``.
  public init(_ value: consuming Value) { slot = Mutex(value) }

  /// The value, moved out; asked for once.
  public func take() -> Value {
    slot.withLock { slot in
      guard let value = slot.take() else { preconditionFailure("a handover taken twice") }
      return value
    }
  }
}
