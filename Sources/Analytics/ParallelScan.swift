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
    var users = ByteInterner()
    var labels = ByteInterner()
    var issues = RowIssueCounts()
    var failure: (any Error)?

    init(engine: AnalyticsEngine) { self.engine = engine }
  }

  let catalog: Catalog
  let asOf: Int64
  let cut: EventCut

  /// Scans with `reader` (on this thread) into `engine` (on another), reporting the share of
  /// rows read to `progress`.
  func run(reader: EventReader, engine: AnalyticsEngine, progress: (Double) -> Void) throws -> Outcome {
    let queue = BatchQueue()
    let outcome = Outcome(engine: engine)
    let done = DispatchSemaphore(value: 0)
    let (catalog, asOf) = (self.catalog, self.asOf)
    let thread = Thread {
      // The engine lives in a local variable on this thread; it is handed over once, at the end.
      var engine = outcome.engine
      var activity = ActivityValidator(catalog: catalog, asOf: asOf)
      var feedback: FeedbackValidator?
      while let item = queue.receive() {
        switch item {
        case .activity(let batch):
          activity.validate(batch) { engine.add($0) }
        case .feedback(let batch):
          if feedback == nil {
            feedback = FeedbackValidator(catalog: catalog, asOf: asOf, users: activity.users, issues: activity.issues)
          }
          feedback!.validate(batch) { engine.add($0) }
        }
      }
      let final = feedback ?? FeedbackValidator(catalog: catalog, asOf: asOf, users: activity.users, issues: activity.issues)
      outcome.engine = engine
      outcome.users = final.users
      outcome.labels = final.labels
      outcome.issues = final.issues
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    let total = Double(max(1, cut.maxEventID + cut.maxFeedbackID))
    do {
      try reader.readBatches(.activity, .ids(.upTo(cut.maxEventID))) { batch in
        queue.send(.activity(batch))
        progress(min(1, Double(batch.lastID) / total))
      }
      try reader.readBatches(.feedback, .ids(.upTo(cut.maxFeedbackID))) { batch in
        queue.send(.feedback(batch))
        progress(min(1, Double(cut.maxEventID + batch.lastID) / total))
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
