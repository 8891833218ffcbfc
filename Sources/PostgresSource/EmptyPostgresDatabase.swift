import EventStore
import Foundation

/// Creates the schema v1 tables and indexes in an existing PostgreSQL database:
/// `tunedash init --db postgresql://…`. The only place TuneDash writes to PostgreSQL, and it
/// needs a role that may create tables; builds need only `SELECT`.
public enum EmptyPostgresDatabase {
  /// Creates the five tables (``SchemaV1/statements(_:)`` in PostgreSQL's dialect) in one
  /// transaction: all of them or none.
  /// - Throws: ``EventStoreError``; ``EventStoreError/Kind-swift.enum/alreadyExists`` when a
  ///   table of the contract is already there.
  /// - Returns: the URI without its passwords.
  @discardableResult
  public static func create(url: String, warning: (String) -> Void = { _ in }) throws -> String {
    let string = try ConnectionString(url)
    let connection = try Connection(
      string, environment: ProcessInfo.processInfo.environment, warning: warning)
    try connection.execute("BEGIN")
    for statement in SchemaV1.statements(.postgresql) {
      // The statements are the contract's constants, never user text.
      try connection.execute(statement)
    }
    try connection.execute("COMMIT")
    return string.location
  }
}
