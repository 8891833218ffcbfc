import Foundation
import TestSupport
import Testing

/// The state a build replaces is kept as `FILE.spare`, and the next build writes its state over
/// it: the same bytes as a state written as a new file, never through a link, never over a day's
/// kept state or over a file that is not a state.
@Suite("The state's spare file", .serialized)
struct StateSpareTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "state-spare-test-key-0123456789"]
  static let day: Int64 = 86_400
  /// 2026-01-01, 00:00 UTC.
  static let start: Int64 = 1_767_225_600

  /// A database with a few listeners' events on `days` days from 2026-01-01.
  static func fixture(days: Int = 1) throws -> Fixture {
    var rows: [String] = []
    for day in 0..<days {
      for user in 1...4 {
        rows.append(
          "('u\(user)', 'play', 't1', \(start + Int64(day) * Self.day + Int64(user) * 60))")
      }
    }
    return try Fixture(
      sql: """
        INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'Song', 'Band');
        INSERT INTO activity (user_id, kind, track_id, occurred_at) VALUES \(rows.joined(separator: ", "));
        """)
  }

  static func build(_ fixture: Fixture, out: String = "out/site") throws {
    let result = try TuneDashBinary.run(
      ["build", "--db", fixture.database, "--out", fixture.path(out), "--quiet"],
      environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
  }

  /// The device-independent identity of the file at `path`: its inode.
  static func inode(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
  }

  static func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func eachBuildWritesItsStateOverTheOneBeforeTheLast() throws {
    let fixture = try Self.fixture()
    let (state, spare) = (fixture.path("out/.site.state"), fixture.path("out/.site.state.spare"))
    try Self.build(fixture)
    #expect(!FileManager.default.fileExists(atPath: spare), "no old state yet")
    let first = try Self.inode(state)

    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u5', 'login', \(Self.start + 3_600));"
    )
    try Self.build(fixture)
    #expect(try Self.inode(spare) == first, "the replaced state is kept as the spare")
    let attributes = try FileManager.default.attributesOfItem(atPath: spare)
    #expect(attributes[.posixPermissions] as? Int == 0o600)
    let second = try Self.inode(state)

    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u6', 'login', \(Self.start + 7_200));"
    )
    try Self.build(fixture)
    #expect(try Self.inode(state) == first, "the third state is written over the first")
    #expect(try Self.inode(spare) == second)

    // The same bytes as a state written as a new file (a build from a copy of the second
    // state, with no spare beside it).
    try FileManager.default.createDirectory(
      atPath: fixture.path("fresh"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: spare, toPath: fixture.path("fresh/.site.state"))
    let copied = try Self.inode(fixture.path("fresh/.site.state"))
    try Self.build(fixture, out: "fresh/site")
    #expect(try Self.inode(fixture.path("fresh/.site.state.spare")) == copied)
    #expect(try Self.bytes(state) == Self.bytes(fixture.path("fresh/.site.state")))
  }

  /// A spare longer than the new state is cut to the state's length.
  @Test func aLongerSpareIsCutToTheNewState() throws {
    let fixture = try Self.fixture()
    let (state, spare) = (fixture.path("out/.site.state"), fixture.path("out/.site.state.spare"))
    try Self.build(fixture)
    let expected = try Self.bytes(state)
    // A state-sized file of another state's start and a megabyte more of 0xFF.
    var long = expected.prefix(16)
    long.append(Data(repeating: 0xFF, count: expected.count + 1 << 20))
    #expect(FileManager.default.createFile(atPath: spare, contents: long))
    #expect(chmod(spare, 0o600) == 0)
    let reused = try Self.inode(spare)
    try Self.build(fixture)
    #expect(try Self.inode(state) == reused)
    #expect(try Self.bytes(state) == expected)
  }

  /// What is not a spare of this run's making is left where and as it is: a symbolic link (not
  /// followed), a file others may read, a file that is no state, a file with a second name.
  @Test(arguments: ["link", "readable", "not a state", "two names"])
  func aSpareThatIsNotAStateOfOursIsLeftAlone(kind: String) throws {
    let fixture = try Self.fixture()
    let (state, spare) = (fixture.path("out/.site.state"), fixture.path("out/.site.state.spare"))
    try Self.build(fixture)
    let other = fixture.path("other")
    let content = kind == "not a state" ? Data("not a state".utf8) : try Self.bytes(state)
    #expect(FileManager.default.createFile(atPath: other, contents: content))
    #expect(chmod(other, kind == "readable" ? 0o644 : 0o600) == 0)
    switch kind {
    case "link":
      try FileManager.default.createSymbolicLink(atPath: spare, withDestinationPath: other)
    case "two names": #expect(link(other, spare) == 0)
    default: try FileManager.default.moveItem(atPath: other, toPath: spare)
    }
    // The file behind the spare's name (the link's target for a link).
    let behind = kind == "link" || kind == "two names" ? other : spare
    let (inode, old) = (try Self.inode(spare), try Self.inode(state))

    // A new row, so that a state written through the spare would change its bytes.
    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u5', 'login', \(Self.start + 3_600));"
    )
    try Self.build(fixture)
    #expect(try Self.inode(state) != inode, "\(kind): the state is a new file")
    #expect(try Self.bytes(behind) == content, "\(kind): the file behind the spare is untouched")
    #expect(try Self.inode(spare) == inode)
    // The state it replaced could not become the spare (its place was taken): it is gone, and
    // nothing is left half made.
    let names = try FileManager.default.contentsOfDirectory(atPath: fixture.path("out"))
    let inodes = try names.map { try Self.inode(fixture.path("out/\($0)")) }
    #expect(!inodes.contains(old), "\(kind): \(names)")
    #expect(!names.contains { $0.contains(".tmp-") }, "\(kind): \(names)")
  }

  /// A spare that a reader still has open (a digest reading the state the last build replaced)
  /// is not written over: the build writes a new file, and the next one, the reader gone, the
  /// spare.
  @Test func aSpareAReaderHoldsIsNotWrittenOver() throws {
    let fixture = try Self.fixture()
    let (state, spare) = (fixture.path("out/.site.state"), fixture.path("out/.site.state.spare"))
    try Self.build(fixture)
    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u5', 'login', \(Self.start + 600));"
    )
    try Self.build(fixture)
    let held = try Self.bytes(spare)
    let reader = try #require(FileHandle(forReadingAtPath: spare))
    #expect(flock(reader.fileDescriptor, LOCK_SH) == 0)
    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u6', 'login', \(Self.start + 1_200));"
    )
    let heldInode = try Self.inode(spare)
    try Self.build(fixture)
    #expect(try Self.inode(spare) == heldInode, "the spare a reader holds stays the spare")
    #expect(try Self.inode(state) != heldInode)
    #expect(try reader.readToEnd() == held, "the reader reads what it opened")
    try reader.close()

    let free = try Self.inode(spare)
    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u7', 'login', \(Self.start + 1_800));"
    )
    try Self.build(fixture)
    #expect(try Self.inode(state) == free)
  }

  /// A state kept as a day's (a second name) is never written over: when the as-of day moves
  /// on, the old state stays the last day's and does not become the spare.
  @Test func aDaysKeptStateIsNeverWrittenOver() throws {
    let fixture = try Self.fixture()
    let (state, spare) = (fixture.path("out/.site.state"), fixture.path("out/.site.state.spare"))
    let dayOne = fixture.path("out/.site.state.day-2026-01-01")
    try Self.build(fixture)
    #expect(try Self.inode(dayOne) == Self.inode(state))
    let kept = try Self.bytes(dayOne)

    // The next day: the state of 2026-01-01 stays as that day's, not as the spare.
    try fixture.execute(
      "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u5', 'login', \(Self.start + Self.day));"
    )
    try Self.build(fixture)
    #expect(!FileManager.default.fileExists(atPath: spare))
    // Two more builds that day: each writes over the spare, never over the first day's state.
    for hour in 1...2 {
      try fixture.execute(
        "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u\(5 + hour)', 'login', \(Self.start + Self.day + Int64(hour) * 3_600));"
      )
      try Self.build(fixture)
    }
    #expect(FileManager.default.fileExists(atPath: spare))
    #expect(try Self.bytes(dayOne) == kept)
    #expect(try Self.inode(dayOne) != Self.inode(spare))
  }
}
