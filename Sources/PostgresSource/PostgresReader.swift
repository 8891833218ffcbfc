import EventStore
import Foundation
import PostgresNIO

/// Reads one snapshot of a PostgreSQL source: the PostgreSQL ``EventSourceReader``. Obtain one
/// from ``PostgresEventSource/read(_:)``; it is valid only inside that closure.
///
/// Tables are named from ``SchemaV1`` constants only; every value from outside (ids, times, user
/// ids) is a bound parameter. PostgreSQL tables have no row order, so where the SQLite reader
/// reads in table order (tracks, users) this one reads in key order, comparing bytes.
public final class PostgresReader: EventSourceReader {
  let session: Session
  /// The SQL condition on `user_id` that keeps the partition's rows (`TRUE` for everyone).
  let listeners: String

  init(session: Session, partition: ListenerPartition? = nil) {
    self.session = session
    // Built from two integers and a column name: no text from outside.
    listeners = partition?.sqlPredicate(column: "user_id") ?? "TRUE"
  }

  /// The URL without its password.
  var location: String { session.server.location }

  // MARK: The cut and the as-of time

  /// The highest ids now in both event tables.
  public func cut() throws -> EventCut {
    EventCut(
      maxEventID: try session.scalar(
        "SELECT coalesce(max(event_id), 0) FROM activity", table: "activity") ?? 0,
      maxFeedbackID: try session.scalar(
        "SELECT coalesce(max(feedback_id), 0) FROM feedback", table: "feedback") ?? 0)
  }

  /// The latest valid event time in the cut (see ``EventTime/latest(in:maximum:)``).
  public func latestTime(in cut: EventCut) throws -> Int64? {
    try EventTime.latest(in: cut) { table, maxID, low, high in
      try session.scalar(
        """
        SELECT max(occurred_at) FROM \(unescaped: table.rawValue) WHERE \(unescaped: table.idColumn) <= \(maxID)
        AND occurred_at >= \(low) AND occurred_at < \(high)
        """, table: table.rawValue)
    }
  }

  // MARK: The catalog, tracks and users

  /// Every track id (in byte order) and its genres. Genre rows naming an unknown track are
  /// ignored.
  public func loadCatalog() throws -> Catalog {
    var builder = Catalog.Builder()
    try columns(
      #"SELECT track_id, artist FROM tracks ORDER BY track_id::text COLLATE "C""#, table: "tracks",
      count: 2, textColumns: 0b11, sortedBy: 1
    ) { rows in
      for row in 0..<rows.count {
        guard let id = rows.bytes(row, 0), id.count > 0 else { continue }
        builder.addTrack(
          id, artist: rows.bytes(row, 1).map { String(decoding: $0, as: UTF8.self) } ?? "")
      }
    }
    try genres { track, genre in _ = builder.addGenre(genre, toTrack: track) }
    return builder.finish()
  }

  /// Calls `body` with every `track_genres` row with a non-empty genre, as (track, genre), in
  /// the order SQLite keeps that table (its primary key, comparing bytes).
  func genres(_ body: (String, String) -> Void) throws {
    try columns(
      #"SELECT track_id, genre FROM track_genres ORDER BY track_id::text COLLATE "C", genre::text COLLATE "C""#,
      table: "track_genres", count: 2, textColumns: 0b11, sortedBy: 2
    ) { rows in
      for row in 0..<rows.count {
        guard let track = rows.bytes(row, 0), let genre = rows.bytes(row, 1), genre.count > 0 else {
          continue
        }
        body(String(decoding: track, as: UTF8.self), String(decoding: genre, as: UTF8.self))
      }
    }
  }

  /// Runs `query` (its `count` columns, in order) as one row of one array per column, and calls
  /// `body` with its rows, the columns whose bit is set in `textColumns` read as text (see
  /// ``RawBatch/appendColumns(_:textColumns:)``): a whole table at once, without PostgresNIO's
  /// cost for each of its rows (collected as rows, the catalog's 600,000 took it seconds).
  ///
  /// `query` sorts its rows by its first `sortedBy` columns as text in byte order; that the
  /// arrays kept that order is checked (see ``RawBatch/Rows/isSorted(byFirst:)``), as the
  /// catalog relies on it.
  func columns(
    _ query: String, table: String, count: Int, textColumns: UInt32, sortedBy keys: Int,
    _ body: (RawBatch.Rows) -> Void
  ) throws {
    let arrays = (0..<count).map { "array_agg(c\($0))" }.joined(separator: ", ")
    let names = (0..<count).map { "c\($0)" }.joined(separator: ", ")
    let sql = "SELECT \(arrays) FROM (\(query)) AS whole (\(names))"
    let batch = try session.run(table: table) { session in
      let rows = try await Session.rows(PostgresQuery(unsafeSQL: sql), on: session)
      var batch = RawBatch(columns: count)
      guard let row = rows.first, rows.count == 1 else { return batch }
      let arrays = Array(row)
      if arrays.first?.bytes == nil { return batch }  // no rows
      guard batch.appendColumns(arrays, textColumns: textColumns) else {
        throw EventStoreError.unreadableRow(server: session.server, table: table, columns: count)
      }
      return batch
    }
    try batch.withRows { rows in
      guard rows.isSorted(byFirst: keys) else {
        throw EventStoreError.unorderedRows(server: session.server, table: table)
      }
      body(rows)
    }
  }

  /// Title, artist and album of the given track ids (those found in `tracks`).
  public func trackDetails(_ ids: [String]) throws -> [String: TrackDetails] {
    let wanted = Array(Set(ids))
    return try session.run(table: "tracks") { session in
      var details: [String: TrackDetails] = [:]
      let rows = try await Session.rows(
        "SELECT track_id, title, artist, album FROM tracks WHERE track_id = ANY(\(wanted))",
        on: session)
      for row in rows {
        let cells = row.makeRandomAccess()
        guard let id = StoredValue(cells[0]).string else { continue }
        details[id] = TrackDetails(
          title: StoredValue(cells[1]).string ?? "", artist: StoredValue(cells[2]).string ?? "",
          album: StoredValue(cells[3]).string)
      }
      return details
    }
  }

  /// The `users` table: every id with its display name, in id order (comparing bytes),
  /// streamed in batches.
  public func registeredUsers(_ body: (UnsafeRawBufferPointer, String?) -> Void) throws {
    try stream(
      .cursor(
        "SELECT ROW(user_id, display_name) FROM users WHERE \(unescaped: listeners) ORDER BY user_id::text COLLATE \"C\""
      ),
      table: "users",
      columns: 2, textColumns: 0b11
    ) { batch in
      batch.withRows { rows in
        for row in 0..<rows.count {
          guard let id = rows.bytes(row, 0), id.count > 0 else { continue }
          body(id, rows.bytes(row, 1).map { String(decoding: $0, as: UTF8.self) })
        }
      }
    }
  }

  /// Display names for the given user ids (those found in `users` with a name).
  public func displayNames(_ ids: [String]) throws -> [String: String] {
    let wanted = Array(Set(ids))
    return try session.run(table: "users") { session in
      var names: [String: String] = [:]
      let rows = try await Session.rows(
        "SELECT ROW(user_id, display_name) FROM users WHERE user_id = ANY(\(wanted))", on: session)
      for row in rows {
        let cells = row.makeRandomAccess()
        if let id = StoredValue(cells[0]).string, let name = StoredValue(cells[1]).string,
          !name.isEmpty
        {
          names[id] = name
        }
      }
      return names
    }
  }

  // MARK: The contract

  /// Throws ``EventStoreError/Kind-swift.enum/contractViolation`` naming the first missing table
  /// or column of ``SchemaV1/requiredColumns``.
  func verifyContract() throws {
    try SchemaV1.verify(location: location, columnNames: columnNames(of:))
  }

  /// The column names of a table or view as the search path finds it, lower-cased; empty when
  /// it does not exist.
  func columnNames(of table: String) throws -> Set<String> {
    try session.run { session in
      var names: Set<String> = []
      let rows = try await Session.rows(
        """
        SELECT attname::text FROM pg_attribute
        WHERE attrelid = to_regclass(\(table)) AND attnum > 0 AND NOT attisdropped
        """, on: session)
      for row in rows {
        if let name = StoredValue(row.makeRandomAccess()[0]).string {
          names.insert(name.lowercased())
        }
      }
      return names
    }
  }

  /// The number of rows in `table`, one of ``SchemaV1/requiredColumns``.
  public func rowCount(of table: String) throws -> Int {
    Int(
      try session.scalar(
        "SELECT count(*) FROM \(unescaped: Self.contractTable(table))", table: table) ?? 0)
  }

  /// `track_genres` rows naming a track missing from `tracks`.
  public func orphanGenreRows() throws -> Int {
    Int(
      try session.scalar(
        "SELECT count(*) FROM track_genres WHERE track_id NOT IN (SELECT track_id FROM tracks)",
        table: "track_genres") ?? 0)
  }

  /// Whether `table` has an index whose first column is `occurred_at` (`true` for a view or
  /// anything else that is not a plain or partitioned table).
  public func hasTimeIndex(on table: String) throws -> Bool {
    let found = try session.scalar(
      """
      SELECT CASE WHEN c.relkind IN ('r', 'p') THEN (
        SELECT count(*) FROM pg_index i JOIN pg_attribute a
        ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = c.oid AND a.attname = 'occurred_at') ELSE 1 END
      FROM pg_class c WHERE c.oid = to_regclass(\(table))
      """, table: table)
    return (found ?? 1) > 0
  }

  /// `table` when it is one of the contract's tables (the only names written into SQL).
  static func contractTable(_ table: String) -> String {
    precondition(
      SchemaV1.requiredColumns.contains { $0.table == table }, "not a schema v1 table: \(table)")
    return table
  }
}
