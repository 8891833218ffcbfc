extension EventReader {
  /// Every track's audio features (see ``EventSourceReader/trackFeatures()``). Integers and
  /// reals are read as numbers; NULL, text and blobs are `nil`.
  public func trackFeatures() throws -> TrackFeatureRows {
    let present = try columnNames(of: "tracks")
    if let missing = SchemaV1.audioFeatures.first(where: { !present.contains($0) }) {
      throw EventStoreError(
        .contractViolation, path: path, table: "tracks", column: missing,
        message: "table `tracks` in \(path) has no column `\(missing)`, which the recommender needs",
        hint: "add the audio-feature columns \(SchemaV1.audioFeatures.joined(separator: ", ")) to tracks, or a view that provides them")
    }
    // Column names come from SchemaV1's constants, never from user text.
    let columns = SchemaV1.audioFeatures + SchemaV1.optionalFeatures.filter(present.contains)
    let statement = try RawStatement(
      db, sql: "SELECT track_id, title, artist, \(columns.joined(separator: ", ")) FROM tracks")
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
      let values = (0..<columns.count).map { index -> Double? in
        let column = Int32(index + 3)
        switch statement.type(column) {
        case CellKind.integer: return Double(statement.int64(column))
        case CellKind.float: return statement.double(column)
        default: return nil
        }
      }
      rows.append(
        TrackFeatureRows.Row(
          id: id, title: statement.string(1) ?? "", artist: statement.string(2) ?? "",
          genres: (genres[id] ?? []).sorted(), values: values))
    }
    return TrackFeatureRows(columns: columns, rows: rows)
  }

  /// The tracks `userID` played or rated (see ``EventSourceReader/tracksTouched(by:)``).
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
