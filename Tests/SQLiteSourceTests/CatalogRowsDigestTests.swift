import EventStore
import SQLiteSource
import TestSupport
import Testing

/// A rebuild keeps the catalog its saved state carries when the source's digest of the catalog
/// rows is the one that catalog was built from: the digest must not depend on the order SQLite
/// returns the rows in, and must change with any row that changes the catalog.
@Suite("The digest of the catalog's rows")
struct CatalogRowsDigestTests {
  static let tracks = [
    "('t2', 'Two', 'Beta')", "('t1', 'One', 'Alpha')", "('T3', 'Three', 'Alpha')",
    "('ü', 'Umlaut', '')",
  ]
  static let genres = ["('t1', 'rock')", "('t1', 'pop')", "('t2', 'jazz')", "('ghost', 'rock')"]

  /// The catalog tables without their primary keys: a track id may repeat.
  static let withoutKeys = """
    DROP TABLE tracks;
    DROP TABLE track_genres;
    CREATE TABLE tracks (track_id TEXT, title TEXT NOT NULL, artist TEXT NOT NULL, album TEXT,
      danceability REAL, energy REAL, valence REAL, tempo REAL, acousticness REAL);
    CREATE TABLE track_genres (track_id TEXT NOT NULL, genre TEXT NOT NULL);

    """

  /// A database holding `tracks` and `genres` (inserted in that order), read by `body`.
  static func read<T>(
    tracks: [String] = tracks, genres: [String] = genres, keys: Bool = true,
    _ body: (SQLiteReader) throws -> T
  ) throws -> T {
    var sql = keys ? "" : withoutKeys
    sql += tracks.map { "INSERT INTO tracks (track_id, title, artist) VALUES \($0);" }.joined()
    sql += genres.map { "INSERT INTO track_genres (track_id, genre) VALUES \($0);" }.joined()
    let fixture = try Fixture(sql: sql)
    return try SourceDatabase(path: fixture.database).read { try body($0) }
  }

  @Test func theDigestIsTheLoadedCatalogsInAnyOrderOfRows() throws {
    let loaded = try Self.read { try $0.loadCatalog().rowsDigest }
    let digest = try Self.read { try $0.catalogRowsDigest() }
    let reversed = try Self.read(
      tracks: Self.tracks.reversed(), genres: Self.genres.reversed()
    ) { try $0.catalogRowsDigest() }
    #expect(loaded != nil)
    #expect(digest == loaded)
    #expect(reversed == loaded)
  }

  static let changed: [([String], [String])] = [
    (tracks, ["('t1', 'rock')", "('t1', 'pop')", "('t2', 'jazz')"]),  // the orphan row gone
    (tracks, genres + ["('t2', 'pop')"]),  // a genre more
    (
      [
        "('t2', 'Two', 'Beta')", "('t1', 'One', 'alpha')", "('T3', 'Three', 'Alpha')",
        "('ü', 'Umlaut', '')",
      ], genres
    ),  // an artist's case
    (Array(tracks.dropLast()), genres),  // a track fewer
    (
      [
        "('t2', 'Two', 'Beta')", "('t1', 'One', 'Alpha')", "('T3', 'Three', 'Alpha')",
        "('ü', 'Umlaut', 'Beta')",
      ], genres
    ),  // an artist where there was none
  ]

  @Test(arguments: CatalogRowsDigestTests.changed)
  func anyChangedRowChangesTheDigest(tracks: [String], genres: [String]) throws {
    let before = try Self.read { try $0.catalogRowsDigest() }
    let after = try Self.read(tracks: tracks, genres: genres) { try $0.catalogRowsDigest() }
    #expect(after != before)
  }

  @Test func aRepeatedTrackIDLeavesNoDigestToKeep() throws {
    let tracks = Self.tracks + ["('t1', 'One again', 'Gamma')"]
    let catalog = try Self.read(tracks: tracks, keys: false) { try $0.loadCatalog() }
    #expect(catalog.trackCount == 4)
    #expect(catalog.rowsDigest == nil)
  }

  static let featureRows = [
    "INSERT INTO tracks VALUES ('t2', 'Two', 'B', NULL, 0.2, 0.2, 0.2, 120, 0.2);",
    "INSERT INTO tracks VALUES ('t1', 'One', 'A', NULL, 0.1, 0.1, 0.1, 110, 0.1);",
    "INSERT INTO tracks VALUES ('T3', 'Three', 'A', NULL, 0.3, NULL, 0.3, 130, 0.3);",
  ]

  /// The features' digest that the read of the features keeps, and the one read with the
  /// catalog's rows (when the build may keep the last build's sound model).
  static func featureDigests(_ sql: String) throws -> (read: UInt64?, withCatalog: UInt64?) {
    let fixture = try Fixture(sql: sql)
    return try SourceDatabase(path: fixture.database).read { reader in
      (
        try reader.trackFeatureValues(catalog: reader.loadCatalog()).rowsDigest,
        try reader.catalogRowsDigest(withFeatures: true)?.features
      )
    }
  }

  @Test func theFeaturesDigestIsTheSameFromBothReadsInAnyOrderAndChangesWithAnyCell() throws {
    let digests = try Self.featureDigests(Self.featureRows.joined())
    #expect(digests.read != nil)
    #expect(digests.withCatalog == digests.read)
    #expect(try Self.featureDigests(Self.featureRows.reversed().joined()).read == digests.read)
    for (from, to) in [("0.2, 120", "0.2, 121"), ("NULL, 0.3, 130", "0.0, 0.3, 130")] {
      let changed = Self.featureRows.map { $0.replacingOccurrences(of: from, with: to) }
      #expect(try Self.featureDigests(changed.joined()).read != digests.read, "\(to)")
    }
    // With or without the features, the catalog's digest is the one its full read gives (else a
    // build with features would never keep its catalog); without them there is no features' one.
    let fixture = try Fixture(sql: Self.featureRows.joined())
    let catalog = try SourceDatabase(path: fixture.database).read { reader in
      (
        try reader.catalogRowsDigest(withFeatures: true), try reader.catalogRowsDigest(),
        try reader.loadCatalog().rowsDigest
      )
    }
    #expect(catalog.0?.features != nil && catalog.2 != nil)
    #expect(catalog.0?.catalog == catalog.2)
    #expect(catalog.1 == catalog.2)
  }

  @Test func aMissingFeatureColumnLeavesNoFeaturesDigest() throws {
    let sql = """
      DROP TABLE tracks;
      CREATE TABLE tracks (track_id TEXT PRIMARY KEY, title TEXT NOT NULL, artist TEXT NOT NULL,
        album TEXT, danceability REAL, energy REAL, valence REAL, acousticness REAL);
      INSERT INTO tracks VALUES ('t1', 'One', 'A', NULL, 0.1, 0.1, 0.1, 0.1);
      """
    let fixture = try Fixture(sql: sql)
    let digest = try SourceDatabase(path: fixture.database).read {
      try $0.catalogRowsDigest(withFeatures: true)
    }
    #expect(digest?.features == nil)
    #expect(digest?.catalog != nil)
  }

  @Test func unsortedFeaturesComeInTheCatalogsOrder() throws {
    let tracks = [
      "INSERT INTO tracks VALUES ('t2', 'Two', 'B', NULL, 0.2, 0.2, 0.2, 120, 0.2);",
      "INSERT INTO tracks VALUES ('t1', 'One', 'A', NULL, 0.1, 0.1, 0.1, 110, 0.1);",
      "INSERT INTO tracks VALUES ('T3', 'Three', 'A', NULL, 0.3, NULL, 0.3, 130, 0.3);",
    ]
    let fixture = try Fixture(sql: tracks.joined())
    let features = try SourceDatabase(path: fixture.database).read { reader in
      try reader.trackFeatureValues(catalog: reader.loadCatalog())
    }
    // Byte order: "T3" (no energy: left out), "t1", "t2" — catalog indexes 1 and 2.
    #expect(features.tracks == [1, 2])
    #expect(features.values == [0.1, 0.1, 0.1, 110, 0.1, 0.2, 0.2, 0.2, 120, 0.2])
  }

  @Test func repeatedTrackIDsReadTheirFeaturesInSortedOrder() throws {
    let sql =
      Self.withoutKeys + """
        INSERT INTO tracks VALUES ('t2', 'Two', 'B', NULL, 0.2, 0.2, 0.2, 120, 0.2);
        INSERT INTO tracks VALUES ('t1', 'One', 'A', NULL, 0.1, 0.1, 0.1, 110, 0.1);
        INSERT INTO tracks VALUES ('t2', 'Two', 'B', NULL, 0.2, 0.2, 0.2, 120, 0.2);
        """
    let fixture = try Fixture(sql: sql)
    let features = try SourceDatabase(path: fixture.database).read { reader in
      try reader.trackFeatureValues(catalog: reader.loadCatalog())
    }
    // Both rows of "t2" (index 1) are kept, after "t1", as the sorted query gives them.
    #expect(features.tracks == [0, 1, 1])
  }
}
