import DemoData
import Foundation
import TestSupport
import Testing

/// `tunedash digest` through the binary: who gets a message on a hand-built week, every
/// message checked by Python's email package and html5lib (hostile text included), and the
/// owners' numbers against the 7-day range of `build --as-of` for the same week.
@Suite("Digest command", .serialized)
struct DigestCommandTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "digest-command-test-key"]
  static let requirePython =
    ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_PYTHON_TOOLS"] == "1"
  /// 2026-11-29 00:00 UTC: the last day of the fixture's week.
  static let lastDay = 1_795_910_400
  static let from = "Radio Owl <digest@example.com>"

  static func resource(_ name: String) -> String {
    Bundle.module.url(forResource: name, withExtension: "py")!.path
  }

  /// A week in which each listener hits one rule. Six tracks with features, one artist each
  /// (t1 … t6, energy 0.1 … 0.6), and t9 without features.
  static func handBuiltWeek() throws -> Fixture {
    let fixture = try Fixture()
    var sql = ["ALTER TABLE users ADD COLUMN email_opt_out INTEGER;"]
    for n in 1...6 {
      sql.append(
        "INSERT INTO tracks VALUES ('t\(n)', 'Song \(n)', 'Artist \(n)', NULL, 0.5, 0.\(n), 0.5, 120, 0.5);"
      )
      sql.append("INSERT INTO track_genres VALUES ('t\(n)', 'genre \(n)');")
    }
    sql.append("INSERT INTO tracks (track_id, title, artist) VALUES ('t9', 'Silent', 'Nobody');")
    let users: [(String, String, Int)] = [
      ("ana", "'ana@example.com'", 0), ("bob", "NULL", 0), ("cat", "'cat@'", 0),
      ("dan", "'dan@example.com'", 1),
      ("eve", "'eve@example.com'", 0), ("fay", "'fay@example.com'", 0),
      ("gus", "'gus@example.com'", 0),
      ("hal", "'hal@example.com'", 0),
    ]
    for (id, email, optOut) in users {
      sql.append("INSERT INTO users VALUES ('\(id)', 'Name \(id)', \(email), 0, \(optOut));")
    }
    let inWeek = lastDay + 3_600  // 2026-11-29 01:00
    let weekBefore = lastDay - 8 * 86_400  // 2026-11-21: outside the week
    func search(_ user: String, _ track: String?, at time: Int) {
      sql.append(
        "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES ('\(user)', 'search', \(time), 'song', \(track.map { "'\($0)'" } ?? "NULL"));"
      )
    }
    // ana: picks t1 and has rated t2, so t3 … t6 remain; bob: no address; cat: a bad one;
    // dan: opted out; eve: searched without picking; fay: picked the week before; gus: picked
    // t1 but played every other track; hal: picked the track without features.
    for user in ["ana", "bob", "cat", "dan", "gus"] { search(user, "t1", at: inWeek) }
    search("eve", nil, at: inWeek)
    search("fay", "t1", at: weekBefore)
    search("hal", "t9", at: inWeek)
    sql.append(
      "INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES ('ana', 't2', 1, \(weekBefore));"
    )
    for n in 2...6 {
      sql.append(
        "INSERT INTO activity (user_id, kind, occurred_at, track_id) VALUES ('gus', 'play', \(weekBefore), 't\(n)');"
      )
    }
    try fixture.execute(sql.joined(separator: "\n"))
    return fixture
  }

  /// Without the site build's key the digest writes nothing and makes no key of its own: the
  /// send log and unsubscribe links are keyed by it, and a new key would mail the week again.
  @Test func aMissingKeyIsRefusedNotCreated() throws {
    let fixture = try Self.handBuiltWeek()
    let home = fixture.path("home")
    let result = try TuneDashBinary.run(
      [
        "digest", "--db", fixture.database, "--outbox", fixture.path("outbox"), "--from", Self.from,
        "--week-ending", "2026-11-29", "--send", "--sendmail", "/bin/true",
      ],
      environment: [
        "TUNEDASH_PSEUDONYM_KEY": "", "HOME": home, "XDG_CONFIG_HOME": home + "/.config",
      ])
    #expect(result.status == 78, "\(result.stderr)")
    #expect(
      result.stderr.hasPrefix(
        "tunedash: no pseudonym key: \(home)/.config/tunedash/pseudonym.key does not exist"),
      "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: home))
    #expect(!FileManager.default.fileExists(atPath: fixture.path("outbox")))
  }

  /// A second run, refused the send log's lock, leaves the outbox as the running one wrote it:
  /// the first run's mail program must not be handed messages the second rewrote.
  @Test func aRunRefusedTheLockLeavesTheOutboxAlone() throws {
    let fixture = try Self.handBuiltWeek()
    let outbox = fixture.path("outbox")
    let arguments = [
      "digest", "--db", fixture.database, "--outbox", outbox, "--week-ending", "2026-11-29",
    ]
    let first = try TuneDashBinary.run(
      arguments + ["--from", Self.from], environment: Self.environment)
    #expect(first.status == 0, "\(first.stderr)")
    func messages() throws -> [String: Data] {
      var contents: [String: Data] = [:]
      for path in try FileManager.default.subpathsOfDirectory(atPath: outbox)
      where path.hasSuffix(".eml") {
        contents[path] = try Data(contentsOf: URL(fileURLWithPath: outbox + "/" + path))
      }
      return contents
    }
    let written = try messages()
    #expect(written.count == 1)
    // The lock a running `--send` holds for its whole run.
    let descriptor = open(fixture.path(".outbox.sent"), O_RDWR | O_CREAT, 0o600)
    defer { close(descriptor) }
    #expect(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
    let second = try TuneDashBinary.run(
      arguments + ["--from", "Other <other@example.org>", "--send", "--sendmail", "/bin/true"],
      environment: Self.environment)
    #expect(second.status == 75, "\(second.stderr)")
    #expect(second.stderr.contains("another tunedash digest run is using the send log"))
    #expect(second.stdout.contains("wrote") == false, "\(second.stdout)")
    #expect(try messages() == written)
  }

  /// A database without a single valid event has no week to report: with `--owners` that is
  /// one line and exit 65 (a cron job pointed at the wrong database must not pass quietly);
  /// without, or with `--allow-empty-week`, there is simply nothing to write.
  @Test func aDatabaseWithoutEventsIsRefusedWhenTheOwnersWaitForAReport() throws {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('', 'login', 1767225600);")
    let outbox = fixture.path("outbox")
    let arguments = [
      "digest", "--db", fixture.database, "--outbox", outbox, "--from", Self.from,
    ]
    let owners = arguments + ["--owners", "owners@example.com"]
    let refused = try TuneDashBinary.run(owners, environment: Self.environment)
    #expect(refused.status == 65, "\(refused.stderr)")
    #expect(
      refused.stderr
        == "tunedash: \(fixture.database) has no valid events, so there is no week to report to the owners; "
        + "check --db, or pass --allow-empty-week to let such a run pass\n")
    for passing in [arguments, owners + ["--allow-empty-week"]] {
      let result = try TuneDashBinary.run(passing, environment: Self.environment)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == "no events in \(fixture.database): nothing to write\n")
    }
    #expect(!FileManager.default.fileExists(atPath: outbox))
  }

  /// An unsubscribe address too long for a mail header once its tokens are in, and a send log
  /// or state that is a folder, are refused before anything is read (64, one line).
  @Test func addressesTooLongAndFoldersAreRefusedAtOnce() throws {
    let fixture = try Self.handBuiltWeek()
    let base = [
      "digest", "--db", fixture.database, "--outbox", fixture.path("outbox"), "--from", Self.from,
      "--week-ending", "2026-11-29",
    ]
    // 880 characters and two tokens: 930 once the tokens are in.
    let long = "https://example.com/u?a={token}&b={token}&p=" + String(repeating: "x", count: 836)
    #expect(long.utf8.count == 880)
    let folder = fixture.path("a-folder")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (extra, words) in [
      (["--unsubscribe-url", long], "too long for a mail header"),
      (
        ["--send-log", folder, "--send", "--sendmail", "/bin/true"],
        "--send-log \(folder) is a folder"
      ),
      (["--owners", "o@example.com", "--state", folder], "--state \(folder) is a folder"),
    ] {
      let result = try TuneDashBinary.run(base + extra, environment: Self.environment)
      #expect(result.status == 64, "\(extra): \(result.stderr)")
      #expect(result.stderr.contains(words), "\(result.stderr)")
      #expect(result.stderr.filter { $0 == "\n" }.count <= 2, "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.path("outbox")))
  }

  @Test func aWeekWithoutEventsIsRefusedUnlessAllowed() throws {
    let fixture = try Self.handBuiltWeek()
    let outbox = fixture.path("outbox")
    // The data ends 2026-11-29 01:00 UTC; the week ending 2026-12-13 starts on 2026-12-07.
    let arguments = [
      "digest", "--db", fixture.database, "--outbox", outbox, "--from", Self.from, "--owners",
      "owners@example.com",
      "--week-ending", "2026-12-13",
    ]
    let refused = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(refused.status == 65, "\(refused.stderr)")
    #expect(
      refused.stderr
        == "tunedash: the week ending 2026-12-13 has no events: the data ends at 2026-11-29 01:00 (UTC) "
        + "(has the app or its log stopped?); pass --allow-empty-week to write it anyway\n")
    #expect(!FileManager.default.fileExists(atPath: outbox))
    // The week ending 2026-12-05 starts on 2026-11-29 and holds the last events: not empty.
    // A week before the data starts (a wrong year) is refused too, with or without the owners'
    // report (without, it would write no message and a --send run say nothing was sent).
    let withoutOwners = arguments.filter { $0 != "--owners" && $0 != "owners@example.com" }
    for early in [arguments, withoutOwners + ["--send", "--sendmail", "/bin/true"]] {
      let refused = try TuneDashBinary.run(
        Array(early.prefix(while: { $0 != "--week-ending" })) + ["--week-ending", "2020-06-07"]
          + early.drop(while: { $0 != "--week-ending" }).dropFirst(2),
        environment: Self.environment)
      #expect(refused.status == 65, "\(refused.stderr)")
      #expect(
        refused.stderr
          == "tunedash: the week ending 2020-06-07 has no events: the data starts after it; "
          + "check --week-ending, or pass --allow-empty-week to write it anyway\n")
    }
    #expect(!FileManager.default.fileExists(atPath: outbox))
    let lastWeek = try TuneDashBinary.run(
      Array(arguments.dropLast()) + ["2026-12-05", "--dry-run"], environment: Self.environment)
    #expect(lastWeek.status == 0, "\(lastWeek.stderr)")
    let allowed = try TuneDashBinary.run(
      arguments + ["--allow-empty-week"], environment: Self.environment)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(FileManager.default.fileExists(atPath: outbox + "/2026-12-13/owners.eml"))
  }

  @Test func aHandBuiltWeekWritesOneDigestAndCountsEveryoneLeftOut() throws {
    let fixture = try Self.handBuiltWeek()
    let outbox = fixture.path("outbox")
    let result = try TuneDashBinary.run(
      [
        "digest", "--db", fixture.database, "--outbox", outbox, "--from", Self.from,
        "--week-ending", "2026-11-29",
      ],
      environment: Self.environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("week of 23–29 November 2026 (UTC): 1 listener digest\n"))
    #expect(
      result.stdout.contains(
        "left out: 1 without an email, 1 with an invalid email, 1 opted out, 2 with nothing to recommend"
      ))
    #expect(!result.stdout.contains("@example.com"))
    let week = outbox + "/2026-11-29"
    let files = try FileManager.default.contentsOfDirectory(atPath: week)
    #expect(files.count == 1)
    let message = try String(contentsOfFile: week + "/" + files[0], encoding: .utf8)
    #expect(message.contains("\nTo: Name ana <ana@example.com>\n"))
    // Her pick is named; t3 … t6 are recommended (t1 picked, t2 rated), nearest energy first.
    #expect(message.contains("Based on what you searched for this week: \"Song 1\" by Artist 1."))
    let ranks = ["Song 3", "Song 4", "Song 5", "Song 6"].map {
      message.range(of: " \($0) - ")?.lowerBound
    }
    #expect(ranks.allSatisfy { $0 != nil } && ranks.map { $0! } == ranks.map { $0! }.sorted())
    #expect(!message.contains(" Song 2 - "))
    #expect(message.contains("\nDate: Mon, 30 Nov 2026 00:00:00 +0000\n"))

    // The same inputs write the same bytes.
    let again = try TuneDashBinary.run(
      [
        "digest", "--db", fixture.database, "--outbox", outbox, "--from", Self.from,
        "--week-ending", "2026-11-29",
      ],
      environment: Self.environment)
    #expect(again.status == 0)
    #expect(try String(contentsOfFile: week + "/" + files[0], encoding: .utf8) == message)

    let dry = try TuneDashBinary.run(
      [
        "digest", "--db", fixture.database, "--outbox", fixture.path("unused"), "--from", Self.from,
        "--week-ending", "2026-11-29", "--dry-run",
      ],
      environment: Self.environment)
    #expect(dry.status == 0)
    #expect(dry.stdout.contains("would write to "))
    #expect(!dry.stdout.contains("@") && !dry.stdout.contains("ana"))
    #expect(!FileManager.default.fileExists(atPath: fixture.path("unused")))
  }

  @Test(
    .enabled(
      if: ExternalTool.pythonHas("html5lib") || requirePython,
      "python3 cannot import html5lib: pip install html5lib (CI sets TUNEDASH_REQUIRE_PYTHON_TOOLS=1)"
    ))
  func everyMessageParsesAndHostileTextStaysInert() throws {
    let fixture = try Fixture()
    try fixture.execute(HostileDatabase.sql())
    // Give every track a sound, so that hostile titles, artists and genres are recommended.
    try fixture.execute(
      "UPDATE tracks SET danceability = (rowid % 7) / 7.0, energy = (rowid % 5) / 5.0, valence = 0.5, tempo = 100 + rowid, acousticness = (rowid % 3) / 3.0;"
    )
    let outbox = fixture.path("outbox")
    let result = try TuneDashBinary.run(
      [
        "digest", "--db", fixture.database, "--outbox", outbox, "--from",
        "Ràdio \"Owl\" <digest@example.com>",
        "--owners", "owner@example.com", "--min-users", "1", "--min-ratings", "1",
        "--unsubscribe-url", "https://example.com/u?t={token}", "--track-url",
        "https://example.com/t/{id}",
        "--site-url", "https://stats.example.com/",
      ],
      environment: Self.environment)
    #expect(result.status == 0, "\(result.stderr)")
    let weeks = try FileManager.default.contentsOfDirectory(atPath: outbox)
    #expect(weeks.count == 1)
    let folder = outbox + "/" + weeks[0]
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count > 10)
    let check = try ExternalTool.run("python3", [Self.resource("check_mail"), folder])
    #expect(check.status == 0, "\(check.output)")
  }

  @Test(
    .enabled(
      if: ExternalTool.pythonHas("html5lib") || requirePython,
      "python3 cannot import html5lib: pip install html5lib (CI sets TUNEDASH_REQUIRE_PYTHON_TOOLS=1)"
    ))
  func theOwnersNumbersAreTheDashboardsSevenDays() throws {
    let fixture = try Fixture(schema: false)
    let demo = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: demo, options: DemoOptions(users: 300, tracks: 500, events: 20_000, feedback: 4_000))
    let site = fixture.path("site")
    let build = try TuneDashBinary.run(
      [
        "build", "--db", demo, "--out", site, "--as-of", "2026-11-15", "--timezone", "Europe/Paris",
        "--quiet",
      ],
      environment: Self.environment)
    #expect(build.status == 0, "\(build.stderr)")
    let outbox = fixture.path("outbox")
    let digest = try TuneDashBinary.run(
      [
        "digest", "--db", demo, "--outbox", outbox, "--from", Self.from, "--owners",
        "owner@example.com",
        "--week-ending", "2026-11-15", "--timezone", "Europe/Paris",
      ],
      environment: Self.environment)
    #expect(digest.status == 0, "\(digest.stderr)")
    let check = try ExternalTool.run(
      "python3", [Self.resource("check_mail"), outbox + "/2026-11-15", site + "/report.json"])
    #expect(check.status == 0, "\(check.output)")
    // The demo has listeners who opted out.
    #expect(digest.stdout.contains(" opted out"))

    // The listeners' digests take what they heard from the owners' build; without it they
    // read it themselves, and the messages are the same bytes.
    let alone = fixture.path("alone")
    let without = try TuneDashBinary.run(
      [
        "digest", "--db", demo, "--outbox", alone, "--from", Self.from,
        "--week-ending", "2026-11-15", "--timezone", "Europe/Paris",
      ],
      environment: Self.environment)
    #expect(without.status == 0, "\(without.stderr)")
    let week = outbox + "/2026-11-15"
    let listeners = try FileManager.default.contentsOfDirectory(atPath: week)
      .filter { $0.hasPrefix("listener-") }.sorted()
    #expect(listeners.count > 10)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: alone + "/2026-11-15").sorted()
        == listeners)
    for name in listeners {
      #expect(
        FileManager.default.contents(atPath: week + "/" + name)
          == FileManager.default.contents(atPath: alone + "/2026-11-15/" + name), "\(name)")
    }
  }

  /// The messages in `folder`'s week folders, by path below it.
  static func messages(_ folder: String) throws -> [String: Data] {
    var messages: [String: Data] = [:]
    for path in FileManager.default.enumerator(atPath: folder)!.compactMap({ $0 as? String })
    where path.hasSuffix(".eml") {
      messages[path] = FileManager.default.contents(atPath: folder + "/" + path)
    }
    return messages
  }

  @Test func theOwnersReportGoesOnFromTheSiteBuildsStateWithTheSameBytes() throws {
    let fixture = try Fixture(schema: false)
    let demo = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: demo, options: DemoOptions(users: 300, tracks: 500, events: 20_000, feedback: 4_000))
    let zone = ["--timezone", "Europe/Paris"]
    let state = fixture.path("site.state")
    func build(_ file: String, _ options: [String]) throws {
      let build = try TuneDashBinary.run(
        ["build", "--db", demo, "--out", fixture.path("site"), "--state", file, "--quiet"]
          + options,
        environment: Self.environment)
      #expect(build.status == 0, "\(build.stderr)")
    }
    func days() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: fixture.path("."))
        .filter { $0.hasPrefix("site.state.day-") }.sorted()
    }
    // The site's scheduled build keeps its state, and the state of its as-of day beside it;
    // then the app logs two more days, and the next build keeps that day's too.
    try build(state, zone)
    let first = try days()
    #expect(first.count == 1)
    let lastDay = String(try #require(first.first).dropFirst("site.state.day-".count))
    let saved = try Data(contentsOf: URL(fileURLWithPath: state))
    #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path(first[0]))) == saved)
    let other = fixture.path("utc.state")
    try build(other, [])
    let append = try TuneDashBinary.run(["demo", "--db", demo, "--append"])
    #expect(append.status == 0, "\(append.stderr)")
    try build(state, zone)
    let second = try days()
    #expect(second.count == 2 && second[0] == first[0], "\(second)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path(first[0]))) == saved)
    let current = try Data(contentsOf: URL(fileURLWithPath: state))

    func digest(_ name: String, _ extra: [String]) throws -> (stdout: String, [String: Data]) {
      let outbox = fixture.path(name)
      let result = try TuneDashBinary.run(
        [
          "digest", "--db", demo, "--outbox", outbox, "--from", Self.from, "--owners",
          "o@example.com",
        ]
          + zone + extra,
        environment: Self.environment)
      #expect(result.status == 0, "\(name): \(result.stderr)")
      return (result.stdout, try Self.messages(outbox))
    }
    // The week that ended on the first build's day, as a Monday-morning digest would send it:
    // from the state of that day, the rows since then read (the later ones are after the week).
    let week = ["--week-ending", lastDay]
    let (_, whole) = try digest("whole", week)
    #expect(whole.count > 10)
    #expect(whole.keys.contains { $0.hasSuffix("/owners.eml") })
    let (went, fromState) = try digest("from-state", week + ["--state", state])
    #expect(went.contains("the owners' report went on from \(fixture.path(first[0])): "), "\(went)")
    #expect(!went.contains(": 0 new rows"), "\(went)")
    // The recommender took the latest state's clusters (the catalog is the same): same songs.
    #expect(went.contains("the recommender took the sound clusters of \(state)\n"), "\(went)")
    #expect(fromState == whole)
    // The latest week, from the latest state.
    let (_, latest) = try digest("latest", [])
    let (wentOn, fromLatest) = try digest("from-latest", ["--state", state])
    #expect(wentOn.contains("the owners' report went on from \(fixture.path(second[1])): "))
    #expect(fromLatest == latest)
    #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == current)
    #expect(try days() == second)

    // A state that does not fit: every row is read, and the messages are the same.
    let (otherZone, fromOther) = try digest("other-zone", week + ["--state", other])
    // Clusters do not depend on the time zone: that state's are the recommender's too.
    #expect(otherZone.contains("the recommender took the sound clusters of \(other)\n"))
    #expect(
      otherZone.contains(
        "the owners' report read every row: the time zone, stopwords, --min-users or --as-of changed"
      ), "\(otherZone)")
    #expect(fromOther == whole)
    // A week that ended the day before: no state kept for it, and the latest one counted
    // events after its end.
    let format = DateFormatter()
    (format.dateFormat, format.timeZone) = ("yyyy-MM-dd", TimeZone(identifier: "UTC"))
    let dayBefore = format.string(from: try #require(format.date(from: lastDay)) - 86_400)
    let earlier = ["--week-ending", dayBefore]
    let (_, wholeBefore) = try digest("whole-before", earlier)
    let (after, fromAfter) = try digest("after", earlier + ["--state", state])
    #expect(
      after.contains(
        "the owners' report read every row: the state counted events after the week's end"),
      "\(after)")
    #expect(fromAfter == wholeBefore)
    // A week that ended on a day the build kept no state for (it counted up to the day before,
    // then two days later): the state of the day before.
    let dayAfter = format.string(from: try #require(format.date(from: lastDay)) + 86_400)
    try #require(second[1] > "site.state.day-" + dayAfter)
    let between = ["--week-ending", dayAfter]
    let (_, wholeBetween) = try digest("whole-between", between)
    let (fromDayBefore, fromBetween) = try digest("between", between + ["--state", state])
    #expect(
      fromDayBefore.contains("the owners' report went on from \(fixture.path(first[0])): "),
      "\(fromDayBefore)")
    #expect(fromBetween == wholeBetween)
    let (none, fromNone) = try digest("no-state", week + ["--state", fixture.path("no.state")])
    #expect(none.contains("the owners' report read every row: there is no saved state"))
    #expect(!none.contains("the recommender took"))
    #expect(fromNone == whole)
    // Another k: the recommender clusters the catalog itself, as without a state.
    let (fewer, fromFewer) = try digest("fewer", week + ["--state", state, "--clusters", "5"])
    #expect(!fewer.contains("the recommender took"), "\(fewer)")
    #expect(fromFewer == (try digest("fewer-whole", week + ["--clusters", "5"])).1)

    // Without the owners' report there is nothing for a state to do.
    let alone = try TuneDashBinary.run(
      [
        "digest", "--db", demo, "--outbox", fixture.path("alone"), "--from", Self.from, "--state",
        state,
      ],
      environment: Self.environment)
    #expect(alone.status == 64)
    #expect(alone.stderr.hasPrefix("tunedash: --state is for the owners' report"))
    #expect(alone.stderr.split(separator: "\n").count == 1)
  }

  /// Makes a small demo in `fixture` and returns the arguments of a `digest --send` of it
  /// through `sendmail`, into the fixture's `outbox`.
  static func sendingSmallDemo(in fixture: Fixture, through sendmail: String) throws -> [String] {
    let demo = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: demo, options: DemoOptions(users: 200, tracks: 300, events: 12_000, feedback: 2_000))
    return [
      "digest", "--db", demo, "--outbox", fixture.path("outbox"), "--from", Self.from, "--send",
      "--sendmail", sendmail,
    ]
  }

  /// A listener whose user id is the owners' address (apps that key listeners by email) is
  /// another recipient than the owners: another send-log key and another Message-ID, so both
  /// messages are sent once each.
  @Test func aListenerKeyedByTheOwnersAddressIsAnotherRecipient() throws {
    let fixture = try Self.handBuiltWeek()
    try fixture.execute(
      """
      UPDATE users SET user_id = 'owners@example.com' WHERE user_id = 'ana';
      UPDATE activity SET user_id = 'owners@example.com' WHERE user_id = 'ana';
      UPDATE feedback SET user_id = 'owners@example.com' WHERE user_id = 'ana';
      """)
    let outbox = fixture.path("outbox")
    let arguments = [
      "digest", "--db", fixture.database, "--outbox", outbox, "--from", Self.from,
      "--week-ending", "2026-11-29", "--owners", "owners@example.com", "--send", "--sendmail",
      "/bin/true",
    ]
    let first = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("sent 2 of 2"), "\(first.stdout)")
    let week = outbox + "/2026-11-29"
    let ids = try FileManager.default.contentsOfDirectory(atPath: week).map { file in
      try String(contentsOfFile: week + "/" + file, encoding: .utf8)
        .split(separator: "\n").first { $0.hasPrefix("Message-ID: ") }
    }
    #expect(ids.count == 2 && Set(ids).count == 2, "\(ids)")
    let again = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(
      again.stdout.contains("all 2 messages for the week ending 2026-11-29 were already sent"))
  }

  /// A mail program that refuses every message: the first three named, the rest counted in
  /// one line (not a line per listener in the cron mail), exit 75, and every one retried.
  @Test func aMailProgramThatRefusesEverythingIsAFewLines() throws {
    let fixture = try Fixture(schema: false)
    let arguments = try Self.sendingSmallDemo(in: fixture, through: "/bin/false") + ["--quiet"]
    let refused = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(refused.status == 75, "\(refused.stderr)")
    // Sent without --week-ending: said once, before the refusals.
    var lines = refused.stderr.split(separator: "\n")
    #expect(
      lines.first?.hasPrefix("tunedash: warning: no --week-ending, so the week ends on") == true)
    lines.removeFirst()
    let messages = try FileManager.default.contentsOfDirectory(atPath: fixture.path("outbox"))
      .flatMap {
        try FileManager.default.contentsOfDirectory(atPath: fixture.path("outbox/\($0)"))
      }.count
    #expect(messages > 10)
    #expect(lines.count == 4, "\(refused.stderr)")
    #expect(lines.prefix(3).allSatisfy { $0.contains("/bin/false refused the message to ") })
    #expect(
      lines.last
        == "tunedash: /bin/false refused \(messages - 3) more messages (`--dry-run --send` lists what the next run sends); the next run tries them again"
    )
    let again = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(again.status == 75 && again.stderr == refused.stderr, "\(again.stderr)")
  }

  /// A dry run decides as a real run would: the sent and the unconfirmed messages (logged as
  /// started, without an outcome) are not listed as to be sent, unless `--retry-unconfirmed`.
  @Test func aDryRunLeavesOutWhatARealRunWouldNotSend() throws {
    let fixture = try Fixture(schema: false)
    let arguments = try Self.sendingSmallDemo(in: fixture, through: "/bin/true")
    let sent = try TuneDashBinary.run(arguments + ["--quiet"], environment: Self.environment)
    #expect(sent.status == 0, "\(sent.stderr)")
    // Two messages whose outcome was never logged: the run died after starting their programs.
    let log = fixture.path(".outbox.sent")
    var lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    let total = lines.filter { $0.hasSuffix(" sent") }.count
    for _ in 0..<2 { lines.remove(at: lines.lastIndex { $0.hasSuffix(" sent") }!) }
    try (lines.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: log)

    let dry = try TuneDashBinary.run(arguments + ["--dry-run"], environment: Self.environment)
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(!dry.stdout.contains("would send to"), "\(dry.stdout)")
    // Each unconfirmed message named, so that the relay's log can be searched for it.
    #expect(
      dry.stdout.components(separatedBy: "  unconfirmed: ").count == 3
        && dry.stdout.contains("(probably delivered; not sent again)\n"), "\(dry.stdout)")
    #expect(
      dry.stdout.contains(
        "0 messages would be sent, \(total - 2) already were, 2 unconfirmed (probably delivered; not sent again without --retry-unconfirmed)"
      ), "\(dry.stdout)")
    let retry = try TuneDashBinary.run(
      arguments + ["--dry-run", "--retry-unconfirmed"], environment: Self.environment)
    #expect(retry.stdout.components(separatedBy: "would send to").count == 3, "\(retry.stdout)")
    #expect(retry.stdout.contains("2 messages would be sent, \(total - 2) already were\n"))
  }

  @Test func aUsersTableWithoutEmailIsOneClearLine() throws {
    let fixture = try Self.handBuiltWeek()
    try fixture.execute("ALTER TABLE users DROP COLUMN email")
    let result = try TuneDashBinary.run(
      [
        "digest", "--db", fixture.database, "--outbox", fixture.path("outbox"), "--from", Self.from,
        "--week-ending", "2026-11-29",
      ],
      environment: Self.environment)
    #expect(result.status == 65)
    #expect(
      result.stderr.hasPrefix("tunedash: table `users` in ")
        && result.stderr.contains("has no column `email`"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: fixture.path("outbox")))
  }
}
