import EventStore
import Foundation
import GRDB
import SQLiteSource

/// A real SQLite database in a fresh temporary folder, built from SQL written in the test.
///
/// ```swift
/// let fixture = try Fixture(sql: "INSERT INTO users VALUES ('u1', 'Ann', 'ann@example.com', 0);")
/// let source = try SourceDatabase(path: fixture.database)
/// ```
public final class Fixture: Sendable {
  /// The temporary folder (removed when the fixture is released).
  public let folder: URL
  /// The database file inside it.
  public let database: String

  /// Creates the schema v1 tables (with `tunedash init`'s code) unless `schema` is false, then
  /// runs `sql`.
  public init(schema: Bool = true, sql: String = "") throws {
    folder = try TemporaryFolder.make()
    database = folder.appendingPathComponent("events.sqlite").path
    if schema {
      try EmptyDatabase.create(at: database)
    }
    if !sql.isEmpty {
      let queue = try DatabaseQueue(path: database)
      try queue.write { db in try db.execute(sql: sql) }
      try queue.close()
    }
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// Runs more SQL on the database (as the app would, never through TuneDash).
  public func execute(_ sql: String) throws {
    let queue = try DatabaseQueue(path: database)
    try queue.write { db in try db.execute(sql: sql) }
    try queue.close()
  }

  /// A path inside the fixture's folder.
  public func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

/// Fresh temporary folders for tests, removed when the test process exits (also those of tests
/// that failed), so runs leave nothing behind in the temporary directory.
public enum TemporaryFolder {
  /// Creates an empty folder under the system's temporary directory.
  public static func make() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("tunedash-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    CreatedFolders.shared.add(url)
    return url
  }
}

/// The folders ``TemporaryFolder`` made, to remove at exit.
private final class CreatedFolders: @unchecked Sendable {
  static let shared = CreatedFolders()
  private let lock = NSLock()
  private var folders: [URL] = []

  private init() {
    atexit { CreatedFolders.shared.removeAll() }
  }

  func add(_ url: URL) {
    lock.withLock { folders.append(url) }
  }

  func removeAll() {
    for url in lock.withLock({ folders }) { try? FileManager.default.removeItem(at: url) }
  }
}
