import Foundation

/// One thread of TuneDash's own that runs the PostgreSQL client's async code, so that the
/// synchronous ``EventSourceReader`` calls can wait for it without tying up threads of Swift's
/// shared pool (a caller may itself be on one), and so that handing a full batch to a
/// ``BoundedQueue`` may block: only this thread waits, which is the back-pressure.
final class ClientThread: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var stopped = false

  /// Starts the thread.
  init() {
    let thread = Thread { [self] in runJobs() }
    thread.name = "tunedash-postgres"
    thread.start()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// Ends the thread once the jobs already queued have run.
  func stop() {
    condition.lock()
    stopped = true
    condition.signal()
    condition.unlock()
  }

  private func runJobs() {
    while true {
      condition.lock()
      while jobs.isEmpty && !stopped { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }

  /// Runs `operation` on this thread and waits for its result.
  func wait<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    start {
      do { outcome.set(.success(try await operation())) } catch { outcome.set(.failure(error)) }
    }
    return try outcome.get()
  }

  /// Starts `operation` on this thread without waiting.
  func start(_ operation: @escaping @Sendable () async -> Void) {
    Task(executorPreference: self) { await operation() }
  }
}

/// A result one thread sets and another waits for.
final class Outcome<T: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var result: Result<T, any Error>?

  /// Sets the result and wakes the waiter.
  func set(_ value: Result<T, any Error>) {
    condition.lock()
    result = value
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for the result.
  func get() throws -> T {
    condition.lock()
    defer { condition.unlock() }
    while result == nil { condition.wait() }
    return try result!.get()
  }
}
