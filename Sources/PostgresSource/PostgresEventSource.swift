import EventStore
import Foundation
import PostgresNIO

/// A schema v1 database on a PostgreSQL server: the PostgreSQL ``EventSource``.
///
/// Every ``read(_:)`` opens its own connection and runs inside one
/// `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY` transaction, so every call on the reader
/// sees the same snapshot however much the app writes meanwhile, and nothing can be written.
/// A read-only role (`SELECT` on the five tables) is all it needs.
///
/// ```swift
/// let source = try PostgresEventSource(url: "postgresql://tunedash@db:5432/events?sslmode=require")
/// let cut = try source.read { try $0.cut() }
/// ```
public final class PostgresEventSource: EventSource {
  /// The URL without its password.
  public let location: String
  let server: ServerAddress
  /// With `build --partition`: only this partition's listeners are read from the event tables
  /// and `users`, the filter pushed into the queries (``ListenerPartition/sqlPredicate(column:)``)
  /// so that each process reads only its own rows — on a table hash-partitioned by `user_id`,
  /// only its own partition's. The cut and the latest time still cover the whole tables.
  public let partition: ListenerPartition?

  /// Checks `url`, looks up its password (the URL's, `PGPASSWORD`, or `~/.pgpass`), connects,
  /// and verifies the schema v1 tables and columns.
  ///
  /// - Parameter partition: the listeners to read, for a partition build (`nil`: everyone).
  /// - Parameter warning: told about a password file that is ignored for its permissions.
  /// - Throws: ``EventStoreError`` naming what is wrong (URL, server, login, database, table,
  ///   column) and how to fix it.
  public init(
    url: String, partition: ListenerPartition? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment, warning: (String) -> Void = { _ in }
  ) throws {
    server = ServerAddress(url: try Self.parse(url), environment: environment, warning: warning)
    location = server.location
    self.partition = partition
    try read { try $0.verifyContract() }
  }

  /// Runs `body` inside one read-only, repeatable-read transaction on a new connection, which
  /// is closed afterwards.
  public func read<T>(_ body: (PostgresReader) throws -> T) throws -> T {
    let session = try Session.open(server)
    defer { session.close() }
    try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    let result = try body(PostgresReader(session: session, partition: partition))
    try session.execute("COMMIT")
    return result
  }

  /// Parses a `--db` URL.
  /// - Throws: ``EventStoreError`` saying what is wrong with it (the text is shown without
  ///   anything after the user name, which may hold a password).
  static func parse(_ text: String) throws -> PostgresURL {
    do {
      return try PostgresURL(text)
    } catch {
      throw EventStoreError(
        .notADatabase, path: "--db", message: "cannot read the PostgreSQL URL in --db: \(error.message)",
        hint: "use postgresql://USER@HOST:PORT/DBNAME?sslmode=prefer, with the password in PGPASSWORD or ~/.pgpass")
    }
  }
}
