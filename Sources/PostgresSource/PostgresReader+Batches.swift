import EventStore
import PostgresNIO

extension PostgresReader {
  /// What the client thread hands the reading thread.
  enum Handover: Sendable {
    /// Up to ``RawBatch/standardSize`` rows.
    case rows(RawBatch)
    /// The query failed; no more rows come.
    case failed(any Error)
  }

  /// Batches in flight between the client thread and the reader: the back-pressure. While they
  /// wait, the client fetches no more rows, and the server's cursor waits where it is.
  static let batchesInFlight = 4

  /// How a read asks the server for its rows, a batch at a time.
  enum RowSource: Sendable {
    /// A server-side cursor over a query that selects each row as one record
    /// (`SELECT ROW(a, b, …)`), fetched ``RawBatch/standardSize`` rows at a time.
    case cursor(PostgresQuery)
    /// Pages in id order, each one row holding an array per column: `page(from, skip, limit)`
    /// selects at most `limit` rows with an id of at least `from`, in id order, after the first
    /// `skip` of them. The first page starts at `first`; each next one at the id the page
    /// before ended with, skipping the rows of that id it held (so a duplicate id that spans
    /// two pages is read whole, once). Each page is a range scan of the id index: for the large
    /// reads, far fewer rows for PostgresNIO to handle one by one (see ``PageSize``).
    case pages(
      first: Int64, page: @Sendable (_ from: Int64, _ skip: Int, _ limit: Int) -> PostgresQuery)
  }

  /// The rows of `table` selected by `filter`, in id order, in batches of raw values (see
  /// ``EventSourceReader/readBatches(_:_:_:)``), streamed from the server.
  public func readBatches(
    _ table: EventTable, _ filter: EventFilter, _ body: (RawBatch) throws -> Void
  ) throws {
    let (columns, text) =
      table == .activity
      ? (ActivityValidator.columns, ActivityValidator.textColumns)
      : (FeedbackValidator.columns, FeedbackValidator.textColumns)
    let id = table.idColumn
    let source: RowSource
    switch filter {
    case .ids(let span):
      guard span.after < span.through else { return }
      let arrays =
        ([id] + columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        .map { "array_agg(\($0))" }.joined(separator: ", ")
      source = .pages(first: span.after + 1) { [listeners] from, skip, limit in
        """
        SELECT \(unescaped: arrays) FROM (
          SELECT \(unescaped: id), \(unescaped: columns) FROM \(unescaped: table.rawValue)
          WHERE \(unescaped: id) >= \(from) AND \(unescaped: id) <= \(span.through) AND \(unescaped: listeners)
          ORDER BY \(unescaped: id) LIMIT \(limit) OFFSET \(skip)) AS page
        """
      }
    case .times(let after, let through, let idsThrough):
      // Through the index on occurred_at: a cursor, as pages by id would scan the id index.
      source = .cursor(
        """
        SELECT ROW(\(unescaped: id), \(unescaped: columns)) FROM \(unescaped: table.rawValue)
        WHERE \(unescaped: id) <= \(idsThrough)
        AND ((occurred_at > \(after) AND occurred_at <= \(through))
          OR (occurred_at > \(after * 1000 + 999) AND occurred_at <= \(through * 1000 + 999)))
        AND \(unescaped: listeners)
        ORDER BY \(unescaped: id)
        """)
    }
    try stream(
      source, table: table.rawValue, columns: 1 + columns.split(separator: ",").count,
      textColumns: text, body)
  }

  /// Reads `source` on the client thread into batches of `columns` cells a row and hands them
  /// over through a ``BoundedQueue``; `body` gets them here, in order. The next fetch waits
  /// for room in the queue: at most a few batches are ever in memory, whatever the table's
  /// size.
  func stream(
    _ source: RowSource, table: String, columns: Int, textColumns: UInt32,
    _ body: (RawBatch) throws -> Void
  ) throws {
    let queue = BoundedQueue<Handover>(capacity: Self.batchesInFlight)
    let finished = Outcome<Void>()
    session.thread.start { [session] in
      defer {
        queue.close()
        finished.set(.success(()))
      }
      let unreadable = EventStoreError.unreadableRow(
        server: session.server, table: table, columns: columns)
      do {
        switch source {
        case .cursor(let query):
          try await Self.cursor(query, on: session) { rows in
            var batch = RawBatch(columns: columns, capacity: rows.count)
            for row in rows {
              guard let record = row.first,
                batch.appendRecord(record, columns: columns, textColumns: textColumns)
              else { throw unreadable }
            }
            return queue.send(.rows(batch))
          }
        case .pages(var from, let page):
          var skip = 0
          var size = PageSize()
          var next = Session.send(page(from, skip, size.rows), on: session)
          while true {
            let rows = try await next.get().rows
            guard let row = rows.first, rows.count == 1 else { throw unreadable }
            let arrays = Array(row)
            guard let ids = arrays.first else { throw unreadable }
            if ids.bytes == nil { break }  // no rows: the aggregate of nothing is NULL
            guard let (count, last, trailing, ordered) = RawBatch.summary(ofIDs: ids) else {
              throw unreadable
            }
            guard ordered else {
              throw EventStoreError.unorderedRows(server: session.server, table: table)
            }
            skip = (last == from ? skip : 0) + trailing
            from = last
            size.adapt(
              count: count, bytes: arrays.reduce(0) { $0 + ($1.bytes?.readableBytes ?? 0) })
            // The server makes the next page while this one is decoded.
            next = Session.send(page(from, skip, size.rows), on: session)
            var batch = RawBatch(columns: columns, capacity: size.rows)
            guard batch.appendColumns(arrays, textColumns: textColumns) else { throw unreadable }
            guard queue.send(.rows(batch)) else {
              _ = try? await next.get()
              return
            }
          }
        }
      } catch {
        queue.send(.failed(error))
      }
    }
    // The connection is free again only once the client has stopped.
    defer { try? finished.get() }
    while let handover = queue.receive() {
      switch handover {
      case .rows(let batch):
        do { try body(batch) } catch {
          queue.cancel()
          throw error
        }
      case .failed(let error):
        throw EventStoreError.postgres(error, server: session.server, table: table)
      }
    }
  }

  /// Runs `query` through a server-side cursor, handing each fetch's rows to `body` until the
  /// rows end or `body` returns `false`.
  private static func cursor(
    _ query: PostgresQuery, on session: Session, _ body: ([PostgresRow]) throws -> Bool
  ) async throws {
    // The cursor lives until the transaction ends; the SQL around the query is constant.
    let declare = PostgresQuery(
      unsafeSQL: "DECLARE tunedash_rows NO SCROLL CURSOR FOR " + query.sql, binds: query.binds)
    let fetch = "FETCH \(RawBatch.standardSize) FROM tunedash_rows"
    _ = try await Session.rows(declare, on: session)
    while true {
      let rows = try await Session.rows(PostgresQuery(unsafeSQL: fetch), on: session)
      guard !rows.isEmpty, try body(rows) else { break }
    }
    _ = try await Session.rows("CLOSE tunedash_rows", on: session)
  }
}
