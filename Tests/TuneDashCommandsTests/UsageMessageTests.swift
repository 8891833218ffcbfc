import Foundation
import TestSupport
import Testing

/// What a user meets on a mistake: one line starting `tunedash:`, the documented exit code,
/// and nothing left behind.
@Suite("Usage messages", .serialized)
struct UsageMessageTests {
  let environment = ["TUNEDASH_PSEUDONYM_KEY": "usage-message-test-key"]

  @Test(
    "Usage errors are one line with the exit code 64 and the command's help",
    arguments: [
      (
        ["build", "--db", "x.sqlite", "--min-users", "-3"], "--min-users must be at least 1",
        "tunedash build --help"
      ),
      (
        ["build", "--db", "x.sqlite", "--min-ratings", "0"], "--min-ratings must be at least 1",
        "tunedash build --help"
      ),
      (
        ["build", "--db", "x.sqlite", "--bogus"], "Unknown option '--bogus'",
        "tunedash build --help"
      ),
      (
        ["build", "--db", "x.sqlite", "--stopword-languages", "en,xx"],
        "--stopword-languages: unknown language \"xx\"; known: de, en, es, fr, it, pt, or none",
        "tunedash build --help"
      ),
      (["publish"], "Missing expected argument '--to <to>'", "tunedash publish --help"),
      (
        ["publish", "--from", "public", "--to", "s3://b/p", "--wait", "nan"],
        "--wait takes seconds, from 0 to 86400", "tunedash publish --help"
      ),
      (
        ["build", "--db", "x.sqlite", "--wait", "inf"], "--wait and --db-wait take seconds",
        "tunedash build --help"
      ),
      (
        ["build", "--db", "x.sqlite", "--db-wait", "1e10"], "--wait and --db-wait take seconds",
        "tunedash build --help"
      ),
      (
        ["cut", "--db", "x.sqlite", "--db-wait", "nan"],
        "--db-wait takes seconds, from 0 to 86400", "tunedash cut --help"
      ),
      (["frobnicate"], "Unexpected argument 'frobnicate'", "tunedash --help"),
    ])
  func usageErrorsAreOneLine(arguments: [String], says: String, help: String) throws {
    let folder = try TemporaryFolder.make()
    let result = try TuneDashBinary.run(arguments, in: folder, environment: environment)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("tunedash: "))
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stderr.contains(says), "\(result.stderr)")
    #expect(result.stderr.contains("see `\(help)`"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test("A run refused for a bad option leaves no lock file and no output folder")
  func refusedRunLeavesNothing() throws {
    let fixture = try Fixture()
    let folder = fixture.folder
    for bad in [["--timezone", "Mars/Base"], ["--as-of", "soon"]] {
      let result = try TuneDashBinary.run(
        ["build", "--db", fixture.database, "--out", "site"] + bad, in: folder,
        environment: environment)
      #expect(result.status == 64)
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(left == ["events.sqlite"], "\(left)")
  }

  @Test("--as-of with a date means the end of that day in the time zone")
  func asOfDateIsTheEndOfTheDay() throws {
    // One play at 2026-06-30 23:30 in Paris (21:30 UTC, summer time), one the next morning.
    let fixture = try Fixture(
      sql: """
        INSERT INTO activity (user_id, kind, occurred_at) VALUES
          ('u1', 'play', 1782855000), ('u2', 'play', 1782889200);
        """)
    let out = fixture.path("site")
    let result = try TuneDashBinary.run(
      [
        "build", "--db", fixture.database, "--out", out, "--as-of", "2026-06-30",
        "--timezone", "Europe/Paris",
      ],
      environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    // 1 event, singular; the second play (July 1) is after the as-of time.
    #expect(result.stdout.contains("from 1 event in"), "\(result.stdout)")
    let report =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as! [String: Any]
    // 2026-06-30 24:00 in Paris (UTC+2) is 22:00 UTC; the last second before it:
    #expect(report["asOf"] as? String == "2026-06-30T21:59:59Z")
  }
}
