import BuildPipeline
import DemoData
import Engine
import EventStore
import Foundation
import ReportModel
import SQLiteSource
import TestSupport
import Testing

/// A build split by listener and merged must give exactly the report of one build over every
/// listener: the same `Report`, and the same JSON, byte for byte.
@Suite("Partitioned builds")
struct PartitionMergeTests {
  static let options = ReportOptions(minRatings: 2, minUsers: 2)
  static let labels: @Sendable ([String], SQLiteReader) throws -> [String: String] = { ids, _ in
    Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") })
  }

  /// The hand-counted small service, plus rows that test the partition rules: a row without a
  /// user (partition 0 counts it), one with an empty user id, an id written as an integer, a
  /// listener with invalid UTF-8 bytes, two rows in the same second (the later id wins the
  /// "last activity"), unknown tracks and labels, and more listeners so that every partition
  /// of 7 has some.
  static let edgeRowsSQL =
    SmallServiceRows.sql + """

      INSERT INTO users (user_id, display_name, email, created_at) VALUES
        ('u7', 'Gus', 'g@example.com', 0), ('u8', NULL, 'h@example.com', 0), ('ü9', 'Ïda', 'i@example.com', 0),
        ('never', 'Nia', 'n@example.com', 0), ('', 'Empty', 'e@example.com', 0);
      INSERT INTO activity (event_id, user_id, kind, occurred_at, query, track_id) VALUES
        (11, NULL, 'play', 1767225600 - 3600, NULL, 't1'),
        (12, '', 'search', 1767225600 - 3600, 'ghost', NULL),
        (13, 42, 'play', 1767225600 - 4 * 86400, NULL, 't2'),
        (14, \(HostileDatabase.invalidUTF8SQL), 'search', 1767225600 - 6 * 86400, 'rock ballads', 't3'),
        (15, 'u7', 'play', 1767225600 - 10, NULL, 't1'),
        (16, 'u7', 'search', 1767225600 - 10, 'rock anthems', NULL),
        (17, 'u8', 'play', 1767225600 - 50 * 86400, NULL, 't3'),
        (18, 'ü9', 'PLAY ', 1767225600 - 12 * 86400, NULL, 't1'),
        (19, 'u10', 'playlist', 1767225600 - 13 * 86400, 'Jazz nights', NULL),
        (20, 'u11', 'play', 1767225600 + 3 * 86400, NULL, 't1'),
        (21, 'u12', 'play', 1767225600 - 2 * 86400, NULL, 't1'),
        (22, 'u13', 'play', 1767225600 - 2 * 86400, NULL, 't2');
      INSERT INTO feedback (feedback_id, user_id, track_id, verdict, occurred_at, source, model) VALUES
        (8, 'u7', 't1', 1, 1767225600 - 10, 'radio', 'rec-v3'),
        (9, 'u8', 't3', -1, 1767225600 - 50 * 86400, 'song', NULL),
        (10, NULL, 't1', 1, 1767225600 - 5, 'song', 'rec-v2'),
        (11, 'u12', 't1', 1, 1767225600 - 2 * 86400, 'song', 'rec-v2'),
        (12, 'u13', 't1', 1, 1767225600 - 86400, 'playlist', 'rec-v1'),
        (13, 'u10', 't2', -1, 1767225600 - 13 * 86400, 'song', 'rec-v1');
      """

  /// The edge rows in a database whose event tables allow what the contract forbids (a NULL
  /// user id, an id stored as an integer): schema v1 without `NOT NULL` and affinity on
  /// `user_id`, as a lax app might have created it.
  static func edgeFixture() throws -> Fixture {
    let lax = SchemaV1.tables.map {
      $0.replacingOccurrences(of: "user_id TEXT NOT NULL", with: "user_id")
    }
    return try Fixture(
      schema: false, sql: (lax + SchemaV1.indexes).joined(separator: ";\n") + ";\n" + edgeRowsSQL)
  }

  static func demo() throws -> Fixture {
    let fixture = try Fixture(schema: false)
    try DemoDatabase.create(
      at: fixture.database,
      options: DemoOptions(users: 300, tracks: 500, events: 20_000, feedback: 4_000, seed: 11))
    return fixture
  }

  /// The single build's report.
  static func single(_ fixture: Fixture, options: ReportOptions = options) throws -> Report {
    try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database), options: options, previousState: nil,
      userLabel: labels
    ).report
  }

  /// The partial states of `count` partitions, in partition order.
  static func partials(_ fixture: Fixture, count: Int, options: ReportOptions = options) throws
    -> [[UInt8]]
  {
    try (0..<count).map { index in
      try ReportPipeline.buildPartial(
        from: SourceDatabase(path: fixture.database), options: options,
        partition: ListenerPartition(index: index, count: count)
      ).bytes
    }
  }

  /// Merges the given partial states (named by their position).
  static func merge(_ fixture: Fixture, _ states: [[UInt8]], options: ReportOptions = options)
    throws -> Report
  {
    try ReportPipeline.merge(
      states.enumerated().map {
        ReportPipeline.Partial(name: "part\($0.offset)", state: StateSource(bytes: $0.element))
      },
      from: SourceDatabase(path: fixture.database), options: options, userLabel: labels
    ).report
  }

  static func json(_ report: Report) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return try encoder.encode(report)
  }

  /// Checks that merging the partitions of every split gives the single build's report; the
  /// partial states are also merged in reverse order.
  static func checkSplits(_ fixture: Fixture, options: ReportOptions = options) throws {
    let single = try Self.single(fixture, options: options)
    let expected = try json(single)
    for count in [1, 2, 3, 7] {
      let states = try partials(fixture, count: count, options: options)
      let merged = try merge(fixture, states, options: options)
      #expect(merged == single, "\(count) partitions: the merged report differs")
      #expect(try json(merged) == expected, "\(count) partitions: the merged JSON differs")
      let reversed = try merge(fixture, states.reversed(), options: options)
      #expect(
        try json(reversed) == expected, "\(count) partitions merged in reverse: the JSON differs")
    }
  }

  @Test func demoDataMergesToTheSingleBuild() throws {
    let fixture = try Self.demo()
    try Self.checkSplits(fixture)
    // The demo's numbers are not trivial: listeners, ranked tracks and terms were published.
    let report = try Self.single(fixture)
    #expect(report.users.known > 250)
    #expect(!report.ranges.all.words.isEmpty)
    #expect(!report.ranges.all.topTracks.isEmpty)
    #expect(report.ranges.all.experiments.contains { $0.status == .compared })
  }

  /// The hand-worked comparisons (`ModelExperimentsTests`): listeners who rated both versions,
  /// a pair without overlap and a withheld source, split 1, 2, 3 and 7 ways.
  @Test func experimentsMergeToTheSingleBuild() throws {
    let fixture = try Fixture(sql: ExperimentServiceRows.source.sql)
    var options = ReportOptions(asOf: ExperimentServiceRows.asOf, minRatings: 1, minUsers: 2)
    options.recentUsers = 10
    try Self.checkSplits(fixture, options: options)
    let report = try Self.single(fixture, options: options)
    #expect(
      report.ranges.all.experiments.map(\.status) == [
        .neverSideBySide, .neverSideBySide, .compared,
      ])
  }

  /// Sources and models that show the same — NULL, `''` and `' '` are all "(not recorded)",
  /// `rec-v2` and ` rec-v2 ` both `rec-v2` — are one group: one row each in the report, and the
  /// same in every split and order (as several rows of the same name they came in whatever
  /// order their values were first seen).
  @Test func labelsThatShowTheSameAreOneGroup() throws {
    let fixture = try Self.demo()
    try fixture.execute(
      """
      UPDATE feedback SET model = NULL WHERE feedback_id % 37 = 0;
      UPDATE feedback SET model = '' WHERE feedback_id % 41 = 0;
      UPDATE feedback SET model = ' ' WHERE feedback_id % 43 = 0;
      UPDATE feedback SET source = ' song ' WHERE feedback_id % 5 = 0;
      """)
    try Self.checkSplits(fixture)
    let report = try Self.single(fixture)
    for range in [report.ranges.all, report.ranges.days30] {
      let models = range.feedback.byModel.map(\.name)
      #expect(models.filter { $0 == "(not recorded)" }.count == 1, "\(models)")
      #expect(Set(models).count == models.count, "\(models)")
      let sources = range.feedback.bySource.map(\.name)
      #expect(Set(sources).count == sources.count, "\(sources)")
    }
  }

  @Test func handBuiltRowsMergeToTheSingleBuild() throws {
    let fixture = try Self.edgeFixture()
    var options = ReportOptions(asOf: SmallService.asOf, minRatings: 1, minUsers: 1)
    options.recentUsers = 10
    try Self.checkSplits(fixture, options: options)
    try Self.checkSplits(fixture, options: ReportOptions(minRatings: 1, minUsers: 2))
  }

  @Test func hostileTextMergesToTheSingleBuild() throws {
    let fixture = try Fixture(sql: HostileDatabase.sql())
    try Self.checkSplits(fixture, options: ReportOptions(minRatings: 1, minUsers: 1))
  }

  /// Every row is counted by exactly one partition: the partitions' data-quality counts and
  /// `users` rows add up to the single build's, and a row without a user is partition 0's.
  @Test func issuesAndUsersAreCountedOnce() throws {
    let fixture = try Self.edgeFixture()
    let options = ReportOptions(asOf: SmallService.asOf, minRatings: 1, minUsers: 1)
    let single = try Self.single(fixture, options: options)
    // activity 11 and feedback 10 (NULL user), activity 12 (empty user): user_id missing.
    #expect(
      single.dataQuality.issues.filter { $0.issue == "missingUser" }.map(\.rows).reduce(0, +) == 3)
    // 11 rows in `users` with a non-empty id (the empty one is not a listener).
    #expect(single.users.registered == 10)
    let count = 7
    var missingUsers = [Int](repeating: 0, count: count)
    var registered = 0
    // Partition by partition: NULL user rows go to 0; the empty id goes where its hash says.
    for index in 0..<count {
      let partition = try ListenerPartition(index: index, count: count)
      let rows = try Self.missingUserRows(fixture, partition: partition, asOf: SmallService.asOf)
      missingUsers[index] = rows
      registered += try Self.registered(fixture, partition: partition)
    }
    let emptyPartition = ListenerPartition.partition(of: "", count: count)
    var expected = [Int](repeating: 0, count: count)
    expected[0] += 2
    expected[emptyPartition] += 1
    #expect(missingUsers == expected)
    #expect(registered == 10)
  }

  /// The rows `partition`'s validators count as missing a user.
  static func missingUserRows(_ fixture: Fixture, partition: ListenerPartition, asOf: Int64) throws
    -> Int
  {
    let source = try SourceDatabase(path: fixture.database)
    return try source.read { reader in
      let catalog = try reader.loadCatalog()
      var activity = ActivityValidator(catalog: catalog, asOf: asOf, partition: partition)
      try reader.readBatches(.activity, .ids(.upTo(Int64.max))) {
        activity.validate($0) { _ in }
      }
      var feedback = FeedbackValidator(catalog: catalog, asOf: asOf, partition: partition)
      try reader.readBatches(.feedback, .ids(.upTo(Int64.max))) {
        feedback.validate($0) { _ in }
      }
      return activity.issues.count(.missingUser, in: .activity)
        + feedback.issues.count(.missingUser, in: .feedback)
    }
  }

  /// The `users` rows of `partition`.
  static func registered(_ fixture: Fixture, partition: ListenerPartition) throws -> Int {
    try SourceDatabase(path: fixture.database).read { reader in
      var count = 0
      try reader.registeredUsers { id in if partition.contains(userID: id) { count += 1 } }
      return count
    }
  }

  // MARK: Refusals

  static func refusal(_ body: () throws -> Void) -> PartialStateError.Reason? {
    do {
      try body()
      return nil
    } catch let error as PartialStateError {
      return error.reason
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test func partialsThatDoNotFitAreRefused() throws {
    let fixture = try Self.edgeFixture()
    let options = ReportOptions(asOf: SmallService.asOf, minRatings: 1, minUsers: 1)
    let three = try Self.partials(fixture, count: 3, options: options)
    let two = try Self.partials(fixture, count: 2, options: options)
    #expect(
      Self.refusal { _ = try Self.merge(fixture, [three[0], three[2]], options: options) }
        == .missingPartitions([1], of: 3))
    #expect(
      Self.refusal {
        _ = try Self.merge(fixture, [three[0], three[1], three[1], three[2]], options: options)
      }
        == .duplicatePartition(try ListenerPartition(index: 1, count: 3)))
    #expect(
      Self.refusal { _ = try Self.merge(fixture, [three[0], two[1], three[2]], options: options) }
        == .countDiffers(expected: 3, found: 2))
    #expect(Self.refusal { _ = try Self.merge(fixture, [], options: options) } == .noPartials)
    var zone = options
    zone.zone = ZoneRules(identifier: "Europe/Paris")!
    #expect(Self.refusal { _ = try Self.merge(fixture, three, options: zone) } == .optionsDiffer)
    var later = options
    later.asOf = SmallService.asOf + 60
    let laterPart = try Self.partials(fixture, count: 3, options: later)[1]
    #expect(
      Self.refusal {
        _ = try Self.merge(fixture, [three[0], laterPart, three[2]], options: options)
      } == .optionsDiffer)
    var damaged = three[1]
    damaged[damaged.count / 2] ^= 0xFF
    damaged.removeLast(3)
    #expect(
      Self.refusal { _ = try Self.merge(fixture, [three[0], damaged, three[2]], options: options) }
        == .unreadable)
    var older = three[1]
    withUnsafeBytes(of: UInt32(4)) { older.replaceSubrange(4..<8, with: $0) }
    #expect(
      Self.refusal { _ = try Self.merge(fixture, [three[0], older, three[2]], options: options) }
        == .otherVersion)
    #expect(
      Self.refusal {
        _ = try Self.merge(fixture, [three[0], [1, 2, 3], three[2]], options: options)
      } == .unreadable)
  }

  @Test func partialsOfAnotherCutOrCatalogAreRefused() throws {
    let fixture = try Self.edgeFixture()
    let options = ReportOptions(asOf: SmallService.asOf, minRatings: 1, minUsers: 1)
    let before = try Self.partials(fixture, count: 2, options: options)
    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at, track_id) VALUES ('u1', 'play', 1767225600 - 60, 't2');"
    )
    let after = try Self.partials(fixture, count: 2, options: options)
    #expect(
      Self.refusal { _ = try Self.merge(fixture, [before[0], after[1]], options: options) }
        == .cutDiffers)
    try fixture.execute(
      "INSERT INTO tracks (track_id, title, artist) VALUES ('t5', 'Five', 'Epsilon');")
    #expect(
      Self.refusal { _ = try Self.merge(fixture, after, options: options) } == .catalogDiffers)
  }

  /// Partials of a split other than PostgreSQL's — here the same partition twice under two
  /// numbers — share listeners, and the merge says so rather than counting them twice.
  @Test func sharedListenersAreRefused() throws {
    let fixture = try Self.edgeFixture()
    let options = ReportOptions(asOf: SmallService.asOf, minRatings: 1, minUsers: 1)
    let whole = try Self.partials(fixture, count: 1, options: options)[0]
    // Relabel a copy of the whole state as partition 1 of 2 (the partition is the header's
    // first fields after magic, version and machine).
    var relabelled = whole
    var zeroOfTwo = whole
    withUnsafeBytes(of: Int64(1)) { relabelled.replaceSubrange(12..<20, with: $0) }
    withUnsafeBytes(of: Int64(2)) { relabelled.replaceSubrange(20..<28, with: $0) }
    withUnsafeBytes(of: Int64(2)) { zeroOfTwo.replaceSubrange(20..<28, with: $0) }
    // As if written so (else the header's checksum refuses them first).
    (relabelled, zeroOfTwo) = (
      StateTable.checksummedAnew(relabelled), StateTable.checksummedAnew(zeroOfTwo)
    )
    #expect(
      Self.refusal { _ = try Self.merge(fixture, [zeroOfTwo, relabelled], options: options) }
        == .listenersOverlap)
  }
}
