import DemoData
import EventStore
import Foundation
import GRDB
import SiteBuilder
import TestSupport
import Testing

/// What a scheduled, unattended build must guarantee: same input, same bytes; unchanged files
/// untouched; one run at a time; and a kill at any moment leaves a complete site.
@Suite("Scheduled builds", .serialized)
struct ScheduledBuildTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "scheduled-build-test-key"]

  /// Every file below `folder` with its bytes.
  static func tree(_ folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: folder)!
    while let path = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
      if !isDirectory.boolValue {
        files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
      }
    }
    return files
  }

  static func demo(in fixture: Fixture, events: Int = 20_000) throws -> String {
    let path = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: path,
      options: DemoOptions(
        users: 300, tracks: 1_000, events: events, feedback: events / 5, seed: 11))
    return path
  }

  @Test func twoBuildsOfTheSameDataAreByteIdentical() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    for out in ["a", "b"] {
      let result = try TuneDashBinary.run(
        ["build", "--db", database, "--out", fixture.path(out), "--quiet"],
        environment: Self.environment)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let a = try Self.tree(fixture.path("a"))
    #expect(a.count > 30)
    #expect(a == (try Self.tree(fixture.path("b"))))
  }

  @Test func aSecondBuildOfTheSameDataChangesNothing() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let out = fixture.path("site")
    _ = try TuneDashBinary.run(
      ["build", "--db", database, "--out", out], environment: Self.environment)
    let index = out + "/index.html"
    let before = try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as! Date
    Thread.sleep(forTimeInterval: 1.1)
    let again = try TuneDashBinary.run(
      ["build", "--db", database, "--out", out], environment: Self.environment)
    #expect(again.stdout.contains(", 0 changed,"))
    #expect(
      try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as! Date == before)
  }

  @Test func incrementalAndFullBuildsWriteTheSameReportJSON() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let (stepped, whole) = (fixture.path("stepped"), fixture.path("whole"))
    let first = try TuneDashBinary.run(
      ["build", "--db", database, "--out", stepped], environment: Self.environment)
    #expect(first.status == 0)
    // The state is kept beside the output folder, private, never inside it.
    let state = fixture.path(".stepped.state")
    let mode =
      try FileManager.default.attributesOfItem(atPath: state)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o600)
    #expect(!FileManager.default.fileExists(atPath: stepped + "/.stepped.state"))
    var time: Int64 = DemoOptions().end
    for round in 0..<3 {
      var sql = ""
      for i in 0..<40 {
        time += 97
        sql +=
          "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES ('u000\(100 + i)', 'search', \(time), 'neon rain', 't000010');\n"
        sql +=
          "INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model) VALUES ('u000\(100 + i)', 't000010', 1, \(time), 'song', 'rec-v3');\n"
      }
      let queue = try DatabaseQueue(path: database)
      try queue.write { try $0.execute(sql: sql) }
      try queue.close()
      let incremental = try TuneDashBinary.run(
        ["build", "--db", database, "--out", stepped], environment: Self.environment)
      #expect(incremental.stdout.contains("(80 new)"), "round \(round): \(incremental.stdout)")
      let full = try TuneDashBinary.run(
        ["build", "--db", database, "--out", whole, "--full"], environment: Self.environment)
      #expect(full.status == 0)
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: stepped + "/report.json"))
          == Data(contentsOf: URL(fileURLWithPath: whole + "/report.json")), "round \(round)")
    }
    // The benchmark's batch: 1% more of both tables (200 events, 40 feedback) on the next days,
    // which moves every range's edges forward.
    let appended = try TuneDashBinary.run(
      ["demo", "--db", database, "--append"], environment: Self.environment)
    #expect(
      appended.stdout.hasPrefix("appended to \(database): 200 events, 40 feedback"),
      "\(appended.stdout)")
    let incremental = try TuneDashBinary.run(
      ["build", "--db", database, "--out", stepped], environment: Self.environment)
    #expect(incremental.stdout.contains("(240 new)"), "\(incremental.stdout)")
    #expect(
      try TuneDashBinary.run(
        ["build", "--db", database, "--out", whole, "--full"], environment: Self.environment
      ).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: stepped + "/report.json"))
        == Data(contentsOf: URL(fileURLWithPath: whole + "/report.json")))
  }

  @Test func anOverlappingRunIsRefusedWithExitCode75() throws {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let out = fixture.path("site")
    let lock = try FolderLock(folder: URL(fileURLWithPath: out))
    let refused = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out], environment: Self.environment)
    #expect(refused.status == 75)
    #expect(refused.stderr.contains("another tunedash run is using"))
    #expect(refused.stderr.split(separator: "\n").count == 1)
    let waited = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out, "--wait", "1"],
      environment: Self.environment)
    #expect(waited.status == 75)
    withExtendedLifetime(lock) {}
    _ = consume lock
    let allowed = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out], environment: Self.environment)
    #expect(allowed.status == 0, "\(allowed.stderr)")
  }

  @Test func aBuildKilledAtAnyMomentLeavesAWholeSite() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let out = fixture.path("site")
    // Two different complete sites from the same data: in UTC and in Tokyo time.
    let zones = ["UTC", "Asia/Tokyo"]
    var trees: [[String: Data]] = []
    var duration = 0.0
    for zone in zones {
      let reference = fixture.path("reference-\(trees.count)")
      let started = Date()
      let result = try TuneDashBinary.run(
        ["build", "--db", database, "--out", reference, "--timezone", zone],
        environment: Self.environment)
      #expect(result.status == 0)
      duration = max(duration, Date().timeIntervalSince(started))
      trees.append(try Self.tree(reference))
    }
    #expect(trees[0] != trees[1])
    _ = try TuneDashBinary.run(
      ["build", "--db", database, "--out", out], environment: Self.environment)
    var current = 0
    var random = SplitMix64(seed: 2026)
    var interrupted = 0
    for round in 0..<16 {
      // Start the build of the other site and kill it at a random moment; the first one as
      // soon as its staging folder appears, while it writes the new site, however the timings
      // of this machine fall.
      let target = 1 - current
      let process = Process()
      process.executableURL = TuneDashBinary.url
      process.arguments = [
        "build", "--db", database, "--out", out, "--timezone", zones[target], "--quiet",
      ]
      process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
      try process.run()
      if round == 0 {
        let staging = fixture.path(".site.tmp-\(process.processIdentifier)")
        while process.isRunning && !FileManager.default.fileExists(atPath: staging) { usleep(500) }
      } else {
        Thread.sleep(forTimeInterval: random.unit() * duration * 1.2)
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = try Self.tree(out)
      #expect(
        now == trees[current] || now == trees[target], "a killed build left a mixed or partial site"
      )
      if now == trees[target] { current = target } else { interrupted += 1 }
    }
    #expect(interrupted > 0, "no kill landed before the swap; the test proved nothing")
    // The next run cleans up whatever the killed ones left beside the folder.
    let final = try TuneDashBinary.run(
      ["build", "--db", database, "--out", out, "--quiet"], environment: Self.environment)
    #expect(final.status == 0)
    let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path)
    #expect(
      !siblings.contains { $0.hasPrefix(".site.tmp-") || $0.hasPrefix(".site.old-") }, "\(siblings)"
    )
  }

  @Test func aFullDiskFailsWithOneLineAndKeepsTheOldSite() throws {
    let fixture = try Fixture(schema: false)
    let database = try Self.demo(in: fixture)
    let out = fixture.path("site")
    _ = try TuneDashBinary.run(
      ["build", "--db", database, "--out", out, "--quiet"], environment: Self.environment)
    let before = try Self.tree(out)
    // Files may not grow past 64 KiB: the new site cannot be written.
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/bash")
    shell.arguments = [
      "-c", "ulimit -f 64; exec \"$0\" build --db \"$1\" --out \"$2\" --timezone Asia/Tokyo",
      TuneDashBinary.url.path,
      database, out,
    ]
    shell.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
    let errors = Pipe()
    shell.standardError = errors
    shell.standardOutput = Pipe()
    try shell.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 73, "\(message)")
    #expect(message.split(separator: "\n").count == 1)
    #expect(message.contains("cannot write the site"))
    #expect(try Self.tree(out) == before)
  }
}
