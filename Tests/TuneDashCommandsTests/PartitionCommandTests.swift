import DemoData
import Foundation
import TestSupport
import Testing

/// `build --partition I/N --state-out FILE` in separate processes, then `merge`: the same site
/// as one `build`, file for file and byte for byte; and refusals as one line and an exit code.
@Suite("Partitioned builds through the binary")
struct PartitionCommandTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "partition-test-key-0123456789"]

  static func demo() throws -> Fixture {
    let fixture = try Fixture(schema: false)
    try DemoDatabase.create(
      at: fixture.database,
      options: DemoOptions(users: 250, tracks: 400, events: 12_000, feedback: 2_500, seed: 3))
    return fixture
  }

  static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws
    -> TuneDashBinary.Result
  {
    try TuneDashBinary.run(arguments, environment: environment.merging(extra) { $1 })
  }

  /// Every file under `folder`, by relative path.
  static func files(_ folder: String) throws -> [String: Data] {
    let paths = FileManager.default.enumerator(atPath: folder)!.compactMap { $0 as? String }
    var files: [String: Data] = [:]
    for path in paths {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: folder + "/" + path, isDirectory: &isDirectory)
      if exists && !isDirectory.boolValue {
        files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
      }
    }
    return files
  }

  /// Runs the partition builds of `count` as parallel processes; returns their `--state-out`
  /// destinations: files in the fixture's folder unless `stateOut` names others (objects).
  static func partitionBuilds(
    _ fixture: Fixture, count: Int, extra: [String] = [], stateOut: ((Int) -> String)? = nil,
    environment: [String: String] = [:]
  ) throws -> [String] {
    let paths = (0..<count).map { stateOut?($0) ?? fixture.path("part-\($0)-of-\(count).state") }
    let results = Results(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      results.set(
        index,
        Result {
          try run(
            [
              "build", "--db", fixture.database, "--partition", "\(index)/\(count)", "--state-out",
              paths[index],
            ] + extra, environment: environment)
        })
    }
    for (index, result) in results.values.enumerated() {
      let run = try result!.get()
      #expect(run.status == 0, "partition \(index)/\(count): \(run.stderr)")
      #expect(run.stdout.contains("wrote the state of partition \(index)/\(count)"))
    }
    return paths
  }

  @Test func mergedSiteIsTheSingleBuildsSite() throws {
    let fixture = try Self.demo()
    let single = fixture.path("single")
    let build = try Self.run([
      "build", "--db", fixture.database, "--out", single, "--min-users", "2",
    ])
    #expect(build.status == 0, "\(build.stderr)")
    let expected = try Self.files(single)
    #expect(expected["report.json"] != nil && expected["index.html"] != nil && expected.count > 20)
    for count in [2, 3] {
      let states = try Self.partitionBuilds(fixture, count: count, extra: ["--min-users", "2"])
      for state in states {
        // Private: only the owner may read it.
        let mode =
          try FileManager.default.attributesOfItem(atPath: state)[.posixPermissions] as? Int
        #expect(mode == 0o600)
      }
      let out = fixture.path("merged-\(count)")
      let merge = try Self.run(
        ["merge", "--db", fixture.database, "--out", out, "--min-users", "2"] + states.reversed())
      #expect(merge.status == 0, "\(merge.stderr)")
      #expect(merge.stdout.contains("(\(count) partitions merged)"))
      let merged = try Self.files(out)
      #expect(merged.keys.sorted() == expected.keys.sorted())
      for (path, data) in expected where merged[path] != data {
        Issue.record("\(count) partitions: \(path) differs from the single build's")
      }
      // Nothing private in the site.
      #expect(!merged.keys.contains { $0.hasSuffix(".state") })
    }
  }

  @Test func partialsThatDoNotFitAreRefusedAndTheOldSiteStays() throws {
    let fixture = try Self.demo()
    let three = try Self.partitionBuilds(fixture, count: 3)
    let two = try Self.partitionBuilds(fixture, count: 2)
    let out = fixture.path("site")
    let first = try Self.run(["merge", "--db", fixture.database, "--out", out] + three)
    #expect(first.status == 0, "\(first.stderr)")
    let before = try Self.files(out)
    let cases: [(arguments: [String], status: Int32, message: String)] = [
      ([three[0], three[2]], 65, "partition 1 of 3 is missing"),
      (
        [three[0], three[1], three[1], three[2]], 65,
        "holds partition 1/3, which another file holds too"
      ),
      (
        [three[0], two[1], three[2]], 65,
        "splits the listeners into 2 partitions, the other partial states into 3"
      ),
      (["--min-users", "9"] + three, 65, "was built with other options"),
      ([three[0], three[1], fixture.path("nowhere.state")], 66, "cannot open the partial state"),
      ([three[0], three[1], fixture.database], 65, "is not a TuneDash state file"),
    ]
    for (arguments, status, message) in cases {
      let result = try Self.run(["merge", "--db", fixture.database, "--out", out] + arguments)
      #expect(result.status == status, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
      #expect(try Self.files(out) == before, "\(arguments): the old site changed")
    }
  }

  /// Partitions built at different moments of a growing table merge when given the same
  /// `--cut`: the site is that of a single build of the rows up to the cut.
  @Test func aPinnedCutLetsPartitionsBuiltAtDifferentTimesMerge() throws {
    let fixture = try Self.demo()
    let single = fixture.path("single")
    #expect(try Self.run(["build", "--db", fixture.database, "--out", single]).status == 0)
    let first = try Self.run([
      "build", "--db", fixture.database, "--partition", "0/2", "--state-out",
      fixture.path("p0.state"),
    ])
    let cut = try #require(first.stdout.firstMatch(of: /--cut ([0-9]+:[0-9]+)/)?.1)
    // The app goes on writing (a later event moves the latest time too) before partition 1 runs.
    try fixture.execute(
      """
      INSERT INTO activity (user_id, kind, occurred_at, track_id) VALUES ('late-listener', 'play', 1893456000, NULL);
      INSERT INTO feedback (user_id, track_id, verdict, occurred_at) SELECT 'late-listener', track_id, 1, 1893456000 FROM tracks LIMIT 1;
      """)
    let unpinned = try Self.run([
      "build", "--db", fixture.database, "--partition", "1/2", "--state-out",
      fixture.path("p1-unpinned.state"),
    ])
    #expect(unpinned.status == 0)
    let refused = try Self.run(
      [
        "merge", "--db", fixture.database, "--out", fixture.path("refused"),
        fixture.path("p0.state"), fixture.path("p1-unpinned.state"),
      ])
    #expect(refused.status == 65)
    let pinned = try Self.run([
      "build", "--db", fixture.database, "--partition", "1/2", "--state-out",
      fixture.path("p1.state"), "--cut", String(cut),
    ])
    #expect(pinned.status == 0, "\(pinned.stderr)")
    let out = fixture.path("merged")
    let merge = try Self.run([
      "merge", "--db", fixture.database, "--out", out, fixture.path("p0.state"),
      fixture.path("p1.state"),
    ])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(try Self.files(out) == Self.files(single))
    // A cut the database has not reached is refused.
    let ahead = try Self.run([
      "build", "--db", fixture.database, "--partition", "1/2", "--state-out",
      fixture.path("x.state"), "--cut", "999999999:0",
    ])
    #expect(ahead.status == 65)
    #expect(ahead.stderr.contains("below the cut the partition was asked to read"))
  }

  @Test func partitionOptionsAreChecked() throws {
    let fixture = try Fixture(sql: "")
    for (arguments, message) in [
      (["--partition", "3/3", "--state-out", "x.state"], "--partition takes I/N"),
      (["--partition", "1/2"], "--partition needs --state-out"),
      (["--state-out", "x.state"], "--state-out and --cut need --partition"),
      (
        ["--partition", "0/2", "--state-out", "x.state", "--cut", "12"],
        "--cut takes EVENT_ID:FEEDBACK_ID"
      ),
      (
        ["--partition", "0/2", "--state-out", "x.state", "--full"],
        "--state and --full are for site builds"
      ),
    ] {
      let result = try Self.run(["build", "--db", fixture.database] + arguments)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
    // An empty database has no as-of time to count up to.
    let empty = try Self.run([
      "build", "--db", fixture.database, "--partition", "0/2", "--state-out",
      fixture.path("e.state"),
    ])
    #expect(empty.status == 65)
    #expect(empty.stderr.contains("no valid events yet"))
    // `tunedash cut` says where the tables end: nothing yet, then after two rows (ids 7 and 3).
    #expect(try Self.run(["cut", "--db", fixture.database]).stdout == "0:0\n")
    try fixture.execute(
      """
      INSERT INTO activity (event_id, user_id, kind, occurred_at) VALUES (7, 'u1', 'login', 1000);
      INSERT INTO feedback (feedback_id, user_id, track_id, verdict, occurred_at) VALUES (3, 'u1', 't1', 1, 1000);
      """)
    #expect(try Self.run(["cut", "--db", fixture.database]).stdout == "7:3\n")
    let missing = try Self.run(["cut", "--db", fixture.path("none.sqlite")])
    #expect(missing.status == 66, "\(missing.stderr)")
    #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
  }
}

/// Results of parallel runs, filled from several threads.
private final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [Result<TuneDashBinary.Result, any Error>?]

  init(count: Int) { stored = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<TuneDashBinary.Result, any Error>) {
    lock.withLock { stored[index] = result }
  }

  var values: [Result<TuneDashBinary.Result, any Error>?] { lock.withLock { stored } }
}
