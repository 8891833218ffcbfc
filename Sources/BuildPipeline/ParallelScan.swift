import Engine
import EventStore
import Foundation
import Workers

/// Reads and checks rows on the connection's thread while the engine counts them on a second
/// thread. When it adds new rows (``Mode/add``), the reader copies raw rows into batches,
/// validates them and interns their ids, and the engine's thread receives compact, valid rows.
/// Rows reach the engine in exactly the order a single-threaded scan would use (activity by id,
/// then feedback by id), so the report is the same.
///
/// The same machinery moves old rows between ranges when the as-of time advances
/// (``Mode/recount``): then it reads the rows a range edge passed over. Moving a row costs the
/// engine less than adding one, so there the engine's thread also checks the raw rows (in the
/// same order, with the same validators), and the connection's thread only reads them.
struct ParallelScan {
  /// What the engine does with each valid row.
  enum Mode {
    /// Counts it: a new row.
    case add
    /// Moves it from the ranges it had at the earlier as-of time to its ranges now.
    case recount
  }

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

  /// Valid rows of one table, or raw rows of a ``Mode/recount`` for the engine's thread to check.
  enum Item: Sendable {
    case activity(RawBatch, [CompactActivity])
    case feedback([FeedbackRow])
    case rawActivity(RawBatch)
    case rawFeedback(RawBatch)
  }

  /// What the scan ends with.
  struct Outcome {
    var engine: AnalyticsEngine
    var activity: ActivityValidator
    var feedback: FeedbackValidator
    /// Valid rows counted.
    var rows: Int
    /// The plays and ratings collected, when the scan had a ``collector``.
    var collector: PlayCollector?
  }

  /// How many rows ahead the engine's thread starts loading the state a row will touch
  /// (``AnalyticsEngine/prefetch(user:track:)``).
  static let lookahead = 8

  /// The activity and feedback rows to read: each filter in turn.
  let activityFilters: [EventFilter]
  let feedbackFilters: [EventFilter]
  let mode: Mode
  /// Collects some listeners' plays and ratings on the reading thread (``PlayedTracks``).
  var collector: PlayCollector?

  /// Reads (and adds) the rows whose ids lie in the spans.
  init(activitySpan: IDSpan, feedbackSpan: IDSpan) {
    self.init(activity: [.ids(activitySpan)], feedback: [.ids(feedbackSpan)], mode: .add)
  }

  /// Reads the rows that match the filters, one table after the other.
  init(activity: [EventFilter], feedback: [EventFilter], mode: Mode) {
    (activityFilters, feedbackFilters, self.mode) = (activity, feedback, mode)
  }

  /// Scans with `reader` (on this thread) into `engine` (on another), starting from the given
  /// validators, and reports the share of rows read to `progress`. The feedback validator takes
  /// over the activity validator's users and issues.
  func run(
    reader: some EventStream, engine: consuming AnalyticsEngine, activity: ActivityValidator,
    feedback: FeedbackValidator, progress: (Double) -> Void
  ) throws -> Outcome {
    let queue = BoundedQueue<Item>()
    let handOver = Handover((consume engine, activity, feedback))
    let mode = self.mode
    let counting = Background {
      // The engine lives in a local variable on this thread; it is handed back at the end, with
      // the validators and the rows they passed when they checked raw rows here (a recount).
      var (engine, activity, feedback) = handOver.take()
      var (checked, feedbackStarted) = (0, false)
      while let item = queue.receive() {
        switch item {
        case .activity(let raw, let rows):
          raw.withArena { arena in
            for (index, row) in rows.enumerated() {
              if index + Self.lookahead < rows.count {
                let ahead = rows[index + Self.lookahead]
                engine.prefetch(user: ahead.user, track: ahead.track)
              }
              let query =
                row.queryOffset < 0
                ? nil
                : UnsafeRawBufferPointer(
                  rebasing: arena[Int(row.queryOffset)..<Int(row.queryOffset + row.queryLength)])
              engine.add(
                ActivityRow(
                  id: row.id, user: row.user, kind: row.kind, time: row.time, track: row.track,
                  query: query))
            }
          }
        case .feedback(let rows):
          for (index, row) in rows.enumerated() {
            if index + Self.lookahead < rows.count {
              let ahead = rows[index + Self.lookahead]
              engine.prefetch(user: ahead.user, track: ahead.track)
            }
            engine.add(row)
          }
        case .rawActivity(let batch):
          activity.validate(batch) { row in
            checked += 1
            engine.recount(row)
          }
        case .rawFeedback(let batch):
          if !feedbackStarted {
            (feedback.users, feedback.issues) = (activity.users, activity.issues)
            feedbackStarted = true
          }
          feedback.validate(batch) { row in
            checked += 1
            engine.recount(row)
          }
        }
      }
      if mode == .recount && !feedbackStarted {
        (feedback.users, feedback.issues) = (activity.users, activity.issues)
      }
      return (engine, activity, feedback, checked)
    }
    var activity = activity
    var feedback = feedback
    var collector = self.collector
    var rows = 0
    let activityRows = Self.share(of: activityFilters)
    let total = max(1, activityRows + Self.share(of: feedbackFilters))
    do {
      for filter in activityFilters {
        try reader.readBatches(.activity, filter) { batch in
          defer { progress(min(1, Self.progress(batch, filter) / total)) }
          guard mode == .add else {
            queue.send(.rawActivity(batch))
            return
          }
          // Written in place: at most one valid row per raw row.
          let valid = [CompactActivity](unsafeUninitializedCapacity: batch.count) { buffer, count in
            batch.withRows { cells in
              activity.validate(batch) { row in
                let (offset, length) =
                  row.query.map { (Int32(cells.offset(of: $0)), Int32($0.count)) } ?? (-1, 0)
                (buffer.baseAddress! + count).initialize(
                  to: CompactActivity(
                    id: row.id, user: row.user, kind: row.kind, time: row.time, track: row.track,
                    queryOffset: offset, queryLength: length))
                count += 1
              }
            }
          }
          if collector != nil {
            collector!.catchUp(with: activity.users)
            for row in valid { collector!.add(user: row.user, kind: row.kind, track: row.track) }
          }
          rows += valid.count
          queue.send(.activity(batch, valid))
        }
      }
      (feedback.users, feedback.issues) = (activity.users, activity.issues)
      for filter in feedbackFilters {
        try reader.readBatches(.feedback, filter) { batch in
          defer { progress(min(1, (activityRows + Self.progress(batch, filter)) / total)) }
          guard mode == .add else {
            queue.send(.rawFeedback(batch))
            return
          }
          let valid = [FeedbackRow](unsafeUninitializedCapacity: batch.count) { buffer, count in
            feedback.validate(batch) { row in
              (buffer.baseAddress! + count).initialize(to: row)
              count += 1
            }
          }
          if collector != nil {
            collector!.catchUp(with: feedback.users)
            for row in valid { collector!.add(user: row.user, track: row.track) }
          }
          rows += valid.count
          queue.send(.feedback(valid))
        }
      }
    } catch {
      queue.cancel()
      queue.close()
      _ = counting.value
      throw error
    }
    queue.close()
    let counted = counting.value
    guard mode == .recount else {
      return Outcome(
        engine: counted.0, activity: activity, feedback: feedback, rows: rows,
        collector: collector)
    }
    return Outcome(
      engine: counted.0, activity: counted.1, feedback: counted.2, rows: counted.3, collector: nil)
  }

  /// How many ids the id filters span (time filters: 0, their progress is not reported).
  private static func share(of filters: [EventFilter]) -> Double {
    filters.reduce(0) { total, filter in
      guard let span = filter.span else { return total }
      return total + Double(max(0, span.through - max(0, span.after)))
    }
  }

  /// How far into an id filter's span `batch` reaches.
  private static func progress(_ batch: RawBatch, _ filter: EventFilter) -> Double {
    guard let span = filter.span else { return 0 }
    return Double(batch.lastID - max(0, span.after))
  }
}
