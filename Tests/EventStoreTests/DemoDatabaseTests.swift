import EventStore
import Foundation
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
    #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
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
    #expect(throws: EventStoreError.self) { try DemoDatabase.create(at: path, options: Self.options) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("mine".utf8))
  }

  @Test func interningGivesDenseIndexesInOrderOfFirstSight() {
    var ids = ByteInterner()
    #expect(ids.intern("u1") == 0)
    #expect(ids.intern("u2") == 1)
    #expect(ids.intern("u1") == 0)
    for i in 0..<5_000 { ids.intern("user-\(i)") }
    #expect(ids.count == 5_002)
    #expect(ids.string(at: 1) == "u2")
    #expect(ids.index(of: "user-4999") == 5_001)
    #expect(ids.index(of: "nobody") == nil)
  }
}
