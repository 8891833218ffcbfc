import EventStore
import Foundation
import TestSupport
import Testing

/// Where a partition build's `--state-out` may go, and what a merge counts of the `users`
/// table: a state never replaces another kind of file nor lands in a published site, and
/// `users` rows added between two partition builds are counted once, by the merge.
@Suite("Partition states and the users table through the binary")
struct PartitionStateOutTests {
  typealias Builds = PartitionCommandTests

  @Test func aStateThatWouldReplaceOrPublishAnotherFileIsRefused() throws {
    let fixture = try Builds.demo()
    let key = fixture.path("key")
    try Data("secret key\n".utf8).write(to: URL(fileURLWithPath: key))
    let site = fixture.path("site")
    let built = try Builds.run(["build", "--db", fixture.database, "--out", site])
    #expect(built.status == 0, "\(built.stderr)")
    let report = try Data(contentsOf: URL(fileURLWithPath: site + "/report.json"))
    let cases: [(path: String, status: Int32, message: String)] = [
      (key, 64, "--state-out \(key) exists and is not a TuneDash state"),
      (site + "/report.json", 64, "is inside the site"),
      (site + "/part.state", 64, "is inside the site"),
      (fixture.path("none/part.state"), 73, "the folder \(fixture.path("none")) does not exist"),
      ("/dev/null", 64, "--state-out /dev/null is not a regular file"),
    ]
    for (path, status, message) in cases {
      let result = try Builds.run([
        "build", "--db", fixture.database, "--partition", "0/2", "--state-out", path,
      ])
      #expect(result.status == status, "\(path): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(path): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(path): \(result.stderr)")
    }
    // Nothing replaced, moved aside or added.
    #expect(try String(contentsOfFile: key, encoding: .utf8) == "secret key\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: site + "/report.json")) == report)
    for leftover in [fixture.path(".key.spare"), site + "/part.state", fixture.path("none")] {
      #expect(!FileManager.default.fileExists(atPath: leftover), "\(leftover)")
    }
    // A site build's --state alike.
    let state = try Builds.run([
      "build", "--db", fixture.database, "--out", site, "--state", key,
    ])
    #expect(state.status == 64, "\(state.stderr)")
    #expect(state.stderr.contains("--state \(key) exists and is not a TuneDash state"))
    // A state written before is written over: the partition builds run twice.
    _ = try Builds.partitionBuilds(fixture, count: 2)
    let states = try Builds.partitionBuilds(fixture, count: 2)
    // A folder among a merge's partial states is named as one.
    let merge = try Builds.run([
      "merge", "--db", fixture.database, "--out", fixture.path("merged"), states[0], site,
    ])
    #expect(merge.status == 64, "\(merge.stderr)")
    #expect(merge.stderr.contains("the partial state \(site) is a folder"), "\(merge.stderr)")
  }

  @Test func usersAddedBetweenPartitionBuildsAreCountedOnceByTheMerge() throws {
    let fixture = try Builds.demo()
    let first = try Builds.run([
      "build", "--db", fixture.database, "--partition", "0/2", "--state-out",
      fixture.path("p0.state"),
    ])
    #expect(first.status == 0, "\(first.stderr)")
    let cut = try #require(first.stdout.firstMatch(of: /--cut ([0-9]+:[0-9]+)/)?.1)
    // Listeners who sign up after partition 0 was counted: two of its own (which it missed),
    // one of partition 1's (which it counts).
    let candidates = (0..<40).map { "signed-up-\($0)" }
    let ofFirst = candidates.filter { ListenerPartition.partition(of: $0, count: 2) == 0 }
    let ofSecond = candidates.filter { ListenerPartition.partition(of: $0, count: 2) == 1 }
    let added = Array(ofFirst.prefix(2)) + Array(ofSecond.prefix(1))
    #expect(added.count == 3)
    try fixture.execute(
      added.map {
        "INSERT INTO users (user_id, display_name, email, created_at) VALUES ('\($0)', NULL, NULL, 1893456000);"
      }.joined(separator: "\n"))
    let second = try Builds.run([
      "build", "--db", fixture.database, "--partition", "1/2", "--state-out",
      fixture.path("p1.state"), "--cut", String(cut),
    ])
    #expect(second.status == 0, "\(second.stderr)")
    let merged = fixture.path("merged")
    let merge = try Builds.run([
      "merge", "--db", fixture.database, "--out", merged, fixture.path("p0.state"),
      fixture.path("p1.state"),
    ])
    #expect(merge.status == 0, "\(merge.stderr)")
    let single = fixture.path("single")
    #expect(try Builds.run(["build", "--db", fixture.database, "--out", single]).status == 0)
    let (mergedFiles, singleFiles) = (try Builds.files(merged), try Builds.files(single))
    #expect(mergedFiles.keys.sorted() == singleFiles.keys.sorted())
    for (path, data) in singleFiles where mergedFiles[path] != data {
      Issue.record("\(path) differs from the single build's")
    }
  }
}
