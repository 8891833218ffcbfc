import BuildPipeline
import DemoData
import Engine
import EventStore
import Foundation
import ReportModel
import SQLiteSource
import TestSupport
import Testing

/// An incremental build must give exactly the report a full rebuild gives.
@Suite("Incremental builds")
struct IncrementalBuildTests {
  static let options = ReportOptions(minRatings: 3, minUsers: 2)

  static func build(_ fixture: Fixture, state: [UInt8]?, options: ReportOptions = options) throws
    -> ReportPipeline.Result
  {
    try build(fixture, source: state.map(StateSource.init(bytes:)), options: options)
  }

  static func build(_ fixture: Fixture, source: StateSource?, options: ReportOptions = options)
    throws
    -> ReportPipeline.Result
  {
    try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database), options: options, previousState: source,
      userLabel: { ids, _ in Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") }) })
  }

  static func demo() throws -> Fixture {
    let fixture = try Fixture(schema: false)
    try DemoDatabase.create(
      at: fixture.database,
      options: DemoOptions(users: 200, tracks: 600, events: 15_000, feedback: 3_000, seed: 5))
    return fixture
  }

  /// SQL appending a random batch: mostly events after `latest` (moving the as-of time by up to
  /// `shift` seconds), some late arrivals from the past weeks — a few from up to 140 days back,
  /// beyond the 128 days of active days ``RecentDays`` keeps per listener — some by listeners
  /// never seen before (whose first event a later late row can move earlier), and a few broken
  /// rows.
  static func batch(after latest: Int64, shift: Int64, random: inout SplitMix64) -> String {
    let kinds = ["play", "search", "login", "playlist", "share", "Play "]
    let queries = ["neon rain", "Midnight", "golden hour", "Chill vibes ✨", "夜のドライブ", "rock"]
    var lines: [String] = []
    for _ in 0..<(50 + random.below(150)) {
      let time =
        random.chance(0.85)
        ? latest + Int64(random.below(Int(shift) + 1))
        : latest - Int64(random.below((random.chance(0.2) ? 140 : 70) * 86_400))
      let user = "u\(String(format: "%06d", 1 + random.below(220)))"
      let track =
        random.chance(0.7) ? "'t\(String(format: "%06d", 1 + random.below(600)))'" : "NULL"
      let kind = kinds[random.below(kinds.count)]
      let query =
        kind == "search" || kind == "playlist"
        ? "'\(queries[random.below(queries.count)])'" : "NULL"
      lines.append(
        "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES ('\(user)', '\(kind)', \(time), \(query), \(track));"
      )
      if random.chance(0.3) {
        let verdict = random.chance(0.05) ? 0 : random.chance(0.6) ? 1 : -1
        let model = random.chance(0.5) ? "'rec-v2'" : "'rec-v3'"
        lines.append(
          "INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model) VALUES ('\(user)', 't\(String(format: "%06d", 1 + random.below(600)))', \(verdict), \(time), 'song', \(model));"
        )
      }
    }
    return lines.joined(separator: "\n")
  }

  @Test func appendedBatchesGiveTheReportOfAFullBuild() throws {
    let fixture = try Self.demo()
    var state = try #require(try Self.build(fixture, state: nil).state?.bytes)
    var random = SplitMix64(seed: 99)
    var latest: Int64 = DemoOptions().end
    var incremental = 0
    for round in 0..<8 {
      // Shifts from none to more than a day, so edges pass over rows and days roll over.
      let shift: Int64 = [0, 600, 3_600, 86_400, 2 * 86_400, 300, 5 * 86_400, 30][round]
      try fixture.execute(Self.batch(after: latest, shift: shift, random: &random))
      latest += shift
      let stepped = try Self.build(fixture, state: state)
      let full = try Self.build(fixture, state: nil)
      #expect(stepped.report == full.report, "round \(round): the incremental report differs")
      // Who comes back is part of what is compared, and not empty.
      #expect(full.report.retention?.cohorts.contains { ($0.shares?.count ?? 0) > 1 } == true)
      #expect(full.report.lifecycle?.contains { $0.resurrected > 0 && $0.dormant > 0 } == true)
      #expect(full.report[.days30].daily.contains { $0.newListeners > 0 && $0.stickiness != nil })
      // So are model-version comparisons with numbers (new days, late ratings).
      #expect(full.report[.days7].experiments.contains { $0.status == .compared })
      if case .incremental = stepped.kind {
        incremental += 1
      } else {
        Issue.record("round \(round) was not incremental: \(stepped.kind)")
      }
      state = try #require(stepped.state?.bytes)
    }
    #expect(incremental == 8, "every round should have been incremental")
  }

  @Test func theStateHandedOverBeforeTheFinishIsTheOneTheBuildEndsWith() throws {
    let fixture = try Self.demo()
    var state: [UInt8]? = nil
    for round in 0..<2 {
      var handed: [[UInt8]] = []
      let result = try ReportPipeline.build(
        from: SourceDatabase(path: fixture.database), options: Self.options,
        previousState: state.map(StateSource.init(bytes:)), userLabel: { _, _ in [:] },
        stateReady: { handed.append($0.bytes) })
      let bytes = try #require(result.state?.bytes)
      #expect(handed == [bytes], "round \(round): one hand-over, of the final state")
      let expected: ReportPipeline.Result.Kind =
        round == 0 ? .full(reason: .noSavedState) : .incremental(newRows: 0, movedRows: 0)
      #expect(result.kind == expected)
      // Decoded (its sections side by side) and written again with nothing new: the same bytes.
      if let state { #expect(bytes == state, "a state read and written back changed") }
      state = bytes
    }
  }

  @Test func aStateWhoseSectionsDoNotFitIsReadInFull() throws {
    let fixture = try Self.demo()
    let state = try #require(try Self.build(fixture, state: nil).state?.bytes)
    #expect(try Self.build(fixture, state: state).kind == .incremental(newRows: 0, movedRows: 0))
    // The table at the end: the marks (where sections start but the first), the sections'
    // checksums, then the number of marks.
    let (table, count) = (StateTable(state), state.count - 8)
    let (marks, starts) = (table.marks.count, table.marks)
    func integer(_ value: Int) -> [UInt8] { withUnsafeBytes(of: Int64(value)) { Array($0) } }
    #expect(StateTable.checksummedAnew(state) == state)
    // A table that counts one section fewer.
    var fewer = state
    fewer.replaceSubrange(count..<state.count, with: integer(marks - 1))
    // Eight bytes more at the end of the last accumulator's section, the sections after it
    // moved along and every checksum made anew: everything else reads as before, so only that
    // section's end tells.
    let end = starts[marks - 1]
    let body = Array(state[..<end]) + integer(0) + Array(state[end..<table.start])
    let longer = StateTable.checksummedAnew(
      body + (starts.dropLast() + [end + 8]).flatMap(integer)
        + [UInt8](repeating: 0, count: 8 * (marks + 1)) + integer(marks))
    // One byte changed in the middle of the largest section, all else as written: its checksum
    // tells.
    let bounds = [0] + starts + [table.start]
    let sizes: [Int] = (0...marks).map { bounds[$0 + 1] - bounds[$0] }
    let largest = sizes.indices.max { sizes[$0] < sizes[$1] }!
    var torn = state
    torn[(bounds[largest] + bounds[largest + 1]) / 2] ^= 0x10
    for damaged in [fewer, longer, torn] {
      #expect(try Self.build(fixture, state: damaged).kind == .full(reason: .damagedState))
    }
  }

  @Test func aStateThatNoLongerAppliesIsIgnoredAndSaysWhy() throws {
    let fixture = try Self.demo()
    let state = try Self.build(fixture, state: nil).state?.bytes
    // Other options.
    var options = Self.options
    options.zone = ZoneRules(identifier: "Asia/Tokyo")!
    #expect(
      try Self.build(fixture, state: state, options: options).kind == .full(reason: .optionsChanged)
    )
    // Other stopword languages: the words counted differ.
    options = Self.options
    options.stopwordLanguages = [.english]
    #expect(
      try Self.build(fixture, state: state, options: options).kind == .full(reason: .optionsChanged)
    )
    // A jump of more than a week.
    var random = SplitMix64(seed: 1)
    try fixture.execute(
      Self.batch(after: DemoOptions().end + 8 * 86_400, shift: 0, random: &random))
    #expect(try Self.build(fixture, state: state).kind == .full(reason: .tooOld))
    // Damaged bytes.
    #expect(try Self.build(fixture, state: [1, 2, 3]).kind == .full(reason: .damagedState))
  }

  /// A changed genre, artist or track makes the next build read everything, and its report is a
  /// full build's; an unchanged catalog keeps the state.
  @Test func aChangedCatalogIsNoticed() throws {
    let fixture = try Self.demo()
    let first = try Self.build(fixture, state: nil)
    let state = try #require(first.state?.bytes)
    let same = try Self.build(fixture, state: state)
    #expect(same.kind == .incremental(newRows: 0, movedRows: 0))
    // The catalog rows are those the saved catalog was built from: it is kept, not loaded.
    #expect(same.steps.laps.map(\.name).contains("load catalog (kept from the last build)"))
    for change in [
      "INSERT INTO track_genres VALUES ((SELECT min(track_id) FROM tracks), 'zydeco');",
      "UPDATE tracks SET artist = artist || ' & Friends' WHERE rowid = 7;",
      "INSERT INTO tracks (track_id, title, artist) VALUES ('t999999', 'New', 'Someone');",
    ] {
      try fixture.execute(change)
      let changed = try Self.build(fixture, state: state)
      #expect(changed.kind == .full(reason: .catalogChanged), "\(change)")
      #expect(changed.steps.laps.map(\.name).contains("load catalog"))
      #expect(changed.report == (try Self.build(fixture, state: nil)).report)
    }
  }

  /// The saved sound model is taken as it is only for the same features and k (the features
  /// not even read); a changed value or another k clusters again, and every report equals a
  /// build without a saved state.
  @Test func savedClustersApplyOnlyToTheSameCatalogAndK() throws {
    let kept = "start clusters (kept from the last build)"
    let fixture = try Self.demo()
    let first = try Self.build(fixture, state: nil)
    let state = try #require(first.state?.bytes)
    let same = try Self.build(fixture, state: state)
    #expect(same.report == first.report)
    #expect(same.steps.laps.map(\.name).contains(kept))
    // Kept again by the build after: the model goes on from state to state.
    let again = try Self.build(fixture, state: try #require(same.state?.bytes))
    #expect(again.steps.laps.map(\.name).contains(kept))
    #expect(again.report == first.report)
    try fixture.execute(
      "UPDATE tracks SET energy = 1 - energy, tempo = tempo * 1.5 WHERE rowid % 3 = 0;")
    let changed = try Self.build(fixture, state: state)
    #expect(changed.kind == .incremental(newRows: 0, movedRows: 0))
    #expect(changed.steps.laps.map(\.name).contains("load catalog (kept from the last build)"))
    #expect(changed.steps.laps.map(\.name).contains("start clusters"))
    #expect(changed.report == (try Self.build(fixture, state: nil)).report)
    #expect(changed.report.sound != first.report.sound)
    var options = Self.options
    options.clusters = 5
    let fewer = try Self.build(fixture, state: state, options: options)
    #expect(!fewer.steps.laps.map(\.name).contains(kept))
    #expect(fewer.report.sound?.clusters.count == 5)
    #expect(fewer.report == (try Self.build(fixture, state: nil, options: options)).report)
  }

  /// Ids near 2⁶³ (Snowflake-style ids are about 2⁶⁰): the build samples them without
  /// overflowing, and an incremental build after them is a full build's.
  @Test func idsNearTheTopOfInt64AreRead() throws {
    let fixture = try Self.demo()
    try fixture.execute(
      """
      UPDATE activity SET event_id = event_id + 9200000000000000000;
      UPDATE feedback SET feedback_id = feedback_id + 9200000000000000000;
      """)
    let state = try #require(try Self.build(fixture, state: nil).state?.bytes)
    var random = SplitMix64(seed: 4)
    try fixture.execute(Self.batch(after: DemoOptions().end, shift: 3_600, random: &random))
    let next = try Self.build(fixture, state: state)
    #expect(next.kind.rowsRead != nil, "\(next.kind)")
    #expect(next.report == (try Self.build(fixture, state: nil)).report)
  }

  /// A broken rating dated after the as-of time is counted under its defect (an unknown track)
  /// by the build that first reads it, as a full build counts it once the as-of time has passed
  /// it — never left out as "later than the as-of time" and then not read again.
  @Test func aBrokenRowAfterTheAsOfTimeIsCountedAsAFullBuildCountsIt() throws {
    let fixture = try Self.demo()
    let end = DemoOptions().end
    try fixture.execute(
      """
      INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model)
      VALUES ('u000001', 'no-such-track', 1, (SELECT max(occurred_at) FROM activity) + 43200,
        'song', 'rec-v2'),
      ('u000002', 'no-such-track', 1, (SELECT max(occurred_at) FROM activity) + 3 * 86400,
        'song', 'rec-v2');
      """)
    let first = try Self.build(fixture, state: nil)
    let unknown = { (report: Report) in
      report.dataQuality.issues.first { $0.issue == "unknownTrack" && $0.table == "feedback" }?
        .rows ?? 0
    }
    let before = unknown(first.report)
    try fixture.execute(
      """
      INSERT INTO activity (user_id, kind, occurred_at)
      VALUES ('u000003', 'login', \(end) + 4 * 86400);
      """)
    let next = try Self.build(fixture, state: try #require(first.state?.bytes))
    #expect(next.kind.rowsRead != nil, "\(next.kind)")
    let full = try Self.build(fixture, state: nil)
    #expect(next.report == full.report)
    #expect(unknown(full.report) == before)
    #expect(!full.report.dataQuality.issues.contains { $0.issue == "futureTime" })
  }

  /// An erasure — a listener's `users` row deleted, with or without their events — makes the
  /// next build read everything, so that the listener leaves the site at once; a new `users`
  /// row alone keeps the state.
  @Test func aListenerRemovedFromUsersIsForgottenAtOnce() throws {
    let fixture = try Self.demo()
    let state = try #require(try Self.build(fixture, state: nil).state?.bytes)
    try fixture.execute("DELETE FROM users WHERE user_id = 'u000007'")
    let kept = try Self.build(fixture, state: state)
    #expect(kept.kind == .full(reason: .listenersRemoved))
    #expect(kept.report == (try Self.build(fixture, state: nil)).report)
    // The state of that full read keeps its samples: rewriting the last row (sampled) is seen.
    let lastRow =
      "UPDATE activity SET kind = 'login' WHERE event_id = (SELECT max(event_id) FROM activity)"
    let rewritten = try Fixture(schema: false)
    try FileManager.default.copyItem(atPath: fixture.database, toPath: rewritten.database)
    try rewritten.execute(lastRow)
    #expect(
      try Self.build(rewritten, state: try #require(kept.state?.bytes)).kind
        == .full(reason: .historyRewritten))

    try fixture.execute(
      """
      DELETE FROM activity WHERE user_id = 'u000011';
      DELETE FROM feedback WHERE user_id = 'u000011';
      DELETE FROM users WHERE user_id = 'u000011';
      """)
    let erased = try Self.build(fixture, state: try #require(kept.state?.bytes))
    // A sampled row of theirs may tell first.
    #expect(
      [.full(reason: .listenersRemoved), .full(reason: .historyRewritten)].contains(erased.kind),
      "\(erased.kind)")
    #expect(erased.report == (try Self.build(fixture, state: nil)).report)

    try fixture.execute("INSERT INTO users (user_id) VALUES ('u999999')")
    let grown = try Self.build(fixture, state: try #require(erased.state?.bytes))
    #expect(grown.kind == .incremental(newRows: 0, movedRows: 0))
    #expect(grown.report.users.registered == erased.report.users.registered + 1)
  }

  @Test func rewrittenHistoryIsNoticed() throws {
    let fixture = try Self.demo()
    let state = try Self.build(fixture, state: nil).state?.bytes
    // Rewrite the last row the build read (sampled), then append something.
    try fixture.execute(
      "UPDATE activity SET kind = 'login' WHERE event_id = (SELECT max(event_id) FROM activity);")
    #expect(try Self.build(fixture, state: state).kind == .full(reason: .historyRewritten))
  }

  @Test func aStateFileIsReadBackInChunks() throws {
    let fixture = try Fixture(schema: false)
    try DemoDatabase.create(
      at: fixture.database,
      options: DemoOptions(users: 3_000, tracks: 4_000, events: 120_000, feedback: 20_000, seed: 8))
    let file = fixture.folder.appendingPathComponent("state")
    let first = try Self.build(fixture, source: nil)
    let saved = try #require(first.state)
    #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
    let handle = try FileHandle(forWritingTo: file)
    try saved.write { try handle.write(contentsOf: Data($0)) }
    try handle.close()
    let bytes = try Data(contentsOf: file)
    // Larger than the reader's one-megabyte chunk, and exactly what the in-memory encoding gives.
    #expect(bytes.count > 1 << 20)
    #expect(Array(bytes) == saved.bytes)
    var random = SplitMix64(seed: 3)
    try fixture.execute(Self.batch(after: DemoOptions().end, shift: 86_400, random: &random))
    let whole: StateSource = try #require(StateSource(file: file))
    let stepped = try Self.build(fixture, source: whole)
    guard case .incremental = stepped.kind else {
      Issue.record("not incremental: \(stepped.kind)")
      return
    }
    #expect(stepped.report == (try Self.build(fixture, state: nil)).report)
    // A state file cut short is damaged, not a crash.
    try bytes.prefix(bytes.count / 2).write(to: file)
    let half: StateSource = try #require(StateSource(file: file))
    let cut = try Self.build(fixture, source: half)
    #expect(cut.kind == .full(reason: .damagedState))
    #expect(StateSource(file: fixture.folder.appendingPathComponent("missing")) == nil)
  }
}
