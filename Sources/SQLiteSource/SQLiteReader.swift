import EventStore
import GRDB

/// Reads one SQLite source database inside a single read transaction: the cut, the catalog and
/// the two event tables, streamed row by row. The SQLite ``EventSourceReader``.
///
/// Obtain one from ``SourceDatabase/read(_:)``; it is valid only inside that closure. Every scan
/// validates rows against the contract: invalid rows are counted in a ``RowIssueCounts`` and not
/// handed to the consumer, so metrics never see them.
public final class SQLiteReader: EventSourceReader {
  let db: Database
  /// The database file.
  public let path: String

  /// Whether each event table holds a time as text, once asked (``timeValue(_:)``).
  private var textTimes: [EventTable: Bool] = [:]

  init(db: Database, path: String) {
    self.db = db
    self.path = path
  }

  /// How a statement reads `occurred_at` of `table` as a number: the column itself, or — when
  /// the table holds a time as text (a column declared `TEXT`, or a view that makes its times
  /// with `strftime('%s', …)`), which the validators accept like a number — its numeric value.
  /// SQLite sorts text after every number, so the column alone would leave such rows out of
  /// every range of times (and of the default as-of time). The numeric value cannot use the
  /// index; whether any time is text that may be valid is one look at the index's end (and
  /// through the texts there), asked once per table.
  func timeValue(_ table: EventTable) throws -> String {
    let hasText: Bool
    if let known = textTimes[table] {
      hasText = known
    } else {
      // '' stays text against a numeric column, and every text (or blob) sorts at or after it:
      // the index's end, and of it only a text that may be a valid time counts (one broken
      // row, 'n/a', must not slow every later read down).
      let first = """
        SELECT 1 FROM \(table.rawValue) WHERE occurred_at >= ''
        AND CAST(occurred_at AS REAL) >= \(EventTime.earliest) LIMIT 1
        """
      hasText = try scalar("SELECT count(*) FROM (\(first))") == 1
      textTimes[table] = hasText
    }
    return hasText
      ? "(CASE WHEN typeof(occurred_at) = 'text' THEN CAST(occurred_at AS REAL) ELSE occurred_at END)"
      : "occurred_at"
  }

  // MARK: The cut and the as-of time

  /// The highest ids now in both event tables.
  public func cut() throws -> EventCut {
    EventCut(
      maxEventID: try scalar("SELECT coalesce(max(event_id), 0) FROM activity") ?? 0,
      maxFeedbackID: try scalar("SELECT coalesce(max(feedback_id), 0) FROM feedback") ?? 0)
  }

  /// The latest event time in the cut earlier than `before` (milliseconds repaired), or `nil`
  /// if there is none (see ``EventTime/latest(in:before:maximum:)``). Times outside 2000–2099
  /// are ignored, so one absurd row cannot move the whole report. Fast when the `occurred_at`
  /// indexes exist.
  public func latestTime(in cut: EventCut, before: Int64?) throws -> Int64? {
    try EventTime.latest(in: cut, before: before) { table, maxID, low, high in
      let time = try timeValue(table)
      return try scalar(
        """
        SELECT max(\(time)) FROM \(table.rawValue) WHERE \(table.idColumn) <= ?
        AND \(time) >= \(low) AND \(time) < \(high)
        """, maxID)
    }
  }

  // MARK: The catalog

  /// Loads every track id (in byte order, see ``SQLDialect/byteOrder(_:)``) and its genres. Genre
  /// rows naming an unknown track are ignored. The catalog's ``Catalog/rowsDigest`` is the
  /// digest of the rows it was built from (``catalogRowsDigest()``), unless a track id is
  /// repeated (which of its rows counts then depends on the order SQLite sorts them in).
  public func loadCatalog() throws -> Catalog {
    var builder = Catalog.Builder()
    let digest = try walkCatalogRows(
      sorted: true, features: nil,
      track: { id, row in
        if let id, id.count > 0 { builder.addTrack(id, artist: row.string(1) ?? "") }
      },
      genre: { row in
        guard let track = row.string(0), let genre = row.string(1), !genre.isEmpty else { return }
        _ = builder.addGenre(genre, toTrack: track)
      })
    var catalog = builder.finish()
    catalog.rowsDigest = builder.repeatsTracks ? nil : digest.catalog
    return catalog
  }

  /// The digest of the rows ``loadCatalog()`` reads, read in the tables' own order (no sort)
  /// and without building anything: equal digests, the same rows, the same catalog. With
  /// `withFeatures`, the same pass digests the audio features as
  /// ``trackFeatureValues(catalog:)`` does (none when a feature column is missing).
  public func catalogRowsDigest(withFeatures: Bool) throws -> CatalogRowsDigest? {
    let features = withFeatures ? try? featureColumns() : nil
    return try walkCatalogRows(
      sorted: false, features: features, track: { _, _ in }, genre: { _ in })
  }

  /// Steps through `tracks` (id, artist), calling `track` with each row's id bytes, then
  /// through `track_genres` (track, genre), calling `genre` — `sorted`: in byte order of the
  /// ids (and genres) — and returns the digest of the rows stepped over (``RowSetDigest``), and
  /// of the `features` columns' cells when given (``FeatureRowsDigest``).
  private func walkCatalogRows(
    sorted: Bool, features: [String]?, track: (UnsafeRawBufferPointer?, RawStatement) -> Void,
    genre: (RawStatement) -> Void
  ) throws -> CatalogRowsDigest {
    var digest = RowSetDigest()
    var featureDigest = features.map(FeatureRowsDigest.init(columns:))
    let featureCount = Int32(features?.count ?? 0)
    let byteOrder = SQLDialect.sqlite.byteOrder
    let tracks = try RawStatement(
      db,
      sql: "SELECT track_id, artist\((features ?? []).map { ", \($0)" }.joined()) FROM tracks"
        + (sorted ? " ORDER BY \(byteOrder("track_id"))" : ""))
    while try tracks.step(db) {
      let id = tracks.bytes(0)
      digest.add(cell: id)
      digest.add(cell: tracks.bytes(1))
      digest.endRow(table: 1)
      if featureDigest != nil {
        featureDigest!.startRow(track: id)
        for column in 2..<2 + featureCount {
          featureDigest!.add(value: Self.number(tracks, column))
        }
        featureDigest!.endRow()
      }
      track(id, tracks)
    }
    let genres = try RawStatement(
      db,
      sql: "SELECT track_id, genre FROM track_genres"
        + (sorted ? " ORDER BY \(byteOrder("track_id")), \(byteOrder("genre"))" : ""))
    while try genres.step(db) {
      digest.add(cell: genres.bytes(0))
      digest.add(cell: genres.bytes(1))
      digest.endRow(table: 2)
      genre(genres)
    }
    return CatalogRowsDigest(catalog: digest.value, features: featureDigest?.value)
  }

  /// Title and artist of the given track ids (those found in `tracks`).
  public func trackDetails(_ ids: [String]) throws -> [String: TrackDetails] {
    let statement = try RawStatement(
      db, sql: "SELECT title, artist, album FROM tracks WHERE track_id = ?")
    var details: [String: TrackDetails] = [:]
    for id in Set(ids) {
      statement.reset()
      statement.bind(1, id)
      if try statement.step(db) {
        details[id] = TrackDetails(
          title: statement.string(0) ?? "", artist: statement.string(1) ?? "",
          album: statement.string(2))
      }
    }
    return details
  }

  /// The `users` table's ids, in the table's own order.
  public func registeredUsers(_ body: (UnsafeRawBufferPointer) -> Void) throws {
    let statement = try RawStatement(db, sql: "SELECT user_id FROM users")
    while try statement.step(db) {
      guard let id = statement.bytes(0), id.count > 0 else { continue }
      body(id)
    }
  }

  /// Display names for the given user ids (those found in `users` with a name).
  public func displayNames(_ ids: [String]) throws -> [String: String] {
    let statement = try RawStatement(db, sql: "SELECT display_name FROM users WHERE user_id = ?")
    var names: [String: String] = [:]
    for id in Set(ids) {
      statement.reset()
      statement.bind(1, id)
      if try statement.step(db), let name = statement.string(0), !name.isEmpty { names[id] = name }
    }
    return names
  }

  // MARK: Helpers

  func scalar(_ sql: String, _ argument: Int64? = nil) throws -> Int64? {
    let statement = try RawStatement(db, sql: sql)
    if let argument { statement.bind(1, argument) }
    guard try statement.step(db), statement.type(0) != CellKind.null else { return nil }
    return statement.int64(0)
  }

  func prepare(table: EventTable, columns: String, filter: EventFilter) throws -> RawStatement {
    let id = table.idColumn
    let statement: RawStatement
    switch filter {
    case .ids(let span), .plays(let span):
      let plays = filter.sqlCondition(on: table).map { " AND \($0)" } ?? ""
      statement = try RawStatement(
        db,
        sql:
          "SELECT \(id), \(columns) FROM \(table.rawValue) WHERE \(id) > ? AND \(id) <= ?\(plays) ORDER BY \(id)"
      )
      statement.bind(1, span.after)
      statement.bind(2, span.through)
    case .times(let after, let through, let idsThrough):
      // The rows of a time slice: ?1 the highest id, ?2 … ?5 the times in seconds and in
      // milliseconds (repaired later), half-open as the validator rounds down: a time stored
      // as a real number, 1767225600.9, is second 1767225600. Through the time index, the
      // unary + keeps SQLite from scanning the whole table by id instead; along the ids, the
      // other way round.
      let time = try timeValue(table)
      func slice(throughTimeIndex: Bool) -> String {
        let (ids, times) = throughTimeIndex ? ("+", "") : ("", "+")
        return """
          \(ids)\(id) <= ?1 AND ((\(times)\(time) >= ?2 AND \(times)\(time) < ?3)
          OR (\(times)\(time) >= ?4 AND \(times)\(time) < ?5))
          """
      }
      func bindSlice(_ statement: RawStatement) {
        statement.bind(1, idsThrough)
        statement.bind(2, after + 1)
        statement.bind(3, through + 1)
        statement.bind(4, (after + 1) * 1000)
        statement.bind(5, (through + 1) * 1000)
      }
      // Where those rows lie among the ids, from the index alone. An app that logs as events
      // happen keeps a few days' rows in one stretch of ids: reading that stretch in id order
      // is a walk along the table, where fetching each row the index names (then sorting by
      // id) is a lookup per row. Rows scattered over the ids keep the lookups.
      let bounds = try RawStatement(
        db,
        sql:
          "SELECT min(\(id)), max(\(id)), count(*) FROM \(table.rawValue) WHERE \(slice(throughTimeIndex: true))"
      )
      bindSlice(bounds)
      if try bounds.step(db), bounds.type(0) == CellKind.integer {
        let (first, last, count) = (bounds.int64(0), bounds.int64(1), bounds.int64(2))
        if last - first < 4 * count {
          statement = try RawStatement(
            db,
            sql: """
              SELECT \(id), \(columns) FROM \(table.rawValue)
              WHERE \(id) >= ?6 AND \(id) <= ?7 AND \(slice(throughTimeIndex: false)) ORDER BY \(id)
              """)
          bindSlice(statement)
          statement.bind(6, first)
          statement.bind(7, last)
          return statement
        }
      }
      statement = try RawStatement(
        db,
        sql:
          "SELECT \(id), \(columns) FROM \(table.rawValue) WHERE \(slice(throughTimeIndex: true)) ORDER BY \(id)"
      )
      bindSlice(statement)
    }
    return statement
  }
}
