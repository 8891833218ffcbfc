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
  /// - Parameter silence: how long the server may send nothing while a statement waits for it.
  /// - Returns: the URI without its passwords.
  @discardableResult
  public static func create(
    url: String, silence: SilenceLimit = .standard, warning: (String) -> Void = { _ in }
  ) throws -> String {
    let string = try ConnectionString(url)
    let connection = try Connection(
      string, environment: ProcessInfo.processInfo.environment, silence: silence,
      warning: warning)
    // A role that may not create tables in its schema is told so before anything is tried:
    // the builds' advice for a refused statement (GRANT SELECT) is not what `init` needs.
    let refused = try connection.execute(
      "SELECT current_schema() WHERE NOT has_schema_privilege(current_schema(), 'CREATE')")
    if refused.count > 0, case .text(let name) = refused.value(0, 0) {
      let (place, schema) = (connection.place, String(decoding: name, as: UTF8.self))
      throw EventStoreError(
        .accessDenied, path: place.location,
        message:
          "user \(place.user) may not create the schema v1 tables in \(place.database) (no CREATE on schema \(schema))",
        hint:
          "run `tunedash init` as the database's owner, or GRANT CREATE ON SCHEMA \(schema) TO \(place.user)"
      )
    }
    try connection.execute("BEGIN")
    for statement in SchemaV1.statements(.postgresql) {
      // The statements are the contract's constants, never user text.
      try connection.execute(statement)
    }
    try connection.execute("COMMIT")
    return string.location
  }
}
