import EventStore
import Foundation

/// A bounded first-in, first-out queue of row batches between the thread that reads the
/// database and the thread that computes: the reader waits when the engine falls behind, so at
/// most `capacity` batches are in memory.
final class BatchQueue: @unchecked Sendable {
  enum Item: Sendable {
    case activity(RawBatch)
    case feedback(RawBatch)
  }

  private let condition = NSCondition()
  private var items: [Item] = []
  private var closed = false
  private var cancelled = false
  private let capacity: Int

  init(capacity: Int = 4) { self.capacity = capacity }

  /// Adds a batch, waiting while the queue is full; `false` when the consumer gave up.
  @discardableResult
  func send(_ item: Item) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Takes the next batch, waiting while the queue is empty; `nil` once it is closed and empty.
  func receive() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !closed { condition.wait() }
    guard !items.isEmpty else { return nil }
    let item = items.removeFirst()
    condition.broadcast()
    return item
  }

  /// No more batches will come.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The consumer stopped (it failed): senders stop waiting.
  func cancel() {
    condition.lock()
    cancelled = true
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
