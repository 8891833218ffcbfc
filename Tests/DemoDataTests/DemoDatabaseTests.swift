import DemoData
import EventStore
import Foundation
import GRDB
import SQLiteSource
import TestSupport
import Testing

@Suite("Demo data")
struct DemoDatabaseTests {
  static let options = DemoOptions(users: 60, tracks: 200, events: 3_000, feedback: 800, seed: 3)

  @Test func theSameSeedWritesTheSameRows() throws {
    let folder = try TemporaryFolder.make()
    let a = folder.appendingPathComponent("a.sqlite").path
    let b = folder.appendingPathComponent("b.sqlite").path
    let summary = try DemoDatabase.create(at: a, options: Self.options)
    try DemoDatabase.create(at: b, options: Self.options)
    #expect(summary == DemoDatabase.Summary(users: 60, tracks: 200, events: 3_000, feedback: 800))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
  }

  @Test func demoDataFollowsTheContract() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("demo.sqlite").path
    try DemoDatabase.create(at: path, options: Self.options)
    let check = try SourceDatabase(path: path).read { try $0.checkContract() }
    #expect(check.validActivity == 3_000)
    #expect(check.validFeedback == 800)
    #expect(check.missingIndexes.isEmpty)
    // Only the app-specific "share" kind is noted; nothing is skipped.
    for issue in RowIssue.allCases where issue != .otherKind {
      #expect(check.issues.count(issue, in: .activity) == 0)
      #expect(check.issues.count(issue, in: .feedback) == 0)
    }
    #expect(check.lastTime! < DemoOptions().end)
    #expect(check.firstTime! >= DemoOptions().end - 365 * 86_400)
  }

  @Test func anExistingFileIsNotOverwrittenWithoutForce() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("demo.sqlite").path
    try Data("mine".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: EventStoreError.self) {
      try DemoDatabase.create(at: path, options: Self.options)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("mine".utf8))
    // With --force it is replaced, as often as asked.
    for _ in 0..<3 { try DemoDatabase.create(at: path, options: Self.options, replace: true) }
    let check = try SourceDatabase(path: path).read { try $0.checkContract() }
    #expect(check.validActivity == 3_000)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["demo.sqlite"])
  }

  @Test func appendingAddsOnePercentAfterTheLatestEventDeterministically() throws {
    let folder = try TemporaryFolder.make()
    let (a, b) = (
      folder.appendingPathComponent("a.sqlite").path, folder.appendingPathComponent("b.sqlite").path
    )
    try DemoDatabase.create(at: a, options: Self.options)
    let before = try SourceDatabase(path: a).read { try $0.checkContract() }
    let summary = try DemoDatabase.append(at: a, events: nil, feedback: nil)
    // 1% of 3,000 events and of 800 feedback rows.
    #expect(summary.events == 30 && summary.feedback == 8)
    let after = try SourceDatabase(path: a).read { try $0.checkContract() }
    #expect(after.validActivity == 3_030 && after.validFeedback == 808)
    // Every new row is later than every old one: the history's days end at DemoOptions.end.
    let newRows = try Self.value(
      in: a,
      "SELECT count(*) FROM activity WHERE event_id > 3000 AND occurred_at >= \(Self.options.end)")
    #expect(newRows == 30)
    #expect(after.firstTime == before.firstTime && after.lastTime! > before.lastTime!)
    // A second append goes after the first, and the same steps give the same bytes.
    try DemoDatabase.append(at: a, events: 5, feedback: 0)
    try DemoDatabase.create(at: b, options: Self.options)
    try DemoDatabase.append(at: b)
    try DemoDatabase.append(at: b, events: 5, feedback: 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    let second = try Self.value(
      in: a, "SELECT min(occurred_at) FROM activity WHERE event_id > 3030")
    #expect(second! > after.lastTime!)
  }

  static func value(in path: String, _ sql: String) throws -> Int64? {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { try Int64.fetchOne($0, sql: sql) }
  }

  @Test func appendingToADatabaseThatIsNotADemoChangesNothing() throws {
    let fixture = try Fixture(
      sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'login', 1767225600);")
    let before = try Data(contentsOf: URL(fileURLWithPath: fixture.database))
    #expect(throws: EventStoreError.self) { try DemoDatabase.append(at: fixture.database) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.database)) == before)
  }
}
