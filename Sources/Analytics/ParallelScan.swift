import EventStore
import Foundation

/// Reads and checks rows on the connection's thread while the engine counts them on a second
/// thread. The reader copies raw rows into batches, validates them and interns their ids; the
/// engine's thread receives compact, valid rows. Rows reach the engine in exactly the order a
/// single-threaded scan would use (activity by id, then feedback by id), so the report is the
/// same.
struct ParallelScan {
  /// An activity row whose query is an offset into its batch's text bytes.
  struct CompactActivity: Sendable {
    var id: Int64
    var user: Int32
    var kind: ActivityKind
    var time: Int64
    var track: Int32
    var queryOffset: Int32
    var queryLength: Int32
  }

  /// Valid rows of one table.
  enum Item: Sendable {
    case activity(RawBatch, [CompactActivity])
    case feedback([FeedbackRow])
  }

  /// What the scan ends with.
  struct Outcome {
    var engine: AnalyticsEngine
    var activity: ActivityValidator
    var feedback: FeedbackValidator
    /// Valid rows counted.
    var rows: Int
  }

  /// The activity and feedback ids to read.
  let activitySpan: IDSpan
  let feedbackSpan: IDSpan

  /// Scans with `reader` (on this thread) into `engine` (on another), starting from the given
  /// validators, and reports the share of rows read to `progress`. The feedback validator takes
  /// over the activity validator's users and issues.
  func run(
    reader: EventReader, engine: AnalyticsEngine, activity: ActivityValidator,
    feedback: FeedbackValidator, progress: (Double) -> Void
  ) throws -> Outcome {
    let queue = BoundedQueue<Item>()
    final class Box: @unchecked Sendable { var engine: AnalyticsEngine; init(_ engine: AnalyticsEngine) { self.engine = engine } }
    let box = Box(engine)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      // The engine lives in a local variable on this thread; it is handed back at the end.
      var engine = box.engine
      while let item = queue.receive() {
        switch item {
        case .activity(let raw, let rows):
          raw.withArena { arena in
            for row in rows {
              let query =
                row.queryOffset < 0
                ? nil
                : UnsafeRawBufferPointer(rebasing: arena[Int(row.queryOffset)..<Int(row.queryOffset + row.queryLength)])
              engine.add(
                ActivityRow(id: row.id, user: row.user, kind: row.kind, time: row.time, track: row.track, query: query))
            }
          }
        case .feedback(let rows):
          for row in rows { engine.add(row) }
        }
      }
      box.engine = engine
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    var activity = activity
    var feedback = feedback
    var rows = 0
    let activityRows = Double(max(0, activitySpan.through - max(0, activitySpan.after)))
    let total = max(1, activityRows + Double(max(0, feedbackSpan.through - max(0, feedbackSpan.after))))
    do {
      try reader.readBatches(.activity, .ids(activitySpan)) { batch in
        var valid: [CompactActivity] = []
        valid.reserveCapacity(batch.count)
        batch.withRows { cells in
          activity.validate(batch) { row in
            let (offset, length) = row.query.map { (Int32(cells.offset(of: $0)), Int32($0.count)) } ?? (-1, 0)
            valid.append(
              CompactActivity(
                id: row.id, user: row.user, kind: row.kind, time: row.time, track: row.track,
                queryOffset: offset, queryLength: length))
          }
        }
        rows += valid.count
        queue.send(.activity(batch, valid))
        progress(min(1, Double(batch.lastID - max(0, activitySpan.after)) / total))
      }
      (feedback.users, feedback.issues) = (activity.users, activity.issues)
      try reader.readBatches(.feedback, .ids(feedbackSpan)) { batch in
        var valid: [FeedbackRow] = []
        valid.reserveCapacity(batch.count)
        feedback.validate(batch) { valid.append($0) }
        rows += valid.count
        queue.send(.feedback(valid))
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
    return Outcome(engine: box.engine, activity: activity, feedback: feedback, rows: rows)
  }
}
