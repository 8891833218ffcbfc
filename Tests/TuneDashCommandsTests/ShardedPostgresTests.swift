import DemoData
import EventStore
import Foundation
import TestSupport
import Testing

/// The whole path on a sharded PostgreSQL: `activity` and `feedback` hash-partitioned by
/// `user_id` on a coordinator, each partition a `postgres_fdw` foreign table living on its own
/// server (the shape of a Citus distributed table). Partition builds run as parallel processes,
/// each pushing its partition's filter down to the shards; `merge` then equals a single SQLite
/// build of the same rows, file for file. Also: `digest` from PostgreSQL equals `digest` from
/// SQLite, byte for byte.
@Suite(
  "Sharded PostgreSQL",
  .enabled(
    if: PostgresServer.available || PostgresServer.isRequired,
    "PostgreSQL server binaries not found (apt-get install postgresql-15); CI sets TUNEDASH_REQUIRE_POSTGRES=1"
  ),
  .serialized)
struct ShardedPostgresTests {
  static let key = ["TUNEDASH_PSEUDONYM_KEY": "sharded-postgres-test-key-0123456789"]
  static let shards = 2

  /// The demo database the tests copy from.
  static func demo(_ fixture: Fixture) throws -> String {
    let path = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: path, options: DemoOptions(users: 300, tracks: 800, events: 24_000, feedback: 5_000))
    return path
  }

  /// Schema v1 on the coordinator, with the event tables hash-partitioned by `user_id` into
  /// foreign tables on `shards` (one partition each, created there first). Returns the shards'
  /// database names.
  @discardableResult
  static func shardedSchema(coordinator: PostgresServer, database: String, shards: [PostgresServer])
    throws -> [String]
  {
    var names: [String] = []
    let activity =
      "event_id BIGINT NOT NULL, user_id TEXT NOT NULL, kind TEXT NOT NULL, occurred_at BIGINT NOT NULL, query TEXT, track_id TEXT"
    let feedback =
      "feedback_id BIGINT NOT NULL, user_id TEXT NOT NULL, track_id TEXT NOT NULL, verdict BIGINT NOT NULL, occurred_at BIGINT NOT NULL, source TEXT, model TEXT"
    var sql = """
      CREATE EXTENSION postgres_fdw;
      CREATE TABLE users (user_id TEXT PRIMARY KEY, display_name TEXT, email TEXT, created_at BIGINT);
      CREATE TABLE tracks (track_id TEXT PRIMARY KEY, title TEXT NOT NULL, artist TEXT NOT NULL, album TEXT,
        danceability DOUBLE PRECISION, energy DOUBLE PRECISION, valence DOUBLE PRECISION, tempo DOUBLE PRECISION,
        acousticness DOUBLE PRECISION);
      CREATE TABLE track_genres (track_id TEXT NOT NULL, genre TEXT NOT NULL, PRIMARY KEY (track_id, genre));
      CREATE TABLE activity (\(activity)) PARTITION BY HASH (user_id);
      CREATE TABLE feedback (\(feedback)) PARTITION BY HASH (user_id);

      """
    for (index, shard) in shards.enumerated() {
      let name = try shard.createDatabase()
      names.append(name)
      try shard.psql(
        name,
        """
        CREATE TABLE activity_p\(index) (\(activity), PRIMARY KEY (event_id));
        CREATE INDEX ON activity_p\(index) (occurred_at);
        CREATE TABLE feedback_p\(index) (\(feedback), PRIMARY KEY (feedback_id));
        CREATE INDEX ON feedback_p\(index) (occurred_at);
        """)
      sql += """
        CREATE SERVER shard\(index) FOREIGN DATA WRAPPER postgres_fdw
          OPTIONS (host '127.0.0.1', port '\(shard.port)', dbname '\(name)');
        CREATE USER MAPPING FOR \(PostgresServer.user) SERVER shard\(index)
          OPTIONS (user '\(PostgresServer.user)', password '\(PostgresServer.password)');

        """
      for table in ["activity", "feedback"] {
        sql += """
          CREATE FOREIGN TABLE \(table)_p\(index) PARTITION OF \(table)
            FOR VALUES WITH (MODULUS \(shards.count), REMAINDER \(index))
            SERVER shard\(index) OPTIONS (table_name '\(table)_p\(index)');

          """
      }
    }
    try coordinator.psql(database, sql)
    return names
  }

  /// Runs `tunedash ARGUMENTS` for each list at once, as separate processes; returns their
  /// exit statuses and standard error.
  static func parallel(_ runs: [[String]], environment: [String: String]) throws -> [(
    Int32, String
  )] {
    let processes = try runs.map { arguments -> (Process, Pipe) in
      let process = Process()
      process.executableURL = TuneDashBinary.url
      process.arguments = arguments
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      let errors = Pipe()
      process.standardError = errors
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      return (process, errors)
    }
    return processes.map { process, errors in
      let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, text)
    }
  }

  @Test func partitionBuildsOnShardsMergeIntoTheSingleSQLiteSite() throws {
    let coordinator = try PostgresServer.shared()
    let shards = try (0..<Self.shards).map { _ in try PostgresServer.another() }
    let fixture = try Fixture(schema: false)
    let sqlite = try Self.demo(fixture)
    let database = try coordinator.copy(sqlite: sqlite) { url in
      try Self.shardedSchema(
        coordinator: coordinator,
        database: String(url.split(separator: "/").last!.split(separator: "?")[0]), shards: shards)
    }
    let url = coordinator.url(database)
    let environment = Self.key.merging(coordinator.environment) { $1 }

    // The rows really live on the shards, split by PostgreSQL's own hash partitioning.
    var sharded = 0
    for (index, shard) in shards.enumerated() {
      let name = "test_1"  // the only database each shard has
      let rows =
        Int(
          try shard.psql(name, "SELECT count(*) FROM activity_p\(index)").trimmingCharacters(
            in: .whitespacesAndNewlines)) ?? 0
      #expect(rows > 1_000, "shard \(index) holds \(rows) activity rows")
      sharded += rows
    }
    #expect(sharded == 24_000)
    // The partition filter reaches the shards: postgres_fdw ships it in the remote query.
    let plan = try coordinator.psql(
      database,
      "EXPLAIN VERBOSE SELECT event_id FROM activity WHERE "
        + (try ListenerPartition(index: 1, count: Self.shards).sqlPredicate(column: "user_id")))
    #expect(plan.contains("Remote SQL:") && plan.contains("hashtextextended"), "\(plan)")

    let states = (0..<Self.shards).map { fixture.path("p\($0).state") }
    let runs = (0..<Self.shards).map {
      [
        "build", "--db", url, "--partition", "\($0)/\(Self.shards)", "--state-out", states[$0],
        "--quiet",
      ]
    }
    for (status, errors) in try Self.parallel(runs, environment: environment) {
      #expect(status == 0, "\(errors)")
    }
    let merged = try TuneDashBinary.run(
      ["merge", "--db", url, "--out", fixture.path("merged"), "--quiet"] + states,
      environment: environment)
    #expect(merged.status == 0, "\(merged.stderr)")
    let single = try TuneDashBinary.run(
      ["build", "--db", sqlite, "--out", fixture.path("single"), "--quiet"],
      environment: environment)
    #expect(single.status == 0, "\(single.stderr)")
    try PostgresSourceTests.expectSameSite(fixture.path("single"), fixture.path("merged"))
  }

  @Test func theDigestFromPostgreSQLEqualsTheDigestFromSQLite() throws {
    let server = try PostgresServer.shared()
    let fixture = try Fixture(schema: false)
    let sqlite = try Self.demo(fixture)
    let database = try server.copy(sqlite: sqlite) { url in
      let result = try TuneDashBinary.run(["init", "--db", url], environment: server.environment)
      #expect(result.status == 0, "\(result.stderr)")
      // The optional opt-out column, which the demo has.
      try server.psql(
        String(url.split(separator: "/").last!.split(separator: "?")[0]),
        "ALTER TABLE users ADD COLUMN email_opt_out INTEGER")
    }
    let environment = Self.key.merging(server.environment) { $1 }
    // With the owners' report the listeners' heard tracks come from its build; without it, from
    // their own read over two connections.
    for owners in [["--owners", "owner@example.com"], []] {
      var outboxes: [String] = []
      for (name, db) in [("sqlite", sqlite), ("postgres", server.url(database))] {
        let outbox = fixture.path("outbox-\(name)-\(owners.count)")
        let result = try TuneDashBinary.run(
          [
            "digest", "--db", db, "--outbox", outbox, "--from", "Radio Owl <digest@example.com>",
            "--unsubscribe-url", "https://example.com/u/{token}",
          ] + owners,
          environment: environment)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.contains(" opted out"), "\(name): \(result.stdout)")
        outboxes.append(outbox)
      }
      let files = FileManager.default.enumerator(atPath: outboxes[0])!.compactMap {
        $0 as? String
      }.sorted()
      #expect(files.count > 20)
      #expect(
        files
          == FileManager.default.enumerator(atPath: outboxes[1])!.compactMap { $0 as? String }
          .sorted())
      for file in files {
        #expect(
          FileManager.default.contents(atPath: outboxes[0] + "/" + file)
            == FileManager.default.contents(atPath: outboxes[1] + "/" + file), "\(file) differs")
      }
    }
  }
}
