import Foundation

/// A bounded first-in, first-out queue between two threads: the producer waits when the
/// consumer falls behind, so at most `capacity` items are in memory. Used to read the database
/// on one thread while computing on another, and to generate demo rows while inserting them.
///
/// Safe to share between threads although its state is mutable (hence `@unchecked Sendable`):
/// every stored `var` is read and written only between `condition.lock()` and
/// `condition.unlock()`, and the `let`s are set once in `init`. A `Mutex` cannot replace the
/// condition: the two sides must sleep until the other changes the state.
public final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Item] = []
  private var closed = false
  private var cancelled = false
  private let capacity: Int

  /// A queue holding at most `capacity` items.
  public init(capacity: Int = 4) { self.capacity = capacity }

  /// Adds an item, waiting while the queue is full; `false` when the consumer gave up.
  @discardableResult
  public func send(_ item: Item) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Takes the next item, waiting while the queue is empty; `nil` once it is closed and empty.
  public func receive() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !closed { condition.wait() }
    guard !items.isEmpty else { return nil }
    let item = items.removeFirst()
    condition.broadcast()
    return item
  }

  /// No more items will come.
  public func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The consumer stopped (it failed): producers stop waiting and their sends return `false`.
  public func cancel() {
    condition.lock()
    cancelled = true
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
