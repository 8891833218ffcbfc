import EventStore
import Foundation

/// Reads both event tables on the connection's thread and computes on a second thread at the
/// same time: the reader copies raw rows into batches, the engine's thread validates, interns
/// and counts them. Rows reach the engine in exactly the order a single-threaded scan would use
/// (activity by id, then feedback by id), so the report is the same.
struct ParallelScan {
  /// What the engine's thread ends with.
  final class Outcome: @unchecked Sendable {
    var engine: AnalyticsEngine
    var activity: ActivityValidator
    var feedback: FeedbackValidator
    /// Valid rows counted.
    var rows = 0

    init(engine: AnalyticsEngine, activity: ActivityValidator, feedback: FeedbackValidator) {
      self.engine = engine
      self.activity = activity
      self.feedback = feedback
    }
  }

  /// The activity and feedback ids to read.
  let activitySpan: IDSpan
  let feedbackSpan: IDSpan

  /// Scans with `reader` (on this thread) into `engine` (on another), starting from the given
  /// validators, and reports the share of rows read to `progress`. The feedback validator
  /// takes over the activity validator's users and issues.
  func run(
    reader: EventReader, engine: AnalyticsEngine, activity: ActivityValidator,
    feedback: FeedbackValidator, progress: (Double) -> Void
  ) throws -> Outcome {
    let queue = BatchQueue()
    let outcome = Outcome(engine: engine, activity: activity, feedback: feedback)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      // The engine and validators live in local variables on this thread; they are handed
      // back once, at the end.
      var engine = outcome.engine
      var activity = outcome.activity
      var feedback = outcome.feedback
      var rows = 0
      var inFeedback = false
      while let item = queue.receive() {
        switch item {
        case .activity(let batch):
          activity.validate(batch) {
            engine.add($0)
            rows += 1
          }
        case .feedback(let batch):
          if !inFeedback {
            (feedback.users, feedback.issues, inFeedback) = (activity.users, activity.issues, true)
          }
          feedback.validate(batch) {
            engine.add($0)
            rows += 1
          }
        }
      }
      if !inFeedback { (feedback.users, feedback.issues) = (activity.users, activity.issues) }
      (outcome.engine, outcome.activity, outcome.feedback, outcome.rows) = (engine, activity, feedback, rows)
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    let total = Double(max(1, (activitySpan.through - max(0, activitySpan.after)) + (feedbackSpan.through - max(0, feedbackSpan.after))))
    do {
      try reader.readBatches(.activity, .ids(activitySpan)) { batch in
        queue.send(.activity(batch))
        progress(min(1, Double(batch.lastID - max(0, activitySpan.after)) / total))
      }
      let activityRows = Double(activitySpan.through - max(0, activitySpan.after))
      try reader.readBatches(.feedback, .ids(feedbackSpan)) { batch in
        queue.send(.feedback(batch))
        progress(min(1, (activityRows + Double(batch.lastID - max(0, feedbackSpan.after))) / total))
      }
    } catch {
      queue.cancel()
      queue.close()
      done.wait()
      throw error
    }
    queue.close()
    done.wait()
    return outcome
  }
}
