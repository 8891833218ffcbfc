import Foundation

/// Hands out the indexes `0..<count` in order to the delivery's jobs, and makes sure each is
/// cleared before it is handed out: the job that first needs an index beyond the cleared ones
/// runs `commit` on the next `batch` of them (their `handing` lines, one `fsync`) while the
/// others go on with theirs. After a failure no more indexes are handed out. It also keeps
/// each index's outcome.
///
/// Safe to share between threads although its state is mutable (hence `@unchecked Sendable`):
/// every stored `var` is read and written only between `condition.lock()` and
/// `condition.unlock()`.
final class HandOffQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private let count: Int
  private let batch: Int
  private var next = 0
  private var cleared = 0
  private var committing = false
  private var firstFailure: Error?
  private var outcomes: [Sendmail.Outcome?]
  private var done = 0

  /// A queue of `count` indexes, cleared `batch` at a time.
  init(count: Int, batch: Int) {
    self.count = count
    self.batch = max(1, batch)
    outcomes = Array(repeating: nil, count: count)
  }

  /// The outcome of each index, `nil` for those never sent.
  var results: [Sendmail.Outcome?] {
    condition.lock()
    defer { condition.unlock() }
    return outcomes
  }

  /// Stores the outcome of `index` and calls `report` with how many are done, one call at a
  /// time.
  func finish(_ index: Int, _ outcome: Sendmail.Outcome, report: (Int) -> Void) {
    condition.lock()
    defer { condition.unlock() }
    outcomes[index] = outcome
    done += 1
    report(done)
  }

  /// The first error a job reported, if any.
  var failure: Error? {
    condition.lock()
    defer { condition.unlock() }
    return firstFailure
  }

  /// The next index, cleared; `nil` when all are handed out or after a failure.
  func take(commit: (Range<Int>) throws -> Void) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    guard firstFailure == nil, next < count else { return nil }
    let index = next
    next += 1
    while cleared <= index {
      guard firstFailure == nil else { return nil }
      if committing {
        condition.wait()
        continue
      }
      committing = true
      let range = cleared..<min(count, cleared + batch)
      condition.unlock()
      let outcome = Result { try commit(range) }
      condition.lock()
      committing = false
      switch outcome {
      case .success: cleared = range.upperBound
      case .failure(let error): firstFailure = firstFailure ?? error
      }
      condition.broadcast()
    }
    return index
  }

  /// Records `error` (the first one is kept) and stops handing out indexes.
  func fail(_ error: Error) {
    condition.lock()
    firstFailure = firstFailure ?? error
    condition.broadcast()
    condition.unlock()
  }
}
