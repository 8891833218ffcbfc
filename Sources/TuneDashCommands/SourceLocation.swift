import EventStore
import PostgresSource
import SQLiteSource

/// What `--db` names: an SQLite file (the default), or a PostgreSQL database when the text is a
/// `postgresql://` or `postgres://` URL. The one place commands open or create a source.
enum SourceLocation {
  /// Opens the source `db` names, read-only, with its contract checked.
  /// - Parameter busyTimeout: how long SQLite waits for a writer's lock.
  /// - Parameter partition: for a partition build, the listeners to read; PostgreSQL reads
  ///   only their rows (SQLite's rows are filtered as they are read).
  static func open(_ db: String, busyTimeout: Double = 10, partition: ListenerPartition? = nil)
    throws -> any EventSource
  {
    if ConnectionString.matches(db) {
      return try PostgresEventSource(url: db, partition: partition, warning: warn)
    }
    return try SourceDatabase(path: db, busyTimeout: busyTimeout)
  }

  /// Creates an empty schema v1 database (`init`); returns what to call it in messages.
  static func create(_ db: String) throws -> String {
    if ConnectionString.matches(db) {
      return try EmptyPostgresDatabase.create(url: db, warning: warn)
    }
    try EmptyDatabase.create(at: db)
    return db
  }

  private static func warn(_ line: String) {
    StandardStream.standardError.write("tunedash: warning: \(line)\n")
  }
}
