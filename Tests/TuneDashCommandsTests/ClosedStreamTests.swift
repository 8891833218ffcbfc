import Foundation
import TestSupport
import Testing

/// A run started with its standard streams closed (a parent that closed them) writes what it
/// prints to nowhere, never into a file it opened: the streams are /dev/null from the start
/// (otherwise the state or the send log could take descriptor 2 and get the warnings), and a
/// write that fails (`EIO` after a terminal's hang-up, `EPIPE`) is lost, not fatal. Before,
/// the first line printed (here the old-data warning) stopped the process with an illegal
/// instruction (132), and a digest stopped that way left the messages it was handing over
/// unconfirmed.
@Suite("Runs whose terminal went away")
struct ClosedStreamTests {
  @Test func aBuildWithClosedStandardStreamsFinishes() throws {
    // 2026-01-01: over a week before any day these tests run on, so the build warns.
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", #"exec "$0" build --db "$1" --out "$2" >&- 2>&-"#, TuneDashBinary.url.path,
      fixture.database, fixture.path("site"),
    ]
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["TUNEDASH_PSEUDONYM_KEY": "closed-stream-test-key-0123456789"]) { $1 }
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
    #expect(FileManager.default.fileExists(atPath: fixture.path("site/index.html")))
    // The state took its own descriptor: it is a state, not the warning.
    let state = try Data(contentsOf: URL(fileURLWithPath: fixture.path(".site.state")))
    #expect(
      !state.isEmpty && !String(decoding: state.prefix(64), as: UTF8.self).contains("tunedash:"))
    // A build piped into a reader that is gone finishes too (SIGPIPE ignored, EPIPE lost).
    let piped = Process()
    piped.executableURL = URL(fileURLWithPath: "/bin/sh")
    piped.arguments = [
      "-c", #"exec "$0" build --db "$1" --out "$2" --verbose 2>&1 | true; exit "${PIPESTATUS:-0}""#,
      TuneDashBinary.url.path, fixture.database, fixture.path("site2"),
    ]
    piped.environment = process.environment
    try piped.run()
    piped.waitUntilExit()
    #expect(FileManager.default.fileExists(atPath: fixture.path("site2/index.html")))
  }
}
