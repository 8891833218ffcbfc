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
  ///
  /// The rows are read in the table's own order and put in the catalog's (the byte order of
  /// the ids) here, which costs less than SQLite's sort; only a repeated track id, whose rows'
  /// order SQLite's sort alone decides, sends the read back to the sorted query.
  public func trackFeatureValues(catalog: Catalog) throws -> TrackFeatureValues {
    let columns = try featureColumns()
    return try featureValues(catalog: catalog, columns: columns, sorted: false)
      ?? featureValues(catalog: catalog, columns: columns, sorted: true)!
  }

  /// The features read unsorted or `sorted` by SQLite; `nil` when unsorted rows repeat a track.
  private func featureValues(catalog: Catalog, columns: [String], sorted: Bool) throws
    -> TrackFeatureValues?
  {
    let statement = try RawStatement(
      db,
      sql: "SELECT track_id, \(columns.joined(separator: ", ")) FROM tracks"
        + (sorted ? " ORDER BY \(SQLDialect.sqlite.byteOrder("track_id"))" : ""))
    // Each row's catalog index (−1: not in the catalog) and values (NaN: not a number, which
    // leaves the row out as a missing value does).
    var indexes: [Int32] = []
    var values: [Double] = []
    var digest = FeatureRowsDigest(columns: columns)
    let tracks = catalog.tracks  // once, not a copy of the catalog's arrays per row
    var next: Int32 = 0  // sorted, the rows come in the catalog's order
    while try statement.step(db) {
      let id = statement.bytes(0)
      digest.startRow(track: id)
      let first = values.count
      for column in 1...Int32(columns.count) {
        let value = Self.number(statement, column)
        digest.add(value: value)
        values.append(value ?? .nan)
      }
      digest.endRow()
      guard let id, id.count > 0 else {
        values.removeSubrange(first...)
        continue
      }
      indexes.append(tracks.index(of: id, from: &next) ?? -1)
    }
    var order = Array(indexes.indices)
    if !sorted {
      order.sort { indexes[$0] < indexes[$1] }
      for (a, b) in zip(order, order.dropFirst()) where indexes[a] >= 0 && indexes[a] == indexes[b]
      {
        return nil
      }
    }
    var features = TrackFeatureValues(columns: columns)
    features.rowsDigest = sorted ? nil : digest.value
    for row in order {
      features.add(
        track: indexes[row] < 0 ? nil : indexes[row],
        values: Array(values[row * columns.count..<(row + 1) * columns.count]))
    }
    return features
  }

  /// The feature columns `tracks` has: the five of schema v1, then the optional ones present.
  /// - Throws: ``EventStoreError`` naming the first of the five that is missing.
  func featureColumns() throws -> [String] {
    try SchemaV1.featureColumns(present: columnNames(of: "tracks"), location: path)
  }

  /// A feature cell as a number: integers and reals; `nil` for NULL, text and blobs.
  static func number(_ statement: RawStatement, _ column: Int32) -> Double? {
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
