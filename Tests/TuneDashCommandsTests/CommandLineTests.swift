import Foundation
import TestSupport
import Testing

@Suite("The command line", .serialized)
struct CommandLineTests {
  let environment = ["TUNEDASH_PSEUDONYM_KEY": "command-line-test-key"]

  @Test func buildWritesTheSiteAndOneSummaryLine() throws {
    // An event an hour ago: fresh data, nothing to warn about.
    let now = Int(Date().timeIntervalSince1970)
    let fixture = try Fixture(
      sql:
        "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', \(now - 3_600));")
    let out = fixture.path("site")
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out], environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    // Not at a terminal (cron, systemd, a pipe): the one summary line, no "open …".
    #expect(result.stdout.hasPrefix("built ") && !result.stdout.dropLast().contains("\n"))
    #expect(result.stdout.contains("from 1 event in"))
    #expect(result.stderr.isEmpty)
    #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
    // At a terminal (`script` gives the run one), where to open the site follows.
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") {
      let terminal = Process()
      terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      terminal.arguments = [
        "-qec", "'\(TuneDashBinary.url.path)' build --db '\(fixture.database)' --out '\(out)'",
        "/dev/null",
      ]
      terminal.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      let output = Pipe()
      terminal.standardOutput = output
      try terminal.run()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      terminal.waitUntilExit()
      #expect(terminal.terminationStatus == 0, "\(text)")
      #expect(text.contains("open \(out)/index.html"), "\(text)")
    }
    let quiet = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", out, "--quiet"], environment: environment)
    #expect(quiet.status == 0)
    #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
  }

  @Test func aBuildWhoseLatestEventIsOverAWeekOldSaysSoEvenWhenQuiet() throws {
    // 2026-01-01 00:00 UTC: long before any day these tests run on.
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let days = (Int(Date().timeIntervalSince1970) - 1_767_225_600) / 86_400
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path("site"), "--quiet"],
      environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr
        == "tunedash: warning: the latest event is from 2026-01-01T00:00:00Z, \(days) days ago; has the app or its log "
        + "stopped? (the site shows the data as of then)\n")
    // A build told its as-of time is a deliberate look back: no warning.
    func pinned(_ asOf: String) throws -> (status: Int32, stderr: String) {
      let run = try TuneDashBinary.run(
        [
          "build", "--db", fixture.database, "--out", fixture.path("site"), "--quiet", "--as-of",
          asOf,
        ],
        environment: environment)
      return (run.status, run.stderr)
    }
    let within = try pinned("1767225600")
    #expect(within.status == 0 && within.stderr.isEmpty, "\(within.stderr)")
    // An --as-of before the data, or weeks after it, is most likely a wrong date: said.
    let before = try pinned("2025-06-01")
    #expect(before.status == 0)
    #expect(
      before.stderr
        == "tunedash: warning: no event at or before --as-of 2025-06-01T23:59:59Z: the site is empty (is the date right?)\n"
    )
    let after = try pinned("2026-03-01")
    #expect(after.status == 0)
    #expect(
      after.stderr
        == "tunedash: warning: the latest event before --as-of 2026-03-01T23:59:59Z is from 2026-01-01T00:00:00Z, "
        + "59 days earlier: the recent ranges are empty (is the date right?)\n")
  }

  @Test func demoAppendRefusesWhatOnlyANewDatabaseTakes() throws {
    let folder = try TemporaryFolder.make()
    for option in [["--users", "10"], ["--tracks", "10"], ["--seed", "7"]] {
      let result = try TuneDashBinary.run(
        ["demo", "--db", "x.sqlite", "--append"] + option, in: folder)
      #expect(result.status == 64)
      #expect(result.stderr.contains("--users, --tracks and --seed are for a new database"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  /// `--events` alone keeps the default demo's one rating for five events.
  @Test func demoFeedbackFollowsTheEvents() throws {
    let folder = try TemporaryFolder.make()
    let result = try TuneDashBinary.run(
      ["demo", "--db", "x.sqlite", "--users", "50", "--tracks", "80", "--events", "4000"],
      in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      (result.stdout + result.stderr).contains("4,000 events, 800 feedback"), "\(result.stdout)")
  }

  /// A libpq keyword/value string is refused: never taken for a file to create or to say is
  /// missing, and never repeated, password and all.
  @Test func aKeywordValueStringIsRefusedWithoutRepeatingIt() throws {
    let folder = try TemporaryFolder.make()
    for (command, db) in [
      ("check", "host=db dbname=events password=S3cretPw"),
      ("init", "host = db  password = S3cretPw"),
    ] {
      let result = try TuneDashBinary.run(
        [command, "--db", db], in: folder,
        environment: environment)
      #expect(result.status == 64, "\(result.stderr)")
      #expect(result.stderr.contains("looks like a libpq keyword/value string"))
      #expect(!result.stderr.contains("S3cretPw"))
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  /// A URL of another scheme — a capital letter, a mistyped or foreign one — is refused the
  /// same way, and `demo`, which writes SQLite, refuses a PostgreSQL URI: neither is taken for
  /// folders and a file to create, nor repeated, password and all.
  @Test func aURLLibpqDoesNotReadIsRefusedWithoutRepeatingIt() throws {
    let folder = try TemporaryFolder.make()
    for (arguments, refusal) in [
      (["build", "--db", "PostgreSQL://app:S3cretPw@db/events"], "--db is a URL, but not"),
      (["init", "--db", "pgsql://app:S3cretPw@db/events"], "--db is a URL, but not"),
      (["demo", "--db", "mysql://app:S3cretPw@db/events"], "--db is a URL, but not"),
      (
        ["demo", "--db", "postgresql://app:S3cretPw@db/events", "--users", "10"],
        "demo writes an SQLite file"
      ),
    ] {
      let result = try TuneDashBinary.run(arguments, in: folder, environment: environment)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(refusal), "\(result.stderr)")
      #expect(!result.stderr.contains("S3cretPw"))
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func aMissingDatabaseExits66WithOneLineAndAHint() throws {
    let folder = try TemporaryFolder.make()
    let result = try TuneDashBinary.run(
      ["build", "--db", "nope.sqlite"], in: folder, environment: environment)
    #expect(result.status == 66)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("nope.sqlite does not exist"))
    #expect(result.stderr.contains("tunedash demo"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path))
    // In a folder that does not exist either: no `demo` to suggest there.
    let nowhere = try TuneDashBinary.run(
      ["build", "--db", "no/such/folder/events.sqlite"], in: folder, environment: environment)
    #expect(nowhere.status == 66)
    #expect(
      nowhere.stderr
        == "tunedash: database no/such/folder/events.sqlite does not exist: there is no folder no/such/folder; check the --db path\n"
    )
  }

  @Test func aFileThatIsNotADatabaseExits65() throws {
    let fixture = try Fixture(schema: false)
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: fixture.database))
    let result = try TuneDashBinary.run(
      ["check", "--db", fixture.database], environment: environment)
    #expect(result.status == 65)
    #expect(result.stderr.contains("not an SQLite database"))
  }

  @Test func aDatabaseWithoutTheContractExits65NamingTheTable() throws {
    let fixture = try Fixture(sql: "DROP TABLE track_genres;")
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path("site")], environment: environment)
    #expect(result.status == 65)
    #expect(result.stderr.contains("track_genres"))
    #expect(result.stderr.contains("tunedash init"))
  }

  @Test func badOptionsExit64() throws {
    let fixture = try Fixture()
    let zone = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--timezone", "Mars/Base"], environment: environment)
    #expect(zone.status == 64)
    #expect(zone.stderr.contains("unknown time zone"))
    let asOf = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--as-of", "soon"], environment: environment)
    #expect(asOf.status == 64)
  }

  @Test func aBrokenTemplateFolderExits78NamingTheFile() throws {
    let fixture = try Fixture()
    let theme = fixture.path("theme")
    try FileManager.default.createDirectory(atPath: theme, withIntermediateDirectories: true)
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path("site"), "--templates", theme],
      environment: environment)
    #expect(result.status == 78)
    #expect(result.stderr.contains("layout.mustache"))
  }

  @Test func initCreatesTheSchemaAndCheckSummarisesIt() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("new.sqlite").path
    let created = try TuneDashBinary.run(["init", "--db", path])
    #expect(created.status == 0)
    let again = try TuneDashBinary.run(["init", "--db", path])
    #expect(again.status == 73)
    // A folder that does not exist is a write failure, said as one.
    let nowhere = folder.appendingPathComponent("missing/new.sqlite").path
    let missing = try TuneDashBinary.run(["init", "--db", nowhere])
    #expect(missing.status == 73, "\(missing.stderr)")
    #expect(
      missing.stderr
        == "tunedash: cannot create \(nowhere): the folder \(folder.appendingPathComponent("missing").path) does not exist; create the folder first, or choose a path in an existing one\n"
    )
    let check = try TuneDashBinary.run(["check", "--db", path])
    #expect(check.status == 0)
    #expect(check.stdout.contains("no valid events yet"))
    #expect(check.stdout.contains("rows breaking the contract: none"))
  }

  @Test func checkNotesOtherKindsApartFromRowsThatBreakTheContract() throws {
    // A "share" is another kind the contract allows; a row without a user breaks it.
    let fixture = try Fixture(
      sql: """
        INSERT INTO activity (user_id, kind, occurred_at) VALUES
          ('u1', 'share', 1767225600), ('u1', 'share', 1767225660), ('', 'login', 1767225700);
        """)
    let check = try TuneDashBinary.run(["check", "--db", fixture.database])
    #expect(check.status == 0, "\(check.stderr)")
    let lines = check.stdout.split(separator: "\n").map(String.init)
    let breaking = try #require(lines.firstIndex(of: "rows breaking the contract:"))
    let noted = try #require(lines.firstIndex(of: "rows the contract allows, noted:"))
    #expect(lines[breaking + 1] == "  activity: 1 skipped, user_id missing")
    #expect(noted == breaking + 2)
    #expect(lines[noted + 1] == "  activity: 2 kept, other kind (counted as other activity)")
  }

  @Test func helpListsTheExitCodes() throws {
    let help = try TuneDashBinary.run(["build", "--help"])
    #expect(help.stdout.contains("66  the database file"))
    #expect(help.stdout.contains("75  locked"))
  }
}
