import EventStore
import Foundation

extension EventStoreError {
  /// Why a connection failed, from libpq's message (a line per host tried, each with its
  /// reason): what is wrong, and how to fix it. With several hosts, the most telling reason
  /// decides (a bad URI, then a missing password, a missing database, a refused login, TLS,
  /// and last an unreachable server), naming the host that gave it. libpq reports a failed
  /// login without an SQLSTATE, so its English text is matched; anything unrecognised is
  /// reported as unreachable, quoting it.
  static func connecting(_ libpqMessage: String, place: ServerPlace) -> EventStoreError {
    let attempts = Self.attempts(libpqMessage)
    let classified = attempts.map { (attempt: $0, failure: ConnectFailure($0.reason)) }
    guard let worst = classified.max(by: { $0.failure < $1.failure }) else {
      return unreachable(reason(libpqMessage), place: place)
    }
    let reason = worst.attempt.reason
    // The host that gave the reason: the last one tried is what `place` names.
    let server = attempts.count > 1 ? worst.attempt.name ?? place.name : place.name
    switch worst.failure {
    case .badURI:
      return ConnectionString.problem(reason)
    case .noPassword:
      return EventStoreError(
        .accessDenied, path: place.location,
        message:
          "the PostgreSQL server at \(server) wants a password for user \(place.user), and none was given",
        hint:
          "set PGPASSWORD, or add a line host:port:database:user:password to ~/.pgpass (mode 0600)")
    case .missingDatabase:
      return EventStoreError(
        .missingFile, path: place.location,
        message: "database \(place.database) does not exist on the PostgreSQL server at \(server)",
        hint:
          "create it (createdb \(place.database)) and run `tunedash init --db URI`, or fix the name in --db"
      )
    case .clientCertificate:
      return EventStoreError(
        .accessDenied, path: place.location,
        message: "PostgreSQL at \(server) refused the login of user \(place.user) (\(reason))",
        hint:
          "check sslcert and sslkey in --db (the key readable by this user only), and that the certificate's name is the user's"
      )
    case .loginRefused:
      return EventStoreError(
        .accessDenied, path: place.location,
        message: "PostgreSQL at \(server) refused the login of user \(place.user) (\(reason))",
        hint:
          "check the password in PGPASSWORD or ~/.pgpass (mode 0600), the user in --db, and pg_hba.conf"
      )
    case .tls:
      return EventStoreError(
        .unreachable, path: place.location,
        message: "cannot open a TLS connection to PostgreSQL at \(server) (\(reason))",
        hint:
          "check sslmode, sslrootcert (the file must exist and hold the server's CA), sslcert and sslkey in --db, "
          + "that the host name in --db is one the server's certificate names, or the server's ssl settings"
      )
    case .unreachable where attempts.count > 1:
      return EventStoreError(
        .unreachable, path: place.location,
        message:
          "cannot reach PostgreSQL at any address --db names ("
          + attempts.map { "\($0.server): \($0.reason)" }.joined(separator: "; ") + ")",
        hint:
          "check that the server is running and listening there, and the hosts and ports in --db")
    case .unreachable:
      return unreachable(reason, place: place)
    }
  }

  /// A server that could not be reached, for `reason`.
  private static func unreachable(_ reason: String, place: ServerPlace) -> EventStoreError {
    EventStoreError(
      .unreachable, path: place.location,
      message: "cannot reach the PostgreSQL server at \(place.name) (\(reason))",
      hint: "check that the server is running and listening there, and the host and port in --db")
  }

  /// Each server libpq tried, as its message names it (`at "db1", port 5432`, `on socket
  /// "/run/postgresql/.s.PGSQL.5432"`, or a host name it could not resolve), with why it
  /// failed: a line each in libpq's message, the indented lines after one its advice. A line
  /// that names no server (an option libpq refused before connecting) is one attempt too.
  static func attempts(_ message: String) -> [ConnectAttempt] {
    let prefix = "connection to server "
    return message.split(whereSeparator: \.isNewline).compactMap { line in
      guard let first = line.first, !first.isWhitespace else { return nil }
      if line.hasPrefix(prefix), let failed = line.range(of: " failed: ") {
        return ConnectAttempt(
          server: String(line.dropFirst(prefix.count)[..<failed.lowerBound]),
          reason: reason(String(line)))
      }
      let unresolved = "could not translate host name \""
      if line.hasPrefix(unresolved), let end = line.dropFirst(unresolved.count).firstIndex(of: "\"")
      {
        let host = line[line.index(line.startIndex, offsetBy: unresolved.count)..<end]
        return ConnectAttempt(server: "at \"\(host)\"", reason: reason(String(line)))
      }
      return ConnectAttempt(server: "", reason: reason(String(line)))
    }
  }

  /// An error the server reported for a statement, by SQLSTATE.
  static func server(state: String, message text: String, table: String?, place: ServerPlace)
    -> EventStoreError
  {
    switch state {
    case "42501":
      return EventStoreError(
        .accessDenied, path: place.location, table: table,
        message:
          "user \(place.user) may not read \(table.map { "`\($0)`" } ?? "a schema v1 table") in \(place.database) (\(text))",
        hint: "GRANT SELECT ON users, tracks, track_genres, activity, feedback TO \(place.user)")
    case "42P01":
      return EventStoreError(
        .contractViolation, path: place.location, table: table,
        message:
          "\(place.database) on \(place.name) has no table \(table.map { "`\($0)`" } ?? "of schema v1") (\(text))",
        hint:
          "run `tunedash init --db URI` on an empty database, or expose your tables as views with these names"
      )
    case "42703":
      return EventStoreError(
        .contractViolation, path: place.location, table: table,
        message: "a schema v1 column is missing in \(place.database) on \(place.name) (\(text))",
        hint: "add the column, or a view that provides it")
    case "42P07":
      return EventStoreError(
        .alreadyExists, path: place.location, table: table,
        message: "\(place.database) on \(place.name) already has schema v1 tables (\(text))",
        hint: "init creates the tables in an empty database; drop them or use another database")
    case "55P03":
      return EventStoreError(
        .locked, path: place.location, table: table,
        message:
          "\(table.map { "`\($0)`" } ?? "a schema v1 table") in \(place.database) on \(place.name) is locked by another session (\(text))",
        hint:
          "a migration, TRUNCATE or VACUUM FULL holds it; run again when it ends (build, merge and cut wait longer with --db-wait SECONDS)"
      )
    case _ where state.hasPrefix("08") || state.hasPrefix("57P"):
      return EventStoreError(
        .connectionLost, path: place.location,
        message:
          "the PostgreSQL server at \(place.name) ended the read\(table.map { " of `\($0)`" } ?? "") (\(text))",
        hint:
          "check that the server is up (it may have restarted), then run again; the old site is left as it was"
      )
    case "42883", "42804":
      // An operator or cast the query needs does not exist for a column's type: `occurred_at`
      // stored as TEXT, say. A column's type holds for every row, so the read fails as a whole.
      return EventStoreError(
        .contractViolation, path: place.location, table: table,
        message:
          "a column of \(table.map { "`\($0)`" } ?? "a schema v1 table") in \(place.database) on \(place.name) has a type schema v1 does not allow (\(text))",
        hint:
          "give it the type `tunedash init --db URI` creates (BIGINT for ids and occurred_at, DOUBLE PRECISION for audio features, TEXT for the rest), or a view that casts it"
      )
    default:
      return EventStoreError(
        .server, path: place.location, table: table,
        message:
          "PostgreSQL error from \(place.name)\(table.map { " reading `\($0)`" } ?? ""): \(text) (SQLSTATE \(state))",
        hint:
          "the server's log has the statement and its context; the tables must follow schema v1 (README, \"The input contract\")"
      )
    }
  }

  /// The connection failed in the middle of a read.
  static func lost(place: ServerPlace, table: String?, reason: String) -> EventStoreError {
    EventStoreError(
      .connectionLost, path: place.location,
      message:
        "the connection to PostgreSQL at \(place.name) was closed during the read\(table.map { " of `\($0)`" } ?? "")"
        + (reason.isEmpty ? "" : " (\(Self.reason(reason)))"),
      hint:
        "check that the server is up (it may have restarted), then run again; the old site is left as it was"
    )
  }

  /// The server sent nothing for the silence limit while a read waited for it.
  static func silent(place: ServerPlace, table: String?, limit: SilenceLimit) -> EventStoreError {
    EventStoreError(
      .connectionLost, path: place.location, table: table,
      message:
        "PostgreSQL at \(place.name) sent nothing for \(limit.text) during the read\(table.map { " of `\($0)`" } ?? ""); its cancel was requested",
      hint:
        "check the server (pg_stat_activity shows what the read's session waits on), then run again; "
        + "TUNEDASH_PG_SILENCE=SECONDS waits longer; the old site is left as it was")
  }

  /// The server's rows of `table` were not in the form asked for: binary COPY data with the
  /// columns its query selects.
  static func unreadableRows(place: ServerPlace, table: String) -> EventStoreError {
    EventStoreError(
      .server, path: place.location,
      message:
        "PostgreSQL at \(place.name) sent rows of `\(table)` that are not in the binary form TuneDash asked for",
      hint:
        "check that --db names a PostgreSQL server (not a proxy that rewrites results), "
        + "then report it with the server's version")
  }

  /// The server sent the rows of `table` out of the order the query asked for (`ORDER BY` the
  /// id, or the track id in byte order). PostgreSQL keeps it; a server or proxy that does not is
  /// caught here, not counted.
  static func unorderedRows(place: ServerPlace, table: String) -> EventStoreError {
    EventStoreError(
      .server, path: place.location,
      message:
        "PostgreSQL at \(place.name) sent the rows of `\(table)` out of the order TuneDash asked for",
      hint:
        "check that --db names a PostgreSQL server (not a proxy or fork that reorders results), "
        + "then report it with the server's version")
  }

  /// The first line of a libpq message without libpq's framing: `connection to server at …
  /// failed: FATAL:  password authentication failed …` becomes `password authentication
  /// failed …`.
  static func reason(_ message: String) -> String {
    var line = Substring(ConnectionString.firstLine(message))
    if line.hasPrefix("connection to server"), let failed = line.range(of: " failed: ") {
      line = line[failed.upperBound...]
    }
    for severity in ["FATAL:", "ERROR:"] where line.hasPrefix(severity) {
      line = line.dropFirst(severity.count)
    }
    return line.trimmingCharacters(in: .whitespaces)
  }
}
