import Foundation
import TestSupport
import Testing

/// `tunedash publish` through the binary: it refuses folders that are not a site TuneDash
/// built, and never sends a database, state, key, lock or hidden file. The endpoint is a closed
/// loopback port, so any request at all would end in exit 69, not in the codes checked here.
@Suite("Publishing cannot leak", .serialized)
struct PublishGuardTests {
  let environment = [
    "TUNEDASH_PSEUDONYM_KEY": "publish-guard-test-key",
    "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
  ]
  let closedEndpoint = "http://127.0.0.1:9"

  @Test("The project folder, with its database, is refused in one line with exit 65")
  func projectFolderIsRefused() throws {
    let fixture = try Fixture()
    let folder = URL(fileURLWithPath: fixture.database).deletingLastPathComponent()
    try Data("<h1>notes</h1>".utf8).write(to: folder.appendingPathComponent("index.html"))
    let result = try TuneDashBinary.run(
      ["publish", "--from", ".", "--to", "s3://bucket/dashboard", "--endpoint", closedEndpoint],
      in: folder, environment: environment)
    #expect(result.status == 65, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(result.stderr.hasPrefix("tunedash: cannot publish "))
    #expect(result.stderr.contains("not a site built by tunedash"))
    #expect(result.stderr.contains("tunedash build --out"))
    #expect(result.stdout.isEmpty)
  }

  @Test("The folder is checked before the credentials, and no lock is left beside it")
  func theFolderComesFirst() throws {
    let fixture = try Fixture()
    let parent = URL(fileURLWithPath: fixture.database).deletingLastPathComponent().path
    // No AWS variables at all: a missing folder is still "missing" (66), not "no credentials".
    let bare = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    let missing = try TuneDashBinary.run(
      ["publish", "--from", parent + "/public", "--to", "s3://bucket"], environment: bare)
    #expect(missing.status == 66, "\(missing.stderr)")
    #expect(missing.stderr.contains("does not exist"))
    #expect(!FileManager.default.fileExists(atPath: parent + "/.public.lock"))
    // A folder that is not a site: 65, not 78.
    let notASite = try TuneDashBinary.run(
      ["publish", "--from", ".", "--to", "s3://bucket"], in: URL(fileURLWithPath: parent),
      environment: bare)
    #expect(notASite.status == 65, "\(notASite.stderr)")
    #expect(notASite.stderr.contains("not a site built by tunedash"))
  }

  @Test("A dry run of a folder that is not a site is refused too")
  func dryRunIsRefused() throws {
    let fixture = try Fixture()
    let folder = URL(fileURLWithPath: fixture.database).deletingLastPathComponent()
    let result = try TuneDashBinary.run(
      [
        "publish", "--from", folder.path, "--to", "s3://bucket", "--endpoint", closedEndpoint,
        "--dry-run",
      ],
      environment: environment)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test("In a built site, private files are left out before any request is sent")
  func privateFilesInASiteAreLeftOut() throws {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let site = fixture.path("site")
    let build = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", site, "--quiet"], environment: environment)
    #expect(build.status == 0, "\(build.stderr)")
    let built = try FileManager.default.subpathsOfDirectory(atPath: site).filter {
      !$0.hasPrefix(".")
        && !FileManager.default.isDirectory(atPath: site + "/" + $0)
    }
    // Copies a careless user might leave in the folder: by name, and by content alone.
    try FileManager.default.copyItem(atPath: fixture.database, toPath: site + "/events.sqlite")
    try FileManager.default.createDirectory(
      atPath: site + "/data", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixture.database, toPath: site + "/data/backup")
    try Data("x".utf8).write(to: URL(fileURLWithPath: site + "/pseudonym.key"))
    try Data().write(to: URL(fileURLWithPath: site + "/run.lock"))
    try Data("{}".utf8).write(to: URL(fileURLWithPath: site + "/.public.state"))

    let result = try TuneDashBinary.run(
      [
        "publish", "--from", site, "--to", "s3://bucket", "--endpoint", closedEndpoint,
        "--verbose",
      ],
      environment: environment)
    // Nothing listens on the endpoint: the run fails at the listing, after the scan.
    #expect(result.status == 69, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.filter { $0.hasPrefix("left out ") } == [
        "left out data/backup: a database is never published",
        "left out events.sqlite: a database is never published",
        "left out pseudonym.key: a key is never published",
        "left out run.lock: a lock file is never published",
      ])
    #expect(lines.contains { $0.hasPrefix("found \(built.count) files ") }, "\(lines)")
  }
}

extension FileManager {
  fileprivate func isDirectory(atPath path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
