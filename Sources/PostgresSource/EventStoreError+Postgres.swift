import EventStore
import Foundation
import PostgresNIO

extension EventStoreError {
  /// Turns a PostgresNIO error into one ``EventStoreError`` about `server` (naming `table` when
  /// the failing statement read one): what is wrong, and how to fix it.
  static func postgres(_ error: any Error, server: ServerAddress, table: String? = nil)
    -> EventStoreError
  {
    if let error = error as? EventStoreError { return error }
    let url = server.url
    let place = "\(url.host):\(url.port)"
    if error is ConnectionClosed {
      return lost(server: server, table: table)
    }
    guard let error = error as? PSQLError else {
      return EventStoreError(
        .unreachable, path: server.location,
        message: "cannot connect to PostgreSQL at \(place): \(error)",
        hint: "check the host, port and sslmode in --db")
    }
    switch error.code {
    case .server:
      return serverError(error, server: server, table: table)
    case .connectionError:
      let reason = error.underlying.map { "\($0)" } ?? "no answer"
      return EventStoreError(
        .unreachable, path: server.location,
        message: "cannot reach the PostgreSQL server at \(place) (\(reason))",
        hint: "check that the server is running and listening there, and the host and port in --db")
    case .sslUnsupported:
      return EventStoreError(
        .unreachable, path: server.location,
        message:
          "the PostgreSQL server at \(place) does not offer TLS, which sslmode=\(url.sslMode.rawValue) needs",
        hint:
          "enable ssl on the server, or use sslmode=prefer or disable in --db on a trusted network")
    case .authMechanismRequiresPassword:
      return EventStoreError(
        .accessDenied, path: server.location,
        message:
          "the PostgreSQL server at \(place) wants a password for user \(url.user), and none was given",
        hint:
          "set PGPASSWORD, or add a line host:port:database:user:password to ~/.pgpass (mode 0600)")
    case .unsupportedAuthMechanism, .saslError:
      return EventStoreError(
        .accessDenied, path: server.location,
        message: "cannot log in to PostgreSQL at \(place) as \(url.user) (\(error.code))",
        hint: "use password, md5 or scram-sha-256 authentication for this user in pg_hba.conf")
    case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
      return lost(server: server, table: table)
    default:
      return EventStoreError(
        .server, path: server.location,
        message: "PostgreSQL client error with \(place): \(error.code)",
        hint: "run `tunedash check --db URL` for details")
    }
  }

  /// Errors the server reported, by SQLSTATE.
  private static func serverError(_ error: PSQLError, server: ServerAddress, table: String?)
    -> EventStoreError
  {
    let url = server.url
    let place = "\(url.host):\(url.port)"
    let state = error.serverInfo?[.sqlState] ?? ""
    let text = error.serverInfo?[.message] ?? "unknown error"
    let failedTable = error.serverInfo?[.tableName] ?? table
    switch state {
    case "28P01", "28000":
      return EventStoreError(
        .accessDenied, path: server.location,
        message: "PostgreSQL at \(place) refused the login of user \(url.user) (\(text))",
        hint: "check the password in PGPASSWORD or ~/.pgpass (mode 0600), and pg_hba.conf")
    case "3D000":
      return EventStoreError(
        .missingFile, path: server.location,
        message: "database \(url.database) does not exist on the PostgreSQL server at \(place)",
        hint:
          "create it (createdb \(url.database)) and run `tunedash init --db URL`, or fix the name in --db"
      )
    case "42501":
      return EventStoreError(
        .accessDenied, path: server.location, table: failedTable,
        message:
          "user \(url.user) may not read \(failedTable.map { "`\($0)`" } ?? "a schema v1 table") in \(url.database) (\(text))",
        hint: "GRANT SELECT ON users, tracks, track_genres, activity, feedback TO \(url.user)")
    case "42P01":
      return EventStoreError(
        .contractViolation, path: server.location, table: failedTable,
        message:
          "\(url.database) on \(place) has no table \(failedTable.map { "`\($0)`" } ?? "of schema v1") (\(text))",
        hint:
          "run `tunedash init --db URL` on an empty database, or expose your tables as views with these names"
      )
    case "42703":
      return EventStoreError(
        .contractViolation, path: server.location, table: failedTable,
        message: "a schema v1 column is missing in \(url.database) on \(place) (\(text))",
        hint: "add the column, or a view that provides it")
    case "42P07":
      return EventStoreError(
        .alreadyExists, path: server.location, table: failedTable,
        message: "\(url.database) on \(place) already has schema v1 tables (\(text))",
        hint: "init creates the tables in an empty database; drop them or use another database")
    case _ where state.hasPrefix("08") || state.hasPrefix("57P"):
      return EventStoreError(
        .connectionLost, path: server.location,
        message:
          "the PostgreSQL server at \(place) ended the read\(table.map { " of `\($0)`" } ?? "") (\(text))",
        hint:
          "check that the server is up (it may have restarted), then run again; the old site is left as it was"
      )
    default:
      return EventStoreError(
        .server, path: server.location, table: failedTable,
        message:
          "PostgreSQL error from \(place)\(failedTable.map { " reading `\($0)`" } ?? ""): \(text) (SQLSTATE \(state))",
        hint: "run `tunedash check --db URL` for details")
    }
  }

  /// The connection closed in the middle of a read.
  private static func lost(server: ServerAddress, table: String?) -> EventStoreError {
    EventStoreError(
      .connectionLost, path: server.location,
      message:
        "the connection to PostgreSQL at \(server.url.host):\(server.url.port) was closed during the read\(table.map { " of `\($0)`" } ?? "")",
      hint:
        "check that the server is up (it may have restarted), then run again; the old site is left as it was"
    )
  }

  /// The server's rows of `table` were not in the form the query asked for: `columns` fields
  /// in binary format, as a record per row or an array per column.
  static func unreadableRow(server: ServerAddress, table: String, columns: Int) -> EventStoreError {
    EventStoreError(
      .server, path: server.location,
      message:
        "PostgreSQL at \(server.url.host):\(server.url.port) sent rows of `\(table)` that are not "
        + "\(columns) columns in binary format",
      hint:
        "check that --db names a PostgreSQL server (not a proxy that rewrites results), "
        + "then report it with the server's version")
  }

  /// The server sent the rows of `table` out of the order the query asked for. TuneDash asks
  /// for sorted rows gathered into arrays (`array_agg` over an ordered subquery), which
  /// PostgreSQL keeps in order; a server or proxy that does not is caught here, not counted.
  static func unorderedRows(server: ServerAddress, table: String) -> EventStoreError {
    EventStoreError(
      .server, path: server.location,
      message:
        "PostgreSQL at \(server.url.host):\(server.url.port) sent the rows of `\(table)` out of the "
        + "order TuneDash asked for",
      hint:
        "check that --db names a PostgreSQL server (not a proxy or fork that reorders results), "
        + "then report it with the server's version")
  }
}
