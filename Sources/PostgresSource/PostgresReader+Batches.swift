import EventStore

extension PostgresReader {
  /// The rows of `table` selected by `filter`, in id order, in batches of raw values (see
  /// ``EventStream/readBatches(_:_:_:)``), streamed from the server by one
  /// `COPY (SELECT …) TO STDOUT (FORMAT binary)`: an id-range scan for `.ids` and `.plays`
  /// (leaving out other kinds for `.plays`; a partition's listeners only), the index on
  /// `occurred_at` for `.times` (every listener's rows). That the ids arrive in ascending order
  /// is checked as they come.
  public func readBatches(
    _ table: EventTable, _ filter: EventFilter, _ body: (RawBatch) throws -> Void
  ) throws {
    let (columns, text) = table.scanColumns
    let id = table.idColumn
    let rows: String
    switch filter {
    case .ids(let span), .plays(let span):
      guard span.after < span.through else { return }
      rows =
        "\(id) > \(span.after) AND \(id) <= \(span.through)"
        + (filter.sqlCondition(on: table).map { " AND \($0)" } ?? "") + " AND \(listeners)"
    case .times(let after, let through, let idsThrough):
      // Seconds or milliseconds, as the validators repair them. Every listener's rows: the
      // default as-of time is the whole tables' (``EventStream/latestValidTime(in:catalog:)``
      // reads the latest time slices), and a partition's validator keeps its own rows anyway.
      rows = """
        \(id) <= \(idsThrough) AND ((occurred_at >= \(after + 1) AND occurred_at < \(through + 1))
          OR (occurred_at >= \((after + 1) * 1000) AND occurred_at < \((through + 1) * 1000)))
        """
    }
    // The SQL is built from SchemaV1's names, this function's integers and the partition's
    // predicate (two integers and a column name): no text from outside.
    let query = """
      SELECT \(id), \(columns) FROM \(table.rawValue)
      WHERE \(rows) ORDER BY \(id)
      """
    var previous = Int64.min
    var ordered = true
    // A closure literal in the call, not a closure value: the two variables it changes stay
    // on the stack, without a run-time exclusivity check for each row.
    try copyBatches(
      query, table: table.rawValue, textColumns: text,
      row: { batch in
        ordered = ordered && batch.lastID >= previous
        previous = batch.lastID
      },
      { batch in
        guard ordered else {
          throw EventStoreError.unorderedRows(place: connection.place, table: table.rawValue)
        }
        try body(batch)
      })
  }

  /// Runs `query` as a binary COPY and hands its rows to `body` in batches of at most
  /// `rowsPerBatch` rows (the last may be smaller; none when there are no rows), calling `row`
  /// after each row is appended. Only one batch is in memory at a time.
  func copyBatches(
    _ query: String, table: String, textColumns: UInt32,
    rowsPerBatch: Int = RawBatch.standardSize, row: (inout RawBatch) -> Void = { _ in },
    _ body: (RawBatch) throws -> Void
  ) throws {
    let types = try connection.columnTypes(of: query, table: table)
    var decoder = CopyDecoder(types: types, textColumns: textColumns)
    let capacity = min(rowsPerBatch, RawBatch.standardSize)
    var batch = RawBatch(columns: types.count, capacity: capacity)
    try connection.copy(query, table: table) { message in
      guard decoder.append(message, to: &batch, row) else {
        throw EventStoreError.unreadableRows(place: connection.place, table: table)
      }
      if batch.count >= rowsPerBatch {
        try body(batch)
        batch = RawBatch(columns: types.count, capacity: capacity)
      }
    }
    guard decoder.ended else {
      throw EventStoreError.unreadableRows(place: connection.place, table: table)
    }
    if batch.count > 0 { try body(batch) }
  }
}
