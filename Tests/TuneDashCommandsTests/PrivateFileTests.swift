import Foundation
import TestSupport
import Testing

/// A private file named where it would destroy the source database or be published with the
/// site is refused before any work: one line, exit 64, the database's bytes and the folder
/// unchanged.
@Suite("Private files never over the source or inside the site")
struct PrivateFileTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "private-file-test-key-0123456789"]

  static func fixture() throws -> Fixture {
    try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
  }

  /// Builds the fixture's site into `site` beside its database, and returns its path.
  static func builtSite(_ fixture: Fixture) throws -> String {
    let site = fixture.path("site")
    let built = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", site], environment: Self.environment)
    #expect(built.status == 0, "\(built.stderr)")
    return site
  }

  /// Runs `arguments` and checks the refusal, and that the database is as it was.
  static func expectRefused(
    _ arguments: [String], _ fixture: Fixture, saying words: String
  ) throws {
    let before = try Data(contentsOf: URL(fileURLWithPath: fixture.database))
    let result = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(
      result.stderr.hasPrefix("tunedash: ") && result.stderr.contains(words), "\(result.stderr)")
    #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.database)) == before)
  }

  /// `publish` tells a renamed state by its first four bytes (`PrivateFile.stateHeader`): a
  /// real build's state starts with them.
  @Test func aStateStartsWithTheBytesPublishWithholds() throws {
    let fixture = try Self.fixture()
    _ = try Self.builtSite(fixture)
    let state = try Data(contentsOf: URL(fileURLWithPath: fixture.path(".site.state")))
    #expect(state.prefix(4) == Data("TSDT".utf8))
  }

  /// Started with `umask 000`, a build writes nothing others may change: the site's folders
  /// and files are not group- or world-writable.
  @Test func aPermissiveUmaskLeavesNothingWritableByOthers() throws {
    let fixture = try Self.fixture()
    let site = fixture.path("site")
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", site, "--quiet"],
      environment: ProcessInfo.processInfo.environment.merging(Self.environment) { $1 },
      launcher: ["/bin/sh", "-c", "umask 000; exec \"$0\" \"$@\""])
    #expect(result.status == 0, "\(result.stderr)")
    var paths = [site]
    paths += FileManager.default.enumerator(atPath: site)!.compactMap { ($0 as? String) }
      .map { site + "/" + $0 }
    for path in paths {
      let mode = try #require(
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
      #expect(mode & 0o022 == 0, "\(path): \(String(mode, radix: 8))")
    }
  }

  /// An `--out` that is a link to a folder that does not exist is refused before any work.
  @Test func anOutputLinkToNothingIsRefused() throws {
    let fixture = try Self.fixture()
    let link = fixture.path("site")
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: fixture.path("gone"))
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--out", link], fixture,
      saying: "is a symbolic link to \(fixture.path("gone")), which does not exist")
  }

  @Test func aStateOverTheSourceDatabaseIsRefused() throws {
    let fixture = try Self.fixture()
    let site = fixture.path("site")
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--out", site, "--state", fixture.database], fixture,
      saying: "is the source database")
    // Through a symbolic link, and as the database's journal.
    let link = fixture.path("link.state")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fixture.database)
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--out", site, "--state", link], fixture,
      saying: "is the source database")
    let journal = fixture.database + "-journal"
    #expect(FileManager.default.createFile(atPath: journal, contents: Data()))
    try Self.expectRefused(
      ["build", "--db", link, "--out", site, "--state", journal], fixture,
      saying: "the source database's journal")
    try FileManager.default.removeItem(atPath: journal)
    // A journal that does not exist now (SQLite makes it with the app's next write).
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--out", site, "--state", fixture.database + "-wal"],
      fixture, saying: "the source database's journal")
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--partition", "0/1", "--state-out", fixture.database],
      fixture, saying: "--state-out")
    try Self.expectRefused(
      [
        "digest", "--db", fixture.database, "--outbox", fixture.path("outbox"), "--from",
        "Digest <digest@example.com>", "--send-log", fixture.database,
      ], fixture, saying: "--send-log")
    #expect(!FileManager.default.fileExists(atPath: site))
    #expect(!FileManager.default.fileExists(atPath: fixture.path("outbox")))
  }

  @Test func aStateInsideTheSiteIsRefused() throws {
    let fixture = try Self.fixture()
    let site = try Self.builtSite(fixture)
    let files = try FileManager.default.contentsOfDirectory(atPath: site).sorted()
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--out", site, "--state", site + "/../site/x.state"],
      fixture, saying: "is inside --out")
    // A folder that does not exist yet is refused the same way.
    try Self.expectRefused(
      [
        "build", "--db", fixture.database, "--out", fixture.path("new"), "--state",
        fixture.path("new/deep/x.state"),
      ],
      fixture, saying: "which is published")
    // The folder itself, and a path that reaches into it through a link and `..`.
    try Self.expectRefused(
      ["build", "--db", fixture.database, "--out", site, "--state", site], fixture,
      saying: "is inside --out")
    try FileManager.default.createDirectory(
      atPath: fixture.path("deep"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path("deep/link"), withDestinationPath: site + "/all")
    try Self.expectRefused(
      [
        "build", "--db", fixture.database, "--out", site, "--state",
        fixture.path("deep/link/../x.state"),
      ],
      fixture, saying: "is inside --out")
    #expect(try FileManager.default.contentsOfDirectory(atPath: site).sorted() == files)
    #expect(!FileManager.default.fileExists(atPath: fixture.path("new")))
  }

  /// The digest's outbox and send log carry listeners' addresses: never inside a folder that
  /// `build` wrote, which is published whole — however the path reaches it.
  @Test func anOutboxInsideTheSiteIsRefused() throws {
    let fixture = try Self.fixture()
    let site = try Self.builtSite(fixture)
    let files = try FileManager.default.subpathsOfDirectory(atPath: site).sorted()
    let digest = ["digest", "--db", fixture.database, "--from", "Digest <digest@example.com>"]
    try Self.expectRefused(
      digest + ["--outbox", site + "/mail"], fixture,
      saying: "--outbox \(site)/mail is inside the site")
    try Self.expectRefused(digest + ["--outbox", site], fixture, saying: "is inside the site")
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path("link"), withDestinationPath: site + "/all")
    try Self.expectRefused(
      digest + ["--outbox", fixture.path("link/../deep/outbox")], fixture,
      saying: "is inside the site")
    try Self.expectRefused(
      digest + ["--outbox", fixture.path("outbox"), "--send-log", site + "/x.sent"], fixture,
      saying: "--send-log \(site)/x.sent is inside the site")
    #expect(try FileManager.default.subpathsOfDirectory(atPath: site).sorted() == files)
    #expect(!FileManager.default.fileExists(atPath: fixture.path("outbox")))
  }

  /// A `--state` that names a folder is refused before any work (exit 64, one line naming the
  /// folder), and the folder stays.
  @Test func aStateThatIsAFolderIsRefused() throws {
    let fixture = try Self.fixture()
    let folder = fixture.path("states")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: folder + "/keep", contents: Data("x".utf8)))
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path("site"), "--state", folder],
      environment: Self.environment)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(
      result.stderr == "tunedash: --state \(folder) is a folder; give --state the path of a file\n")
    #expect(FileManager.default.fileExists(atPath: folder + "/keep"))
    #expect(!FileManager.default.fileExists(atPath: fixture.path("site")))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.path(""))
      .filter { $0.contains(".tmp-") }
    #expect(leftovers == [])
  }

  /// The temporary state a killed run left beside the state is removed by the next build; one
  /// of a run still going is not.
  @Test func aKilledRunsTemporaryStateIsRemoved() throws {
    let fixture = try Self.fixture()
    let dead = fixture.path("..site.state.tmp-2147483000")
    let alive = fixture.path("..site.state.tmp-\(getpid())")
    #expect(FileManager.default.createFile(atPath: dead, contents: Data(count: 1_000)))
    #expect(FileManager.default.createFile(atPath: alive, contents: Data(count: 10)))
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path("site")],
      environment: Self.environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dead))
    #expect(FileManager.default.fileExists(atPath: alive))
    #expect(FileManager.default.fileExists(atPath: fixture.path(".site.state")))
  }
}
