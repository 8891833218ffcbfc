import EventStore
import Foundation
import PostgresNIO

/// Creates the schema v1 tables and indexes in an existing PostgreSQL database:
/// `tunedash init --db postgresql://…`. The only place TuneDash writes to PostgreSQL, and it
/// needs a role that may create tables; builds need only `SELECT`.
public enum EmptyPostgresDatabase {
  /// Creates the five tables (``SchemaV1/statements(_:)`` in PostgreSQL's dialect) in one
  /// transaction: all of them or none.
  /// - Throws: ``EventStoreError``; ``EventStoreError/Kind-swift.enum/alreadyExists`` when a
  ///   table of the contract is already there.
  /// - Returns: the URL without its password.
  @discardableResult
  public static func create(
    url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    warning: (String) -> Void = { _ in }
  ) throws -> String {
    let server = ServerAddress(
      url: try PostgresEventSource.parse(url), environment: environment, warning: warning)
    let session = try Session.open(server)
    defer { session.close() }
    try session.execute("BEGIN")
    for statement in SchemaV1.statements(.postgresql) {
      // The statements are the contract's constants, never user text.
      try session.execute(PostgresQuery(unsafeSQL: statement))
    }
    try session.execute("COMMIT")
    return server.location
  }
}
