import EventStore

extension MemorySource: EventStream {
  /// The highest id of each event table (0 when empty).
  public func cut() -> EventCut {
    EventCut(
      maxEventID: activity.map(\.id).max() ?? 0, maxFeedbackID: feedback.map(\.id).max() ?? 0)
  }

  /// The latest event time in `cut` before `before` (see
  /// ``EventTime/latest(in:before:maximum:)``).
  public func latestTime(in cut: EventCut, before: Int64?) -> Int64? {
    EventTime.latest(in: cut, before: before) { table, maxID, low, high in
      let rows: [any MemoryEvent] = table == .activity ? activity : feedback
      return rows.compactMap { row in
        guard row.id <= maxID, let time = row.time, time >= low, time < high else { return nil }
        return time
      }.max()
    }
  }

  /// The rows of `table` that `filter` selects, in id order, in batches of
  /// ``RawBatch/standardSize`` rows, each cell of its column's type (NULL for `nil`).
  public func readBatches(
    _ table: EventTable, _ filter: EventFilter, _ body: (RawBatch) throws -> Void
  ) throws {
    let rows: [any MemoryEvent] = table == .activity ? activity : feedback
    var batch = RawBatch(columns: table == .activity ? 6 : 7, capacity: RawBatch.standardSize)
    for row in rows.sorted(by: { $0.id < $1.id }) where filter.selects(row) {
      row.append(to: &batch)
      if batch.count == RawBatch.standardSize {
        try body(batch)
        batch.removeAll()
      }
    }
    if batch.count > 0 { try body(batch) }
  }
}

/// A row of `activity` or `feedback`, as the stream reads it.
protocol MemoryEvent: Sendable {
  /// The event id.
  var id: Int64 { get }
  /// `occurred_at`.
  var time: Int64? { get }
  /// Appends the row's cells: the id, then the validator's columns in order.
  func append(to batch: inout RawBatch)
  /// Whether ``EventFilter/sqlCondition(on:)`` leaves the row out, as SQL does: an activity row
  /// whose `kind` is NULL or exactly one of ``EventFilter/notPlays``.
  var leftOutOfPlays: Bool { get }
}

extension MemorySource.Activity: MemoryEvent {
  var leftOutOfPlays: Bool { kind.map(EventFilter.notPlays.contains) ?? true }

  func append(to batch: inout RawBatch) {
    // ActivityValidator.columns: user_id, kind, occurred_at, query, track_id.
    batch.appendInteger(id)
    batch.append(text: user)
    batch.append(text: kind)
    batch.append(integer: time)
    batch.append(text: query)
    batch.append(text: track)
  }
}

extension MemorySource.Feedback: MemoryEvent {
  var leftOutOfPlays: Bool { false }

  func append(to batch: inout RawBatch) {
    // FeedbackValidator.columns: user_id, track_id, verdict, occurred_at, source, model.
    batch.appendInteger(id)
    batch.append(text: user)
    batch.append(text: track)
    batch.append(integer: verdict)
    batch.append(integer: time)
    batch.append(text: source)
    batch.append(text: model)
  }
}

extension EventFilter {
  /// Whether the filter selects `row`, as the SQL of the database sources does: an id span
  /// (without the other kinds for `plays`), or ids up to a limit with a time (seconds or
  /// milliseconds) in `(after, through]`.
  func selects(_ row: some MemoryEvent) -> Bool {
    switch self {
    case .ids(let span):
      return row.id > span.after && row.id <= span.through
    case .plays(let span):
      return row.id > span.after && row.id <= span.through && !row.leftOutOfPlays
    case .times(let after, let through, let idsThrough):
      guard row.id <= idsThrough, let time = row.time else { return false }
      return (time > after && time <= through)
        || (time > after * 1000 + 999 && time <= through * 1000 + 999)
    }
  }
}

extension RawBatch {
  /// Appends a text cell, or NULL for `nil`.
  mutating func append(text: String?) {
    guard var text else { return appendNull() }
    text.withUTF8 { appendText(UnsafeRawBufferPointer($0)) }
  }

  /// Appends an integer cell, or NULL for `nil`.
  mutating func append(integer: Int64?) {
    guard let integer else { return appendNull() }
    appendInteger(integer)
  }
}
