import EventStore
import Foundation

/// Reads one snapshot of a PostgreSQL source: the PostgreSQL ``EventSourceReader``. Obtain one
/// from ``PostgresEventSource/read(_:)``; it is valid only inside that closure.
///
/// Tables are named from ``SchemaV1`` constants only; integers are written into the SQL by this
/// type, and every text from outside (track and user ids) is a bound parameter. Tracks and
/// genres are read in the canonical byte order of their ids (``SQLDialect/byteOrder(_:)``), as
/// from SQLite.
public final class PostgresReader: EventSourceReader {
  let connection: Connection
  /// The SQL condition on `user_id` that keeps the partition's rows (`TRUE` for everyone).
  let listeners: String

  init(connection: Connection, partition: ListenerPartition? = nil) {
    self.connection = connection
    // Built from two integers and a column name: no text from outside.
    listeners = partition?.sqlPredicate(column: "user_id") ?? "TRUE"
  }

  /// The connection URI without its passwords.
  var location: String { connection.place.location }

  // MARK: The cut and the as-of time

  /// The highest ids now in both event tables.
  public func cut() throws -> EventCut {
    EventCut(
      maxEventID: try scalar("SELECT coalesce(max(event_id), 0) FROM activity", table: "activity")
        ?? 0,
      maxFeedbackID: try scalar(
        "SELECT coalesce(max(feedback_id), 0) FROM feedback", table: "feedback") ?? 0)
  }

  /// The latest event time in the cut earlier than `before` (see
  /// ``EventTime/latest(in:before:maximum:)``).
  public func latestTime(in cut: EventCut, before: Int64?) throws -> Int64? {
    try EventTime.latest(in: cut, before: before) { table, maxID, low, high in
      try scalar(
        """
        SELECT max(occurred_at) FROM \(table.rawValue) WHERE \(table.idColumn) <= \(maxID)
        AND occurred_at >= \(low) AND occurred_at < \(high)
        """, table: table.rawValue)
    }
  }

  // MARK: The catalog, tracks and users

  /// Every track id (in byte order) and its genres. Genre rows naming an unknown track are
  /// ignored. The catalog's ``Catalog/rowsDigest`` is the digest of the rows it was built from
  /// (``catalogRowsDigest()``), unless a track id is repeated.
  public func loadCatalog() throws -> Catalog {
    var builder = Catalog.Builder()
    let digest = try walkCatalogRows(sorted: true) { rows in
      for row in 0..<rows.count {
        guard let id = rows.bytes(row, 0), id.count > 0 else { continue }
        builder.addTrack(
          id, artist: rows.bytes(row, 1).map { String(decoding: $0, as: UTF8.self) } ?? "")
      }
    } genres: { rows in
      Self.eachGenre(rows) { track, genre in _ = builder.addGenre(genre, toTrack: track) }
    }
    var catalog = builder.finish()
    catalog.rowsDigest = builder.repeatsTracks ? nil : digest
    return catalog
  }

  /// The digest of the rows ``loadCatalog()`` reads, read unsorted and without building
  /// anything: equal digests, the same rows, the same catalog. The audio features are not
  /// digested here (a build reads them, as it does without a saved state).
  public func catalogRowsDigest(withFeatures: Bool) throws -> CatalogRowsDigest? {
    CatalogRowsDigest(
      catalog: try walkCatalogRows(sorted: false, tracks: { _ in }, genres: { _ in }),
      features: nil)
  }

  /// Reads `tracks` (id, artist) and `track_genres` (track, genre) — `sorted`: in byte order of
  /// the ids (and genres), which is checked — calling `tracks` and `genres` with each table's
  /// rows at once, and returns the digest of the rows read (``RowSetDigest``).
  private func walkCatalogRows(
    sorted: Bool, tracks: (RawBatch.Rows) -> Void, genres: (RawBatch.Rows) -> Void
  ) throws -> UInt64 {
    var digest = RowSetDigest()
    func add(_ rows: RawBatch.Rows, table: UInt8) {
      for row in 0..<rows.count {
        digest.add(cell: rows.bytes(row, 0))
        digest.add(cell: rows.bytes(row, 1))
        digest.endRow(table: table)
      }
    }
    try columns(
      "SELECT track_id, artist FROM tracks"
        + (sorted ? " ORDER BY \(SQLDialect.postgresql.byteOrder("track_id"))" : ""),
      table: "tracks", textColumns: 0b11, sortedBy: sorted ? 1 : 0
    ) { rows in
      add(rows, table: 1)
      tracks(rows)
    }
    try genreRows(sorted: sorted) { rows in
      add(rows, table: 2)
      genres(rows)
    }
    return digest.value
  }

  /// Reads every `track_genres` row (track, genre) at once — `sorted`: in byte order of both,
  /// which is checked.
  private func genreRows(sorted: Bool, _ body: (RawBatch.Rows) -> Void) throws {
    let byteOrder = SQLDialect.postgresql.byteOrder
    try columns(
      "SELECT track_id, genre FROM track_genres"
        + (sorted ? " ORDER BY \(byteOrder("track_id")), \(byteOrder("genre"))" : ""),
      table: "track_genres", textColumns: 0b11, sortedBy: sorted ? 2 : 0, body)
  }

  /// Calls `body` with each of `rows`' (track, genre) pairs whose genre is not empty.
  private static func eachGenre(_ rows: RawBatch.Rows, _ body: (String, String) -> Void) {
    for row in 0..<rows.count {
      guard let track = rows.bytes(row, 0), let genre = rows.bytes(row, 1), genre.count > 0 else {
        continue
      }
      body(String(decoding: track, as: UTF8.self), String(decoding: genre, as: UTF8.self))
    }
  }

  /// Calls `body` with every `track_genres` row with a non-empty genre, as (track, genre), in
  /// the order SQLite keeps that table (its primary key, comparing bytes).
  func genres(_ body: (String, String) -> Void) throws {
    try genreRows(sorted: true) { rows in Self.eachGenre(rows, body) }
  }

  /// Runs `query` and calls `body` with all its rows at once, the columns whose bit is set in
  /// `textColumns` read as text (see ``CopyDecoder``): a whole table in one batch.
  ///
  /// `query` sorts its rows by its first `sortedBy` columns as text in byte order; that they
  /// came in that order is checked (see ``RawBatch/Rows/isSorted(byFirst:)``), as the catalog
  /// relies on it.
  func columns(
    _ query: String, table: String, textColumns: UInt32, sortedBy keys: Int,
    _ body: (RawBatch.Rows) -> Void
  ) throws {
    var whole: RawBatch?
    try copyBatches(query, table: table, textColumns: textColumns, rowsPerBatch: .max) {
      whole = $0
    }
    try whole?.withRows { rows in
      guard rows.isSorted(byFirst: keys) else {
        throw EventStoreError.unorderedRows(place: connection.place, table: table)
      }
      body(rows)
    }
  }

  /// Title, artist and album of the given track ids (those found in `tracks`).
  public func trackDetails(_ ids: [String]) throws -> [String: TrackDetails] {
    let rows = try connection.execute(
      "SELECT track_id, title, artist, album FROM tracks WHERE track_id = ANY($1)",
      parameters: [Self.arrayLiteral(ids)], table: "tracks")
    var details: [String: TrackDetails] = [:]
    for row in 0..<rows.count {
      guard let id = rows.value(row, 0).string else { continue }
      details[id] = TrackDetails(
        title: rows.value(row, 1).string ?? "", artist: rows.value(row, 2).string ?? "",
        album: rows.value(row, 3).string)
    }
    return details
  }

  /// The `users` table's ids (of the partition's listeners), in the server's order, streamed
  /// in batches.
  public func registeredUsers(_ body: (UnsafeRawBufferPointer) -> Void) throws {
    try copyBatches(
      "SELECT user_id FROM users WHERE \(listeners)", table: "users", textColumns: 0b1
    ) { batch in
      batch.withRows { rows in
        for row in 0..<rows.count {
          guard let id = rows.bytes(row, 0), id.count > 0 else { continue }
          body(id)
        }
      }
    }
  }

  /// Display names for the given user ids (those found in `users` with a name).
  public func displayNames(_ ids: [String]) throws -> [String: String] {
    let rows = try connection.execute(
      "SELECT user_id::text, display_name FROM users WHERE user_id::text = ANY($1)",
      parameters: [Self.arrayLiteral(ids)], table: "users")
    var names: [String: String] = [:]
    for row in 0..<rows.count {
      if let id = rows.value(row, 0).string, let name = rows.value(row, 1).string, !name.isEmpty {
        names[id] = name
      }
    }
    return names
  }

  /// `values` as a PostgreSQL array literal (`{"a","b\"c"}`), each element quoted and its
  /// quotes and backslashes escaped: bound as one parameter, whatever the ids hold.
  static func arrayLiteral(_ values: [String]) -> String {
    let quoted = Set(values).sorted().map { value in
      "\""
        + value.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    return "{" + quoted.joined(separator: ",") + "}"
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
    let rows = try connection.execute(
      """
      SELECT attname::text FROM pg_attribute
      WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped
      """, parameters: [table])
    return Set((0..<rows.count).compactMap { rows.value($0, 0).string?.lowercased() })
  }

  /// The number of rows in `table`, one of ``SchemaV1/requiredColumns``.
  public func rowCount(of table: String) throws -> Int {
    Int(try scalar("SELECT count(*) FROM \(Self.contractTable(table))", table: table) ?? 0)
  }

  /// `track_genres` rows naming a track missing from `tracks`.
  public func orphanGenreRows() throws -> Int {
    Int(
      try scalar(
        "SELECT count(*) FROM track_genres WHERE track_id NOT IN (SELECT track_id FROM tracks)",
        table: "track_genres") ?? 0)
  }

  /// Whether `table` has an index whose first column is `occurred_at` (`true` for a view or
  /// anything else that is not a plain or partitioned table).
  public func hasTimeIndex(on table: String) throws -> Bool {
    let found = try scalar(
      """
      SELECT CASE WHEN c.relkind IN ('r', 'p') THEN (
        SELECT count(*) FROM pg_index i JOIN pg_attribute a
        ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = c.oid AND a.attname = 'occurred_at') ELSE 1 END
      FROM pg_class c WHERE c.oid = to_regclass($1)
      """, parameters: [table], table: table)
    return (found ?? 1) > 0
  }

  /// Runs `query` for its first column of its first row, as an integer (NULL, or no row, as
  /// `nil`).
  func scalar(_ query: String, parameters: [String] = [], table: String? = nil) throws -> Int64? {
    let rows = try connection.execute(query, parameters: parameters, table: table)
    guard rows.count > 0 else { return nil }
    return Self.whole(rows.value(0, 0))
  }

  /// A number as the whole number SQLite's `sqlite3_column_int64` gives for it: an integer as
  /// it is, a real (a `double precision` or fractional `numeric` column's `max(occurred_at)`)
  /// as the validators read a real time (``EventTime/whole(_:)``), and `nil` for NULL and
  /// anything else.
  static func whole(_ value: StoredValue) -> Int64? {
    switch value {
    case .integer(let integer): integer
    case .real(let real): EventTime.whole(real)
    default: nil
    }
  }

  /// `table` when it is one of the contract's tables (the only names written into SQL).
  static func contractTable(_ table: String) -> String {
    precondition(
      SchemaV1.requiredColumns.contains { $0.table == table }, "not a schema v1 table: \(table)")
    return table
  }
}
