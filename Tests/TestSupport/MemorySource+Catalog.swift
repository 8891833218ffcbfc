import EventStore

extension MemorySource: CatalogReader {
  /// Every track with a non-empty id, in byte order, and its non-empty genres (pairs in byte
  /// order of track, then genre).
  public func loadCatalog() -> Catalog {
    var builder = Catalog.Builder()
    for track in sortedTracks { builder.addTrack(track.id, artist: track.artist) }
    let pairs = genres.sorted { a, b in
      a.track.sameBytes(b.track)
        ? Self.byteOrder(a.genre, b.genre) : Self.byteOrder(a.track, b.track)
    }
    for pair in pairs where !pair.genre.isEmpty {
      _ = builder.addGenre(pair.genre, toTrack: pair.track)
    }
    var catalog = builder.finish()
    catalog.rowsDigest = builder.repeatsTracks ? nil : rowsDigest()
    return catalog
  }

  /// The digest of every `tracks` (id, artist) and `track_genres` row, and `withFeatures` of
  /// the audio features, as the SQLite source takes them from the same rows.
  public func catalogRowsDigest(withFeatures: Bool) -> CatalogRowsDigest? {
    CatalogRowsDigest(catalog: rowsDigest(), features: withFeatures ? featureRowsDigest() : nil)
  }

  private func rowsDigest() -> UInt64 {
    var digest = RowSetDigest()
    func add(_ text: String) { Array(text.utf8).withUnsafeBytes { digest.add(cell: $0) } }
    for track in tracks {
      add(track.id)
      add(track.artist)
      digest.endRow(table: 1)
    }
    for pair in genres {
      add(pair.track)
      add(pair.genre)
      digest.endRow(table: 2)
    }
    return digest.value
  }

  /// Title, artist and album of the given ids that name a track.
  public func trackDetails(_ ids: [String]) -> [String: TrackDetails] {
    var details: [String: TrackDetails] = [:]
    for id in Set(ids) {
      if let track = tracks.first(where: { $0.id.sameBytes(id) }) {
        details[id] = TrackDetails(title: track.title, artist: track.artist, album: track.album)
      }
    }
    return details
  }

  /// Every track's features (see ``CatalogReader/trackFeatures()``): the five columns, then the
  /// optional ones some track has; genres sorted.
  public func trackFeatures() -> TrackFeatureRows {
    let columns = featureColumns
    var genresOfTrack: [String: [String]] = [:]
    for pair in genres where !pair.genre.isEmpty {
      genresOfTrack[pair.track, default: []].append(pair.genre)
    }
    let rows = sortedTracks.map { track in
      TrackFeatureRows.Row(
        id: track.id, title: track.title, artist: track.artist,
        genres: (genresOfTrack[track.id] ?? []).sorted(),
        values: columns.map { track.features[$0] })
    }
    return TrackFeatureRows(columns: columns, rows: rows)
  }

  /// Only the numbers of every track's features, by catalog index (see
  /// ``CatalogReader/trackFeatureValues(catalog:)``).
  public func trackFeatureValues(catalog: Catalog) -> TrackFeatureValues {
    let columns = featureColumns
    var features = TrackFeatureValues(columns: columns)
    for track in sortedTracks {
      let values = columns.compactMap { track.features[$0] }
      features.add(
        track: catalog.index(ofTrack: track.id),
        values: values.count == columns.count ? values : nil)
    }
    features.rowsDigest = featureRowsDigest()
    return features
  }

  /// The ``FeatureRowsDigest`` of every `tracks` row, as the SQLite source takes it; `nil` when
  /// a catalog track id repeats (SQLite then reads the features sorted, and keeps no digest).
  /// Rows with an empty id are not in the catalog, and may repeat.
  private func featureRowsDigest() -> UInt64? {
    let ids = tracks.map { Array($0.id.utf8) }.filter { !$0.isEmpty }
    guard Set(ids).count == ids.count else { return nil }
    var digest = FeatureRowsDigest(columns: featureColumns)
    for track in tracks {
      Array(track.id.utf8).withUnsafeBytes { digest.startRow(track: $0) }
      for column in featureColumns { digest.add(value: track.features[column]) }
      digest.endRow()
    }
    return digest.value
  }

  /// The non-empty track ids of `userID`'s activity of kind `play` (ASCII case and spaces
  /// around it ignored, as SQL's `lower(trim(kind))`) and of their feedback.
  public func tracksTouched(by userID: String) -> Set<String> {
    let played = activity.filter { row in
      row.user?.sameBytes(userID) == true && row.kind.map(Self.isPlay) == true
    }.compactMap(\.track)
    let rated = feedback.filter { $0.user?.sameBytes(userID) == true }.compactMap(\.track)
    return Set(played + rated).subtracting([""])
  }

  /// Whether `kind` is `play` once spaces (U+0020) around it are removed and ASCII letters
  /// lower-cased: SQL's `lower(trim(kind)) = 'play'`.
  static func isPlay(_ kind: String) -> Bool {
    var bytes = Array(kind.utf8)[...]
    while bytes.first == 0x20 { bytes.removeFirst() }
    while bytes.last == 0x20 { bytes.removeLast() }
    return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }.elementsEqual("play".utf8)
  }

  /// Tracks with a non-empty id, in byte order of the id.
  var sortedTracks: [Track] {
    tracks.filter { !$0.id.isEmpty }.sorted { Self.byteOrder($0.id, $1.id) }
  }

  /// The feature columns the table has: the five, then the optional ones some track names.
  var featureColumns: [String] {
    SchemaV1.audioFeatures
      + SchemaV1.optionalFeatures.filter { column in
        tracks.contains { $0.features[column] != nil }
      }
  }

  /// Whether `a` comes before `b` comparing their UTF-8 bytes, a prefix first
  /// (``SQLDialect/byteOrder(_:)``).
  static func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}

extension String {
  /// Whether the two texts have the same UTF-8 bytes: SQL's `=` on text (Swift's `==` also
  /// equates canonically equivalent texts).
  func sameBytes(_ other: String) -> Bool { utf8.elementsEqual(other.utf8) }
}
