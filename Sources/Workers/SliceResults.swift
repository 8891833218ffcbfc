import Synchronization

/// The results of a parallel map, stored by slices from several threads.
final class SliceResults<R: Sendable>: Sendable {
  private let slots: Mutex<[R?]>

  init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

  /// Stores `slice` at `start ..< start + slice.count`.
  func store(_ start: Int, _ slice: [R]) {
    slots.withLock { $0.replaceSubrange(start..<start + slice.count, with: slice) }
  }

  /// Every result, once every slice is stored.
  var values: [R] { slots.withLock { $0.map { $0! } } }
}
