import DemoData
import EventStore
import Foundation
import GRDB
import Hashing
import TestSupport
import Testing

/// Damaged, odd and busy databases: each gives a correct site or one clear line and a documented
/// exit code, and the source file is never changed, whatever happens.
@Suite("Bad databases", .serialized)
struct BadDatabaseTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "bad-database-test-key"]

  /// The SHA-256 of every file in the database's folder that belongs to the database.
  static func fingerprint(_ database: String) throws -> [String: String] {
    let folder = (database as NSString).deletingLastPathComponent
    let name = (database as NSString).lastPathComponent
    var digests: [String: String] = [:]
    for file in try FileManager.default.contentsOfDirectory(atPath: folder)
    where file.hasPrefix(name) {
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
      digests[file] = Hash.hex(Hash.sha256(data))
    }
    return digests
  }

  static func build(_ database: String, _ extra: [String] = [], out: String) throws
    -> TuneDashBinary.Result
  {
    try TuneDashBinary.run(
      ["build", "--db", database, "--out", out, "--quiet"] + extra, environment: environment)
  }

  static func demo(in fixture: Fixture) throws -> String {
    let path = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: path, options: DemoOptions(users: 100, tracks: 300, events: 20_000, feedback: 4_000))
    return path
  }

  @Test func aTruncatedFileFailsWithExit65AndStaysAsItWas() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: database))
    let size = try handle.seekToEnd()
    try handle.truncate(atOffset: size / 2)
    try handle.close()
    let before = try Self.fingerprint(database)
    let result = try Self.build(database, out: fixture.path("site"))
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("damaged or not an SQLite database"))
    #expect(try Self.fingerprint(database) == before)
    #expect(!FileManager.default.fileExists(atPath: fixture.path("site")))
  }

  @Test func damagedPagesGiveASiteOrExit65NeverACrash() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let size = try FileManager.default.attributesOfItem(atPath: database)[.size] as! Int
    var random = SplitMix64(seed: 6)
    for round in 0..<6 {
      // Overwrite a few pages in the second half of the file with noise.
      let copy = fixture.path("damaged-\(round).sqlite")
      try FileManager.default.copyItem(atPath: database, toPath: copy)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: copy))
      for _ in 0..<3 {
        let page = (size / 4096 / 2 + random.below(size / 4096 / 2)) * 4096
        try handle.seek(toOffset: UInt64(page))
        try handle.write(
          contentsOf: Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
      }
      try handle.close()
      let before = try Self.fingerprint(copy)
      let result = try Self.build(copy, out: fixture.path("site-\(round)"))
      #expect(
        result.status == 0 || result.status == 65,
        "round \(round): \(result.status) \(result.stderr)")
      if result.status == 65 { #expect(result.stderr.split(separator: "\n").count == 1) }
      #expect(try Self.fingerprint(copy) == before)
    }
  }

  @Test func columnsOfTheWrongTypeAreCountedNotFatal() throws {
    let fixture = try Fixture(
      schema: false,
      sql: """
        CREATE TABLE users (user_id, display_name, email, created_at);
        CREATE TABLE tracks (track_id, title, artist, album);
        CREATE TABLE track_genres (track_id, genre);
        CREATE TABLE activity (event_id INTEGER PRIMARY KEY, user_id, kind, occurred_at TEXT, query, track_id);
        CREATE TABLE feedback (feedback_id INTEGER PRIMARY KEY, user_id, track_id, verdict TEXT, occurred_at, source, model);
        INSERT INTO tracks VALUES (42, 7, 3.5, NULL);
        INSERT INTO track_genres VALUES (42, 'rock');
        INSERT INTO activity VALUES (1, 17, 'play', '1767225600', NULL, 42), (2, 'u2', 'play', '2026-01-01 10:00', NULL, NULL),
          (3, X'75', 'play', 1767225600.9, NULL, 42);
        INSERT INTO feedback VALUES (1, 'u1', 42, 'like', 1767225600, 'song', 'v1'), (2, 'u1', 42, '1', 1767225600, 'song', 'v1'),
          (3, 'u1', 42, 1.0, 1767225600, 'song', 'v1');
        """)
    let out = fixture.path("site")
    let result = try Self.build(fixture.database, ["--min-users", "1"], out: out)
    #expect(result.status == 0, "\(result.stderr)")
    let report = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/report.json")), as: UTF8.self)
    // The TEXT column turned every time into text: '1767225600' and '1767225600.9' are read
    // (floored), '2026-01-01 10:00' is skipped. The verdicts '1' and '1.0' (text) are likes;
    // 'like' is skipped.
    #expect(report.contains("\"badTime\""))
    // No audio-feature columns: the build goes on without sound clusters and says which is missing.
    #expect(report.contains("\"missingColumn\" : \"danceability\""))
    #expect(report.contains("\"badVerdict\""))
    let check = try TuneDashBinary.run(["check", "--db", fixture.database])
    #expect(check.stdout.contains("valid rows: 2 activity, 2 feedback"))
  }

  /// A late row the contract leaves out (feedback on a track missing from `tracks`, three days
  /// after the last valid event) is counted as an issue and moves no range: the as-of time is
  /// the latest valid event's, as `check` says.
  @Test func aLateRowLeftOutDoesNotMoveTheRanges() throws {
    let fixture = try Fixture(
      sql: """
        INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'Song', 'Artist');
        INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);
        INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES
          ('u1', 'no-such-track', 1, 1767484800);
        """)
    let out = fixture.path("site")
    let result = try Self.build(fixture.database, ["--min-users", "1"], out: out)
    #expect(result.status == 0, "\(result.stderr)")
    let report =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as! [String: Any]
    #expect(report["asOf"] as? String == "2026-01-01T00:00:00Z")
    let users = report["users"] as! [String: Any]
    #expect(users["activeLastDay"] as? Int == 1, "\(users)")
    let check = try TuneDashBinary.run(["check", "--db", fixture.database])
    #expect(check.stdout.contains("2026-01-01"), "\(check.stdout)")
    #expect(!check.stdout.contains("2026-01-04"), "\(check.stdout)")
  }

  @Test func aWriterHoldingAnExclusiveLockGivesExit75() throws {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let before = try Self.fingerprint(fixture.database)
    let queue = try DatabaseQueue(path: fixture.database)
    var result: TuneDashBinary.Result?
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      result = try Self.build(fixture.database, ["--db-wait", "0.5"], out: fixture.path("site"))
      try db.execute(sql: "ROLLBACK")
    }
    #expect(result?.status == 75, "\(result?.stderr ?? "")")
    #expect(result?.stderr.contains("locked") == true)
    #expect(try Self.fingerprint(fixture.database) == before)
  }

  @Test func aConcurrentWALWriterNeverMixesIntoTheBuild() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    // The app switches to WAL and keeps writing an activity row and a feedback row together,
    // in one transaction each time, while builds run.
    let writer = try DatabaseQueue(path: database)
    try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
    let stop = ManagedAtomicFlag()
    let thread = Thread {
      var time: Int64 = 1_795_219_100
      while !stop.isSet {
        time += 1
        try? writer.write { db in
          try db.execute(
            sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('writer', 'login', ?)",
            arguments: [time])
          try db.execute(
            sql:
              "INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES ('writer', 't000001', 1, ?)",
            arguments: [time])
        }
      }
    }
    thread.start()
    defer { stop.set() }
    for round in 0..<3 {
      let out = fixture.path("site-\(round)")
      let result = try Self.build(database, ["--min-users", "1"], out: out)
      #expect(result.status == 0, "\(result.stderr)")
      let report =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as! [String: Any]
      let all = (report["ranges"] as! [String: Any])["all"] as! [String: Any]
      let events = (all["activity"] as! [String: Any])["events"] as! Int
      let feedback = all["feedback"] as! [String: Any]
      let ratings = (feedback["likes"] as! Int) + (feedback["dislikes"] as! Int)
      // The writer adds one of each per transaction: a consistent cut has as many of each beyond
      // the demo's 20,000 and 4,000.
      #expect(
        events - 20_000 == ratings - 4_000, "round \(round): \(events) events, \(ratings) ratings")
    }
  }

  @Test func failedBuildsLeaveTheSourceUntouched() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let before = try Self.fingerprint(database)
    let out = fixture.path("site")
    #expect(try Self.build(database, ["--timezone", "Nowhere/Land"], out: out).status == 64)
    #expect(
      try Self.build(database, ["--templates", fixture.path("missing-theme")], out: out).status
        == 78)
    #expect(try Self.build(database, out: out).status == 0)
    #expect(try Self.build(database, ["--as-of", "2026-06-01"], out: out).status == 0)
    #expect(try Self.fingerprint(database) == before)
  }
}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  var isSet: Bool { lock.withLock { value } }
  func set() { lock.withLock { value = true } }
}
