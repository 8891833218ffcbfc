import EventStore

extension PostgresReader {
  /// Every track's audio features (see ``CatalogReader/trackFeatures()``), tracks in id
  /// order. Integers and reals are numbers; NULL, text and blobs are `nil`.
  public func trackFeatures() throws -> TrackFeatureRows {
    let columns = try featureColumns()
    var genres: [String: [String]] = [:]
    try self.genres { track, genre in genres[track, default: []].append(genre) }
    var rows: [TrackFeatureRows.Row] = []
    try tracks(["title", "artist"] + columns, textColumns: 0b111) { cells, row in
      guard let id = cells.bytes(row, 0), id.count > 0 else { return }
      let text = { (column: Int) in
        cells.bytes(row, column).map { String(decoding: $0, as: UTF8.self) } ?? ""
      }
      let track = text(0)
      rows.append(
        TrackFeatureRows.Row(
          id: track, title: text(1), artist: text(2), genres: (genres[track] ?? []).sorted(),
          values: (0..<columns.count).map { cells.number(row, $0 + 3) }))
    }
    return TrackFeatureRows(columns: columns, rows: rows)
  }

  /// Only the numbers of every track's audio features (see
  /// ``CatalogReader/trackFeatureValues(catalog:)``), tracks in id order.
  public func trackFeatureValues(catalog: Catalog) throws -> TrackFeatureValues {
    let columns = try featureColumns()
    var features = TrackFeatureValues(columns: columns)
    var values = [Double](repeating: 0, count: columns.count)
    let tracks = catalog.tracks  // once, not a copy of the catalog's arrays per row
    var next: Int32 = 0  // the rows come in the catalog's order
    try self.tracks(columns, textColumns: 0b1) { cells, row in
      guard let id = cells.bytes(row, 0), id.count > 0 else { return }
      var complete = true
      for index in 0..<columns.count {
        guard let value = cells.number(row, index + 1) else {
          complete = false
          break
        }
        values[index] = value
      }
      features.add(track: tracks.index(of: id, from: &next), values: complete ? values : nil)
    }
    return features
  }

  /// Reads `track_id` and `columns` of every track, in id order (comparing bytes), those whose
  /// bit is set in `textColumns` as text.
  private func tracks(
    _ columns: [String], textColumns: UInt32, _ body: (RawBatch.Rows, Int) -> Void
  ) throws {
    try self.columns(
      """
      SELECT track_id, \(columns.joined(separator: ", ")) FROM tracks
      ORDER BY \(SQLDialect.postgresql.byteOrder("track_id"))
      """, table: "tracks", textColumns: textColumns, sortedBy: 1
    ) { rows in
      for row in 0..<rows.count { body(rows, row) }
    }
  }

  /// The feature columns `tracks` has (see ``SchemaV1/featureColumns(present:location:)``).
  private func featureColumns() throws -> [String] {
    try SchemaV1.featureColumns(present: columnNames(of: "tracks"), location: location)
  }

  /// The tracks `userID` played or rated (see ``CatalogReader/tracksTouched(by:)``).
  public func tracksTouched(by userID: String) throws -> Set<String> {
    let rows = try connection.execute(
      """
      SELECT track_id FROM activity WHERE user_id::text = $1 AND lower(trim(kind)) = 'play'
      AND track_id IS NOT NULL UNION SELECT track_id FROM feedback WHERE user_id::text = $1
      """, parameters: [userID], table: "activity")
    return Set((0..<rows.count).compactMap { rows.value($0, 0).string }.filter { !$0.isEmpty })
  }
}
