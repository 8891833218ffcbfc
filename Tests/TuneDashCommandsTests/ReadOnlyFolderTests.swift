import Foundation
import GRDB
import TestSupport
import Testing

/// The deploy examples' situation: the app's folder is read-only to TuneDash (systemd's
/// `ReadOnlyPaths=`) and the database is in WAL mode. The build must work whether or not the
/// app has the database open. Run as the unprivileged user `nobody` (root ignores folder
/// permissions), so this needs root and `setpriv`, as CI has.
@Suite(
  "A WAL database in a read-only folder", .serialized,
  .enabled(
    if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
    "needs root and setpriv to run the binary as nobody"))
struct ReadOnlyFolderTests {
  /// Runs the binary as `nobody`.
  static func runAsNobody(_ arguments: [String]) throws -> TuneDashBinary.Result {
    try TuneDashBinary.run(
      arguments,
      environment: ["TUNEDASH_PSEUDONYM_KEY": "read-only-folder-test-key", "HOME": "/nonexistent"],
      launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
  }

  /// A WAL database with one event in a folder only root may write, and an output folder
  /// `nobody` may write.
  static func setUp() throws -> (fixture: Fixture, output: String) {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let queue = try DatabaseQueue(path: fixture.database)
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    try queue.close()
    let output = try TemporaryFolder.make()
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: output.path)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o555], ofItemAtPath: fixture.folder.path)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o644], ofItemAtPath: fixture.database)
    return (fixture, output.appendingPathComponent("site").path)
  }

  /// Runs `body` with ``setUp()``'s database and output folder, then makes the database's
  /// folder writable again so that it can be removed.
  static func withReadOnlyFolder(_ body: (Fixture, String) throws -> Void) throws {
    let (fixture, output) = try setUp()
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: fixture.folder.path)
    }
    try body(fixture, output)
  }

  @Test("The app not running: no -shm file, and none can be created")
  func appNotRunning() throws {
    try Self.withReadOnlyFolder { fixture, output in
      #expect(!FileManager.default.fileExists(atPath: fixture.database + "-shm"))
      let result = try Self.runAsNobody(["build", "--db", fixture.database, "--out", output])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("from 1 event in"), "\(result.stdout)")
      #expect(FileManager.default.fileExists(atPath: output + "/report.json"))
      // Nothing was created beside the database.
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path) == [
          "events.sqlite"
        ])
    }
  }

  @Test("A database this user may not read: one line, exit 77")
  func unreadableDatabase() throws {
    try Self.withReadOnlyFolder { fixture, output in
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o600], ofItemAtPath: fixture.database)
      let result = try Self.runAsNobody(["build", "--db", fixture.database, "--out", output])
      #expect(result.status == 77, "\(result.stderr)")
      #expect(
        result.stderr.hasPrefix("tunedash: cannot open \(fixture.database)"), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1)
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }

  @Test("The app running: its -shm file exists and is read through")
  func appRunning() throws {
    try Self.withReadOnlyFolder { fixture, output in
      // The app: a connection that stays open (root may create the side files).
      let app = try DatabaseQueue(path: fixture.database)
      try app.write { db in
        try db.execute(
          sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u2', 'play', 1767225601)"
        )
      }
      #expect(FileManager.default.fileExists(atPath: fixture.database + "-shm"))
      let result = try Self.runAsNobody(["build", "--db", fixture.database, "--out", output])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("from 2 events in"), "\(result.stdout)")
      try app.close()
    }
  }
}
