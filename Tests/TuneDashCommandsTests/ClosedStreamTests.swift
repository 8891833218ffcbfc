import Foundation
import TestSupport
import Testing

/// A run whose terminal went away — its standard streams fail with `EIO` after a hang-up, or
/// are closed — loses what it would have printed, never the run: before, the first line it
/// printed (here the old-data warning) stopped the process with an illegal instruction (132),
/// and a digest stopped that way left the messages it was handing over unconfirmed.
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
  }
}
