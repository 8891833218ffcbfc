import Synchronization

/// Collects the publisher's progress lines from any task.
final class ProgressLog: Sendable {
  private let storage = Mutex<[String]>([])

  /// The closure to hand to `Publisher.publish`.
  var record: @Sendable (String) -> Void {
    { line in self.storage.withLock { $0.append(line) } }
  }

  /// The lines so far, in the order they arrived.
  var lines: [String] { storage.withLock { $0 } }
}
