import Foundation
import TestSupport
import Testing

/// A run that did not build leaves nothing behind: no lock file, no folder made for it.
@Suite("Nothing left behind by a refused or failed run")
struct LeftoversTests {
  /// Every path below `folder`, hidden ones too.
  static func contents(_ folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []).sorted()
  }

  @Test func aMissingDatabaseLeavesNoLockAndNoFolder() throws {
    let folder = try TemporaryFolder.make().path
    let result = try TuneDashBinary.run(
      ["build", "--db", folder + "/missing.sqlite", "--out", folder + "/new/site"])
    #expect(result.status == 66, "\(result.stderr)")
    #expect(Self.contents(folder) == [])
  }

  /// The state and, as a hard link to it, the state of its as-of day (for the digest).
  @Test func aBuildThatWorkedKeepsOnlyItsSiteAndState() throws {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path("out/site")],
      environment: ["TUNEDASH_PSEUDONYM_KEY": "leftovers-test-key-0123456789"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      Self.contents(fixture.path("out")).filter { !$0.hasPrefix("site/") } == [
        ".site.state", ".site.state.day-2026-01-01", "site",
      ])
    let state = try FileManager.default.attributesOfItem(atPath: fixture.path("out/.site.state"))
    let day = try FileManager.default.attributesOfItem(
      atPath: fixture.path("out/.site.state.day-2026-01-01"))
    let inode = try #require(state[.systemFileNumber] as? Int)
    #expect(day[.systemFileNumber] as? Int == inode)
    #expect(state[.posixPermissions] as? Int == 0o600)
  }
}
