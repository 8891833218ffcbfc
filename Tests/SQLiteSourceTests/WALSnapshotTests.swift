import EventStore
import Foundation
import GRDB
import TestSupport
import Testing

@testable import SQLiteSource

@Suite("Immutable snapshots of WAL databases nobody has open")
struct WALSnapshotTests {
  static func walFixture() throws -> Fixture {
    let fixture = try Fixture()
    let queue = try DatabaseQueue(path: fixture.database)
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    try queue.close()
    return fixture
  }

  @Test("The header tells WAL mode from rollback mode")
  func walModeFromTheHeader() throws {
    let (wal, rollback) = (try Self.walFixture(), try Fixture())
    #expect(WALSnapshot.isWALMode(wal.database))
    #expect(!WALSnapshot.isWALMode(rollback.database))
  }

  @Test("As root every folder is writable: SQLite copes, no snapshot is needed")
  func notNeededWhereSideFilesCanBeCreated() throws {
    let fixture = try Self.walFixture()
    #expect(WALSnapshot.needed(for: fixture.database) == nil)
  }

  @Test("A writer that appears during the read makes the read refused as locked")
  func aWriterDuringTheReadIsNoticed() throws {
    let fixture = try Self.walFixture()
    let stamp = try #require(WALSnapshot.stamp(fixture.database))
    try stamp.verifyUnchanged(fixture.database)
    // The app opens the database: its side files appear.
    let app = try DatabaseQueue(path: fixture.database)
    try app.write { db in
      try db.execute(
        sql: "INSERT INTO activity (user_id, kind, occurred_at) VALUES ('u1', 'play', 1767225600)")
    }
    let error = try #require(throws: EventStoreError.self) {
      try stamp.verifyUnchanged(fixture.database)
    }
    #expect(error.kind == .locked)
    #expect(error.hint.contains("run again"))
    try app.close()
  }
}
