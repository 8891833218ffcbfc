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
    do {
      for statement in SchemaV1.statements(.postgresql) {
        // The statements are the contract's constants, never user text.
        try connection.execute(statement)
      }
    } catch let error as EventStoreError where error.kind == .accessDenied {
      // The server's reason is the message's last parenthesis; the build's advice (GRANT
      // SELECT) is not what `init` needs.
      let place = connection.place
      let reason = error.message.range(of: " (", options: .backwards).map {
        String(error.message[$0.upperBound...].dropLast())
      }
      throw EventStoreError(
        .accessDenied, path: place.location,
        message:
          "user \(place.user) may not create the schema v1 tables in \(place.database)"
          + (reason.map { " (\($0))" } ?? ""),
        hint:
          "run `tunedash init` as the database's owner, or GRANT CREATE ON SCHEMA public TO \(place.user)"
      )
    }
    try connection.execute("COMMIT")
    return string.location
  }
}
