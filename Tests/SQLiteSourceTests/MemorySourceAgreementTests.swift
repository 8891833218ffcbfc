import EventStore
import SQLiteSource
import TestSupport
import Testing

/// The in-memory source of the tests answers every role as the SQLite source does for the same
/// rows: orders by bytes, repairs, skips, lookups by exact bytes, digests and all. The rows hold
/// the awkward cases: ids in both cases and beyond ASCII, "é" both precomposed and decomposed
/// (equal Swift strings, different bytes), an empty id, kinds in other cases and with spaces or
/// a tab (which the validator trims and SQL's `trim` does not), milliseconds, times out of range
/// and in the future, unknown and missing tracks, a genre row without its track, an empty
/// genre, incomplete features and one optional feature column, NULL and empty names.
@Suite("The in-memory source agrees with SQLite")
struct MemorySourceAgreementTests {
  static let a: Int64 = 1_767_225_600

  static let rows = MemorySource(
    users: [
      .init(id: "u1", displayName: "Ann", email: "ann@example.com", optedOut: false),
      .init(id: "u2", displayName: "", email: nil, optedOut: true),
      .init(id: "Zed", displayName: nil, email: "z@example.com"),
      .init(id: "é", displayName: "Émile", email: "e@example.com", createdAt: nil),
      .init(id: "e\u{301}", displayName: "Decomposed"),
      .init(id: "", displayName: "Nobody"),
      .init(id: "u10", displayName: "Ten"),
    ],
    tracks: [
      .init(
        id: "t1", title: "One", artist: "Alpha", album: "First",
        features: [
          "danceability": 0.5, "energy": 0.25, "valence": 1, "tempo": 120.5, "acousticness": 0.1,
          "speechiness": 0.3,
        ]),
      .init(
        id: "t2", title: "Two", artist: "Beta",
        features: ["danceability": 0.5, "energy": 0.25, "valence": 1, "acousticness": 0.1]),
      .init(
        id: "T3", title: "Three", artist: "Gamma",
        features: [
          "danceability": 0.9, "energy": 0.8, "valence": 0, "tempo": 90, "acousticness": 0,
        ]
      ),
      .init(id: "t10", title: "Ten", artist: "Alpha"),
      .init(id: "ü", title: "Umlaut", artist: "Delta"),
    ],
    genres: [
      .init("t1", "rock"), .init("t1", "pop"), .init("t2", "jazz"), .init("ghost", "rock"),
      .init("T3", ""), .init("t10", "Rock"), .init("ü", "pop"),
    ],
    activity: [
      .init(id: 1, user: "u1", kind: "play", time: a, track: "t1"),
      .init(id: 2, user: "u1", kind: " PLAY ", time: a * 1000, track: "t2"),
      .init(id: 3, user: "u2", kind: "Play", time: a - 86_400, track: "T3"),
      .init(id: 4, user: "u2", kind: "search", time: a - 25_600, query: "jazz", track: "t2"),
      .init(id: 5, user: "", kind: "play", time: a, track: "t1"),
      .init(id: 6, user: "u1", kind: "play", time: 800_000_000, track: "t1"),
      .init(id: 7, user: "Zed", kind: "share", time: a - 600),
      .init(id: 8, user: "u1", kind: "play", time: a + 1, track: "ghost"),
      .init(id: 9, user: "é", kind: "playlist", time: a - 125_600, query: "Mix 🎸"),
      .init(id: 11, user: "e\u{301}", kind: "play", time: a - 50, track: "ü"),
      .init(id: 10, user: "u2", kind: "\tplay", time: a - 100, track: "t1"),
      .init(id: 12, user: "u10", kind: "", time: a),
      .init(id: 13, user: "u10", kind: "play", time: a + 3 * 86_400, track: "ü"),
    ],
    feedback: [
      .init(id: 1, user: "u1", track: "t1", verdict: 1, time: a, source: "song", model: "rec-v1"),
      .init(id: 2, user: "u2", track: "T3", verdict: -1, time: a * 1000),
      .init(id: 3, user: "u1", track: "ghost", verdict: 1, time: a, source: "song"),
      .init(id: 4, user: "Zed", track: "t2", verdict: 2, time: a, model: "rec-v2"),
      .init(id: 5, user: "u2", track: "t10", verdict: 1, time: a + 2 * 86_400, source: ""),
      .init(id: 7, user: "u10", track: "", verdict: 1, time: a),
    ])

  /// Runs `body` on both sources' readers.
  static func both<T: Equatable>(_ body: (any EventSourceReader) throws -> T) throws -> (T, T) {
    let fixture = try Fixture(sql: rows.sql)
    let sqlite = try SourceDatabase(path: fixture.database).read { try body($0) }
    return (try rows.read { try body($0) }, sqlite)
  }

  @Test func theEventStreamAgrees() throws {
    let (memory, sqlite) = try Self.both { reader in
      let cut = try reader.cut()
      let catalog = try reader.loadCatalog()
      var lines = ["cut \(cut.maxEventID) \(cut.maxFeedbackID)"]
      lines.append("latest \(String(describing: try reader.latestTime(in: cut, before: nil)))")
      let filters: [EventFilter] = [
        .ids(.upTo(cut.maxEventID)), .ids(IDSpan(after: 3, through: 9)),
        .plays(.upTo(cut.maxEventID)), .plays(IDSpan(after: 3, through: 9)),
        .times(after: Self.a - 86_400, through: Self.a, idsThrough: 10),
      ]
      for filter in filters {
        lines += try Self.scan(reader, filter, catalog: catalog, asOf: Self.a)
      }
      for table in [EventTable.activity, .feedback] {
        let digests = try reader.rowDigests(table, ids: Array(0...14))
        lines += digests.sorted { $0.key < $1.key }.map { "\(table) \($0.key) \($0.value)" }
      }
      return lines
    }
    #expect(memory == sqlite)
    #expect(memory.count > 30)
  }

  /// A scan for plays reads every row the validator counts as a play — `play`, ` PLAY `,
  /// `Play`, `\tplay` — and may leave out only the rows stored exactly as another known kind (the
  /// search, the playlist) or without a kind; `share`, empty and other kinds are still read and
  /// judged, as are the ratings.
  @Test func aScanForPlaysKeepsEveryPlay() throws {
    let (memory, sqlite) = try Self.both { reader in
      let cut = try reader.cut()
      let catalog = try reader.loadCatalog()
      let all = try Self.scan(reader, .ids(.upTo(cut.maxEventID)), catalog: catalog, asOf: Self.a)
      let plays = try Self.scan(
        reader, .plays(.upTo(cut.maxEventID)), catalog: catalog, asOf: Self.a)
      return [all, plays]
    }
    #expect(memory == sqlite)
    let (all, plays) = (sqlite[0], sqlite[1])
    func playRows(_ lines: [String]) -> [String] {
      lines.filter { $0.hasPrefix("activity ") && $0.split(separator: " ")[3] == "play" }
    }
    // Rows 1, 2, 3, 10 and 11, in id order (row 5 has no user, row 6 is out of range, row 8
    // names no catalog track, row 13 is after the as-of time: the validator drops them,
    // whichever the scan).
    #expect(playRows(plays) == playRows(all))
    #expect(playRows(all).map { $0.split(separator: " ")[1] } == ["1", "2", "3", "10", "11"])
    // Left out: row 4 (search) and row 9 (playlist); row 7 (share) is read.
    let activity = { (lines: [String]) in lines.filter { $0.hasPrefix("activity ") }.count }
    #expect(activity(all) - activity(plays) == 2)
    #expect(plays.contains { $0.hasPrefix("activity 7 ") })
    #expect(plays.filter { $0.hasPrefix("feedback ") } == all.filter { $0.hasPrefix("feedback ") })
  }

  /// The rows a moving edge passed over, whether they lie in one stretch of ids (read along
  /// the ids) or far apart (read through the time index): rows 2 … 19 are from one afternoon,
  /// rows 1 and 20 from the evening (20 a late arrival), one in milliseconds.
  @Test func timeSlicesAgreeWhereverTheirRowsLie() throws {
    let source = MemorySource(
      activity: (Int64(1)...20).map { id in
        let evening = id == 1 || id == 20
        let time = evening ? Self.a - 1_000 : Self.a - 50_000 + id
        return .init(id: id, user: "u\(id % 3)", kind: "play", time: id == 7 ? time * 1000 : time)
      })
    let fixture = try Fixture(sql: source.sql)
    let filters: [EventFilter] = [
      .times(after: Self.a - 2_000, through: Self.a, idsThrough: 20),
      .times(after: Self.a - 60_000, through: Self.a - 40_000, idsThrough: 20),
      .times(after: Self.a - 60_000, through: Self.a, idsThrough: 12),
      .times(after: Self.a, through: Self.a + 1, idsThrough: 20),
    ]
    func lines(_ reader: any EventSourceReader) throws -> [String] {
      let catalog = try reader.loadCatalog()
      return try filters.flatMap { try Self.scan(reader, $0, catalog: catalog, asOf: Self.a) }
    }
    let memory = try source.read { try lines($0) }
    let sqlite = try SourceDatabase(path: fixture.database).read { try lines($0) }
    #expect(sqlite == memory)
    #expect(memory.filter { $0.hasPrefix("activity") }.count == 2 + 18 + 12)
  }

  @Test func theCatalogAndFeaturesAgree() throws {
    let (memory, sqlite) = try Self.both { reader in
      let catalog = try reader.loadCatalog()
      var lines = (0..<Int32(catalog.trackCount)).map { track in
        let genres = catalog.genres(ofTrack: track).map { catalog.genreNames[Int($0)] }
        let artist = catalog.artistNames[Int(catalog.artistOfTrack[Int(track)])]
        return "\(catalog.tracks.string(at: track)) \(artist) \(genres)"
      }
      lines.append("fingerprint \(catalog.fingerprint)")
      let details = try reader.trackDetails(["t1", "t2", "ghost", "ü", "u\u{308}"])
      lines += details.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append("\(try reader.trackFeatures())")
      lines.append("\(try reader.trackFeatureValues(catalog: catalog))")
      for user in ["u1", "u2", "u10", "Zed", "é", "nobody"] {
        lines.append("\(user) touched \(try reader.tracksTouched(by: user).sorted())")
      }
      return lines
    }
    #expect(memory == sqlite)
  }

  @Test func theListenerDirectoryAgrees() throws {
    let (memory, sqlite) = try Self.both { reader in
      var registered: [[UInt8]] = []
      try reader.registeredUsers { registered.append(Array($0)) }
      // In no particular order: compared sorted by their bytes.
      var lines = registered.sorted { $0.lexicographicallyPrecedes($1) }.map { "\($0)" }
      let ids = ["u1", "u2", "Zed", "é", "e\u{301}", "", "u10", "nobody"]
      lines += try reader.displayNames(ids).sorted { $0.key < $1.key }.map { "\($0)" }
      lines += try reader.contacts(ids).sorted { $0.key < $1.key }.map { "\($0)" }
      return lines
    }
    #expect(memory == sqlite)
  }

  @Test func theContractCheckAgrees() throws {
    let (memory, sqlite) = try Self.both { reader in
      var lines = try SchemaV1.requiredColumns.map {
        "\($0.table) \(try reader.rowCount(of: $0.table))"
      }
      lines.append("orphans \(try reader.orphanGenreRows())")
      lines.append(
        "indexes \(try reader.hasTimeIndex(on: "activity")) \(try reader.hasTimeIndex(on: "feedback"))"
      )
      return lines
    }
    #expect(memory == sqlite)
    let (checks, sqliteChecks) = try Self.both { reader in
      [try reader.checkContract(), try reader.checkContract(asOf: Self.a - 86_400)]
    }
    #expect(checks == sqliteChecks)
    #expect(checks[0].orphanGenreRows == 1)
  }

  /// Every valid row `filter` selects, described in a line, then the issues met.
  static func scan(
    _ reader: some EventStream, _ filter: EventFilter, catalog: Catalog, asOf: Int64
  ) throws -> [String] {
    var users = ByteInterner()
    var labels = ByteInterner()
    var issues = RowIssueCounts()
    // Rows with their interned ids, named once the scan no longer holds the interners.
    var activity: [(row: ActivityRow, query: [UInt8]?)] = []
    var feedback: [FeedbackRow] = []
    try reader.scanActivity(filter, catalog: catalog, asOf: asOf, users: &users, issues: &issues) {
      row in
      var kept = row
      kept.query = nil
      activity.append((kept, row.query.map { Array($0) }))
    }
    try reader.scanFeedback(
      filter, catalog: catalog, asOf: asOf, users: &users, labels: &labels, issues: &issues
    ) { feedback.append($0) }
    var lines = activity.map { row, query in
      "activity \(row.id) \(users.string(at: row.user)) \(row.kind) \(row.time) \(row.track) "
        + "\(String(describing: query))"
    }
    lines += feedback.map { row in
      "feedback \(row.id) \(users.string(at: row.user)) \(row.track) \(row.isLike) \(row.time) "
        + "\(labels.string(at: row.source)) \(labels.string(at: row.model))"
    }
    for issue in RowIssue.allCases {
      lines.append(
        "\(issue) \(issues.count(issue, in: .activity)) \(issues.count(issue, in: .feedback))")
    }
    return lines
  }
}
