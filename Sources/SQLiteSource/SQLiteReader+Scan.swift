import EventStore

extension SQLiteReader {
  /// Rows copied per batch.
  public static let batchSize = RawBatch.standardSize

  /// Reads the rows of `table` selected by `filter`, in id order, in batches of raw values: the
  /// part of a scan that must run on the connection's thread.
  public func readBatches(
    _ table: EventTable, _ filter: EventFilter, _ body: (RawBatch) throws -> Void
  ) throws {
    let (columns, text) =
      table == .activity
      ? (ActivityValidator.columns, ActivityValidator.textColumns)
      : (FeedbackValidator.columns, FeedbackValidator.textColumns)
    let statement = try prepare(table: table, columns: columns, filter: filter)
    var batch = RawBatch(columns: 1 + columns.split(separator: ",").count, capacity: Self.batchSize)
    while try statement.step(db) {
      batch.append(statement, textColumns: text)
      if batch.count == Self.batchSize {
        try body(batch)
        batch.removeAll()
      }
    }
    if batch.count > 0 { try body(batch) }
  }
}
