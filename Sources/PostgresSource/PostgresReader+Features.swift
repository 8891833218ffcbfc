import EventStore
import PostgresNIO

extension PostgresReader {
  /// Every track's audio features (see ``EventSourceReader/trackFeatures()``), tracks in id
  /// order. Integers and reals are numbers; NULL, text and blobs are `nil`.
  public func trackFeatures() throws -> TrackFeatureRows {
    let columns = try featureColumns()
    return try session.run(table: "tracks") { session in
      var genres: [String: [String]] = [:]
      for (track, genre) in try await Self.genres(session) {
        genres[track, default: []].append(genre)
      }
      var rows: [TrackFeatureRows.Row] = []
      let tracks = try await Session.rows(
        """
        SELECT track_id, title, artist, \(unescaped: columns.joined(separator: ", "))
        FROM tracks ORDER BY track_id::text COLLATE "C"
        """, on: session)
      for row in tracks {
        let cells = row.makeRandomAccess()
        guard let id = StoredValue(cells[0]).string, !id.isEmpty else { continue }
        rows.append(
          TrackFeatureRows.Row(
            id: id, title: StoredValue(cells[1]).string ?? "", artist: StoredValue(cells[2]).string ?? "",
            genres: (genres[id] ?? []).sorted(),
            values: (0..<columns.count).map { StoredValue(cells[$0 + 3]).number }))
      }
      return TrackFeatureRows(columns: columns, rows: rows)
    }
  }

  /// Only the numbers of every track's audio features (see
  /// ``EventSourceReader/trackFeatureValues(catalog:)``), tracks in id order.
  public func trackFeatureValues(catalog: Catalog) throws -> TrackFeatureValues {
    let columns = try featureColumns()
    return try session.run(table: "tracks") { session in
      var features = TrackFeatureValues(columns: columns)
      var values = [Double](repeating: 0, count: columns.count)
      let tracks = try await Session.rows(
        """
        SELECT track_id, \(unescaped: columns.joined(separator: ", "))
        FROM tracks ORDER BY track_id::text COLLATE "C"
        """, on: session)
      for row in tracks {
        let cells = row.makeRandomAccess()
        let track: Int32?? = StoredValue(cells[0]).withText { id in
          guard let id, id.count > 0 else { return .none }
          return .some(catalog.tracks.index(of: id))
        }
        guard let track else { continue }
        var complete = true
        for index in 0..<columns.count {
          guard let value = StoredValue(cells[index + 1]).number else {
            complete = false
            break
          }
          values[index] = value
        }
        features.add(track: track, values: complete ? values : nil)
      }
      return features
    }
  }

  /// The feature columns `tracks` has (see ``SchemaV1/featureColumns(present:location:)``).
  private func featureColumns() throws -> [String] {
    try SchemaV1.featureColumns(present: columnNames(of: "tracks"), location: location)
  }

  /// The tracks `userID` played or rated (see ``EventSourceReader/tracksTouched(by:)``).
  public func tracksTouched(by userID: String) throws -> Set<String> {
    try session.run(table: "activity") { session in
      var tracks: Set<String> = []
      let rows = try await Session.rows(
        """
        SELECT track_id FROM activity WHERE user_id = \(userID) AND lower(trim(kind)) = 'play'
        AND track_id IS NOT NULL UNION SELECT track_id FROM feedback WHERE user_id = \(userID)
        """, on: session)
      for row in rows {
        if let track = StoredValue(row.makeRandomAccess()[0]).string, !track.isEmpty { tracks.insert(track) }
      }
      return tracks
    }
  }
}
