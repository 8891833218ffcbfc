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
    let query: PostgresQuery
    switch filter {
    case .ids(let span):
      query = """
        SELECT \(unescaped: id), \(unescaped: columns) FROM \(unescaped: table.rawValue)
        WHERE \(unescaped: id) > \(span.after) AND \(unescaped: id) <= \(span.through) AND \(unescaped: listeners)
        ORDER BY \(unescaped: id)
        """
    case .times(let after, let through, let idsThrough):
      query = """
        SELECT \(unescaped: id), \(unescaped: columns) FROM \(unescaped: table.rawValue)
        WHERE \(unescaped: id) <= \(idsThrough)
        AND ((occurred_at > \(after) AND occurred_at <= \(through))
          OR (occurred_at > \(after * 1000 + 999) AND occurred_at <= \(through * 1000 + 999)))
        AND \(unescaped: listeners)
        ORDER BY \(unescaped: id)
        """
    }
    try stream(
      query, table: table.rawValue, columns: 1 + columns.split(separator: ",").count,
      textColumns: text, body)
  }

  /// Runs `query` on the client thread through a server-side cursor, fetching
  /// ``RawBatch/standardSize`` rows at a time into a batch of `columns` cells a row, and hands
  /// the batches over through a ``BoundedQueue``; `body` gets them here, in order. The next
  /// fetch waits for room in the queue: at most a few batches are ever in memory, whatever the
  /// table's size.
  func stream(
    _ query: PostgresQuery, table: String, columns: Int, textColumns: UInt32,
    _ body: (RawBatch) throws -> Void
  ) throws {
    let queue = BoundedQueue<Handover>(capacity: Self.batchesInFlight)
    let finished = Outcome<Void>()
    // The cursor lives until the transaction ends; the SQL around the query is constant.
    let declare = PostgresQuery(
      unsafeSQL: "DECLARE tunedash_rows NO SCROLL CURSOR FOR " + query.sql, binds: query.binds)
    let fetch = "FETCH \(RawBatch.standardSize) FROM tunedash_rows"
    session.thread.start { [session] in
      defer {
        queue.close()
        finished.set(.success(()))
      }
      do {
        _ = try await Session.rows(declare, on: session)
        while true {
          let rows = try await Session.rows(PostgresQuery(unsafeSQL: fetch), on: session)
          guard !rows.isEmpty else { break }
          var batch = RawBatch(columns: columns, capacity: rows.count)
          for row in rows { batch.append(row, textColumns: textColumns) }
          guard queue.send(.rows(batch)) else { return }
        }
        _ = try await Session.rows("CLOSE tunedash_rows", on: session)
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
}
