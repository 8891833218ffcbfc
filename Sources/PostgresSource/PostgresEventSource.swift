import EventStore
import Foundation

/// A schema v1 database on a PostgreSQL server, read through libpq: the PostgreSQL
/// ``EventSource``.
///
/// Every ``read(_:)`` opens its own connection and runs inside one
/// `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY` transaction, so every call on the reader
/// sees the same snapshot however much the app writes meanwhile, and nothing can be written.
/// A read-only role (`SELECT` on the five tables) is all it needs.
///
/// ```swift
/// let source = try PostgresEventSource(url: "postgresql:///events?host=/var/run/postgresql")
/// let cut = try source.read { try $0.cut() }
/// ```
public final class PostgresEventSource: EventSource {
  /// The connection URI without its passwords.
  public var location: String { connectionString.location }
  let connectionString: ConnectionString
  /// With `build --partition`: only this partition's listeners are read from the event tables
  /// and `users`, the filter pushed into the queries (``ListenerPartition/sqlPredicate(column:)``)
  /// so that each process reads only its own rows — on a table hash-partitioned by `user_id`,
  /// only its own partition's. The cut and the latest time still cover the whole tables.
  public let partition: ListenerPartition?
  /// How long a read waits for a lock another session holds on a table it reads (a migration's
  /// `ALTER TABLE`, a `TRUNCATE`, a `VACUUM FULL`) before it gives up: the transaction's
  /// `lock_timeout`, so that a scheduled build ends with ``EventStoreError/Kind-swift.enum/locked``
  /// instead of waiting behind the lock for as long as it is held.
  public let lockWait: Double
  /// How long the server may send nothing while a read waits for it (``SilenceLimit``), never
  /// shorter than ``lockWait`` and a margin.
  public let silence: SilenceLimit

  /// Parses `url` (any libpq connection URI), connects, and verifies the schema v1 tables and
  /// columns. libpq takes what the URI leaves out from the `PG…` environment variables, a
  /// service file and the password file, as `psql` does.
  ///
  /// - Parameter partition: the listeners whose rows id-range reads and the `users` table
  ///   return, for a partition build (`nil`: everyone); time slices are read whole, for the
  ///   whole tables' default as-of time.
  /// - Parameter lockWait: seconds to wait for another session's lock on a table (``lockWait``).
  /// - Parameter silence: how long the server may send nothing while a read waits for it.
  /// - Parameter warning: told about a password file that is ignored for its permissions.
  /// - Throws: ``EventStoreError`` naming what is wrong (URI, server, login, database, table,
  ///   column) and how to fix it.
  public init(
    url: String, partition: ListenerPartition? = nil, lockWait: Double = 10,
    silence: SilenceLimit = .standard, warning: (String) -> Void = { _ in }
  ) throws {
    connectionString = try ConnectionString(url)
    self.partition = partition
    self.lockWait = lockWait
    self.silence = silence.covering(lockWait: lockWait)
    try transaction(warning: warning) { try $0.verifyContract() }
  }

  /// Runs `body` inside one read-only, repeatable-read transaction on a new connection, which
  /// is closed afterwards.
  public func read<T>(_ body: (PostgresReader) throws -> T) throws -> T {
    try transaction(warning: { _ in }, body)
  }

  /// ``read(_:)``, telling `warning` what connecting found worth a warning.
  private func transaction<T>(
    warning: (String) -> Void, _ body: (PostgresReader) throws -> T
  ) throws -> T {
    let connection = try Connection(
      connectionString, environment: ProcessInfo.processInfo.environment, silence: silence,
      warning: warning)
    try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    // --db-wait 0 means "not at all": a millisecond, since PostgreSQL reads 0 as "for ever".
    try connection.execute("SET LOCAL lock_timeout = \(Milliseconds.clamped(lockWait))")
    let result = try body(PostgresReader(connection: connection, partition: partition))
    try connection.execute("COMMIT")
    return result
  }
}
