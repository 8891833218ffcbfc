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
    let site = fixture.path("site")
    let built = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", site], environment: Self.environment)
    #expect(built.status == 0, "\(built.stderr)")
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
    #expect(try FileManager.default.contentsOfDirectory(atPath: site).sorted() == files)
    #expect(!FileManager.default.fileExists(atPath: fixture.path("new")))
  }
}
