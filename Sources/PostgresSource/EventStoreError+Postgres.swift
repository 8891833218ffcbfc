import EventStore
import Foundation

extension EventStoreError {
  /// Why a connection failed, from libpq's message (which may hold a line per host tried): what
  /// is wrong, and how to fix it. libpq reports a failed login without an SQLSTATE, so its
  /// English text is matched; anything unrecognised is reported as unreachable, quoting it.
  static func connecting(_ libpqMessage: String, place: ServerPlace) -> EventStoreError {
    let reason = Self.reason(libpqMessage)
    let lowered = reason.lowercased()
    let has = { (words: String) in lowered.contains(words) }
    // Values libpq checks before it connects (`sslmode=bogus`, a port that is no number, a
    // service the service file lacks): the URI is wrong, not the server away.
    if (has("invalid ") && (has(" value") || has("connection option")))
      || has("definition of service") || has("service file")
    {
      return ConnectionString.problem(reason)
    }
    if has("no password supplied") {
      return EventStoreError(
        .accessDenied, path: place.location,
        message:
          "the PostgreSQL server at \(place.name) wants a password for user \(place.user), and none was given",
        hint:
          "set PGPASSWORD, or add a line host:port:database:user:password to ~/.pgpass (mode 0600)")
    }
    if has("database \"") && has("does not exist") {
      return EventStoreError(
        .missingFile, path: place.location,
        message:
          "database \(place.database) does not exist on the PostgreSQL server at \(place.name)",
        hint:
          "create it (createdb \(place.database)) and run `tunedash init --db URI`, or fix the name in --db"
      )
    }
    if has("client certificate") || has("certificate authentication failed") {
      return EventStoreError(
        .accessDenied, path: place.location,
        message: "PostgreSQL at \(place.name) refused the login of user \(place.user) (\(reason))",
        hint:
          "check sslcert and sslkey in --db (the key readable by this user only), and that the certificate's name is the user's"
      )
    }
    if has("authentication failed") || has("role \"") || has("pg_hba.conf")
      || has("permission denied")
    {
      return EventStoreError(
        .accessDenied, path: place.location,
        message: "PostgreSQL at \(place.name) refused the login of user \(place.user) (\(reason))",
        hint:
          "check the password in PGPASSWORD or ~/.pgpass (mode 0600), the user in --db, and pg_hba.conf"
      )
    }
    if has("ssl") {
      return EventStoreError(
        .unreachable, path: place.location,
        message: "cannot open a TLS connection to PostgreSQL at \(place.name) (\(reason))",
        hint: "check sslmode, sslrootcert, sslcert and sslkey in --db, or the server's ssl settings"
      )
    }
    let hosts = Self.attempts(libpqMessage)
    if hosts.count > 1 {
      return EventStoreError(
        .unreachable, path: place.location,
        message:
          "cannot reach PostgreSQL at any address --db names ("
          + hosts.map { "\($0.server): \($0.reason)" }.joined(separator: "; ") + ")",
        hint:
          "check that the server is running and listening there, and the hosts and ports in --db")
    }
    return EventStoreError(
      .unreachable, path: place.location,
      message: "cannot reach the PostgreSQL server at \(place.name) (\(reason))",
      hint: "check that the server is running and listening there, and the host and port in --db")
  }

  /// Each server libpq tried, as its message names it (`at "db1", port 5432`, `on socket
  /// "/run/postgresql/.s.PGSQL.5432"`), with why it failed: a line each in libpq's message.
  static func attempts(_ message: String) -> [(server: String, reason: String)] {
    let prefix = "connection to server "
    return message.split(whereSeparator: \.isNewline).compactMap { line in
      guard line.hasPrefix(prefix), let failed = line.range(of: " failed: ") else { return nil }
      return (String(line.dropFirst(prefix.count)[..<failed.lowerBound]), reason(String(line)))
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
    default:
      return EventStoreError(
        .server, path: place.location, table: table,
        message:
          "PostgreSQL error from \(place.name)\(table.map { " reading `\($0)`" } ?? ""): \(text) (SQLSTATE \(state))",
        hint: "run `tunedash check --db URI` for details")
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
