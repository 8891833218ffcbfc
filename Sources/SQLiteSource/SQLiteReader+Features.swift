import EventStore

extension SQLiteReader {
  /// Every track's audio features (see ``CatalogReader/trackFeatures()``). Integers and
  /// reals are read as numbers; NULL, text and blobs are `nil`.
  public func trackFeatures() throws -> TrackFeatureRows {
    let columns = try featureColumns()
    let statement = try RawStatement(
      db,
      sql: """
        SELECT track_id, title, artist, \(columns.joined(separator: ", ")) FROM tracks
        ORDER BY \(SQLDialect.sqlite.byteOrder("track_id"))
        """)
    var genres: [String: [String]] = [:]
    let genreRows = try RawStatement(db, sql: "SELECT track_id, genre FROM track_genres")
    while try genreRows.step(db) {
      if let track = genreRows.string(0), let genre = genreRows.string(1), !genre.isEmpty {
        genres[track, default: []].append(genre)
      }
    }
    var rows: [TrackFeatureRows.Row] = []
    while try statement.step(db) {
      guard let id = statement.string(0), !id.isEmpty else { continue }
      let values = (0..<columns.count).map { Self.number(statement, Int32($0 + 3)) }
      rows.append(
        TrackFeatureRows.Row(
          id: id, title: statement.string(1) ?? "", artist: statement.string(2) ?? "",
          genres: (genres[id] ?? []).sorted(), values: values))
    }
    return TrackFeatureRows(columns: columns, rows: rows)
  }

  /// Only the numbers of every track's audio features (see
  /// ``CatalogReader/trackFeatureValues(catalog:)``).
  public func trackFeatureValues(catalog: Catalog) throws -> TrackFeatureValues {
    let columns = try featureColumns()
    let statement = try RawStatement(
      db,
      sql: """
        SELECT track_id, \(columns.joined(separator: ", ")) FROM tracks
        ORDER BY \(SQLDialect.sqlite.byteOrder("track_id"))
        """)
    var features = TrackFeatureValues(columns: columns)
    var row = [Double](repeating: 0, count: columns.count)
    let tracks = catalog.tracks  // once, not a copy of the catalog's arrays per row
    var next: Int32 = 0  // the rows come in the catalog's order
    while try statement.step(db) {
      guard let id = statement.bytes(0), id.count > 0 else { continue }
      var complete = true
      for index in 0..<columns.count {
        guard let value = Self.number(statement, Int32(index + 1)) else {
          complete = false
          break
        }
        row[index] = value
      }
      features.add(track: tracks.index(of: id, from: &next), values: complete ? row : nil)
    }
    return features
  }

  /// The feature columns `tracks` has: the five of schema v1, then the optional ones present.
  /// - Throws: ``EventStoreError`` naming the first of the five that is missing.
  private func featureColumns() throws -> [String] {
    try SchemaV1.featureColumns(present: columnNames(of: "tracks"), location: path)
  }

  /// A feature cell as a number: integers and reals; `nil` for NULL, text and blobs.
  private static func number(_ statement: RawStatement, _ column: Int32) -> Double? {
    switch statement.type(column) {
    case CellKind.integer: Double(statement.int64(column))
    case CellKind.float: statement.double(column)
    default: nil
    }
  }

  /// The tracks `userID` played or rated (see ``CatalogReader/tracksTouched(by:)``).
  public func tracksTouched(by userID: String) throws -> Set<String> {
    let statement = try RawStatement(
      db,
      sql: """
        SELECT track_id FROM activity WHERE user_id = ?1 AND lower(trim(kind)) = 'play'
        AND track_id IS NOT NULL UNION SELECT track_id FROM feedback WHERE user_id = ?1
        """)
    statement.bind(1, userID)
    var tracks: Set<String> = []
    while try statement.step(db) {
      if let track = statement.string(0), !track.isEmpty { tracks.insert(track) }
    }
    return tracks
  }
}
