import EventStore
import Foundation
import SQLiteSource
import TestSupport
import Testing

@Suite("Opening sources and checking the contract")
struct SourceDatabaseTests {
  @Test func aMissingFileSaysHowToCreateOne() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("nope.sqlite").path
    let error = try #require(throws: EventStoreError.self) { try SourceDatabase(path: path) }
    #expect(error.kind == .missingFile)
    #expect(error.hint.contains("tunedash demo"))
    // Opening read-only never creates the file.
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func aFileThatIsNotSQLiteIsRejected() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("notes.sqlite").path
    try Data("these are my notes, not a database, and they are long enough to matter".utf8)
      .write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: EventStoreError.self) { try SourceDatabase(path: path) }
    #expect(error.kind == .notADatabase)
  }

  @Test func aMissingTableIsNamed() throws {
    let fixture = try Fixture(sql: "DROP TABLE feedback;")
    let error = try #require(throws: EventStoreError.self) {
      try SourceDatabase(path: fixture.database)
    }
    #expect(error.kind == .contractViolation)
    #expect(error.table == "feedback")
  }

  @Test func aMissingColumnIsNamed() throws {
    let fixture = try Fixture(sql: "ALTER TABLE activity DROP COLUMN query;")
    let error = try #require(throws: EventStoreError.self) {
      try SourceDatabase(path: fixture.database)
    }
    #expect(error.table == "activity")
    #expect(error.column == "query")
  }

  @Test func viewsCanStandInForTables() throws {
    let fixture = try Fixture(
      sql: """
        CREATE TABLE app_events (id INTEGER PRIMARY KEY, who TEXT, what TEXT, at INTEGER);
        INSERT INTO app_events VALUES (1, 'u1', 'play', 1767225600);
        DROP TABLE activity;
        CREATE VIEW activity AS SELECT id AS event_id, who AS user_id, what AS kind,
          at AS occurred_at, NULL AS query, NULL AS track_id FROM app_events;
        """)
    let source = try SourceDatabase(path: fixture.database)
    let check = try source.read { try $0.checkContract() }
    #expect(check.validActivity == 1)
  }

  @Test func readingLeavesTheFileAndItsFolderUntouched() throws {
    let fixture = try Fixture(sql: RowValidationTests.sql)
    let url = URL(fileURLWithPath: fixture.database)
    let before = try Data(contentsOf: url)
    let modified =
      try FileManager.default.attributesOfItem(atPath: fixture.database)[.modificationDate] as? Date
    let source = try SourceDatabase(path: fixture.database)
    _ = try source.read { reader in
      let check = try reader.checkContract()
      _ = try reader.trackDetails(["t1"])
      return check
    }
    #expect(try Data(contentsOf: url) == before)
    #expect(
      try FileManager.default.attributesOfItem(atPath: fixture.database)[.modificationDate] as? Date
        == modified)
    // No journal or WAL file appeared beside it.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path) == ["events.sqlite"])
  }
}
