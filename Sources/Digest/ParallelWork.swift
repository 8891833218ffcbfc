import Foundation

/// `items.map(transform)` on every core, in the same order: for the per-listener work of a
/// week (recommendations, rendering), which is independent from one listener to the next.
public enum ParallelWork {
  /// Items per task: enough to make the hand-over cheap, few enough to balance the cores.
  static let chunk = 64

  public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R)
    -> [R]
  {
    let results = Results<R>(count: items.count)
    let chunks = (items.count + chunk - 1) / chunk
    DispatchQueue.concurrentPerform(iterations: chunks) { index in
      let range = index * chunk..<min(items.count, (index + 1) * chunk)
      results.store(range.lowerBound, range.map { transform(items[$0]) })
    }
    return results.values.map { $0! }
  }

  /// The results, filled by slices from several threads under a lock.
  private final class Results<R>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [R?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func store(_ start: Int, _ slice: [R]) {
      lock.withLock { values.replaceSubrange(start..<start + slice.count, with: slice) }
    }
  }
}
