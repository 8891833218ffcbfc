import CLibPQ
import EventStore
import Foundation

/// A `--db` value naming a PostgreSQL database: a libpq connection URI
/// (`postgresql://` or `postgres://`), handed to libpq as it is.
///
/// Everything `PQconnectdb` accepts works — every URI parameter libpq documents (`sslmode`,
/// `sslrootcert`, `sslcert`, `sslkey`, `connect_timeout`, `target_session_attrs`, several hosts,
/// `host=/path` for a Unix socket, …), the `PG…` environment variables, service files and the
/// password file, with libpq's own rules. TuneDash adds only four things: a location to print
/// that never holds a password (``location``), a connect timeout of ``defaultConnectTimeout``
/// seconds when neither the URI nor `PGCONNECT_TIMEOUT` sets one, TCP keepalives that notice a
/// dead server within minutes (``keepalives``), and its own one-line warning, instead of
/// libpq's, for a password file that libpq ignores for its permissions.
///
/// ```swift
/// let db = try ConnectionString("postgresql:///events?host=/var/run/postgresql")
/// db.location  // "postgresql:///events?host=/var/run/postgresql"
/// ```
public struct ConnectionString: Sendable, Equatable {
  /// The text as given.
  let text: String
  /// The values the text itself sets (libpq's parse of it), by keyword.
  let options: [String: String]
  /// The text without its passwords: what messages print.
  public let location: String

  /// Seconds a connection attempt may take when nothing else says (libpq's own default waits
  /// for ever, which a scheduled build must not).
  static let defaultConnectTimeout = "10"

  /// TCP keepalive probes after a minute of silence, every 10 s, 6 unanswered ones ending the
  /// connection: a server whose host died, or a network that dropped the connection, ends the
  /// read within about two minutes (exit 69) instead of the system's two hours and more, which
  /// would hold a scheduled build, and its folder lock, that long. The URI may set others.
  static let keepalives = [
    ("keepalives_idle", "60"), ("keepalives_interval", "10"), ("keepalives_count", "6"),
  ]

  /// Whether `text` names a PostgreSQL database rather than an SQLite path.
  public static func matches(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// Parses `text` with libpq.
  /// - Throws: ``EventStoreError`` quoting libpq's reason when it cannot parse it.
  public init(_ text: String) throws(EventStoreError) {
    guard Self.matches(text) else {
      throw Self.problem("not a postgresql:// or postgres:// URI")
    }
    guard !Self.cutsPasswordShort(text) else {
      throw Self.problem(
        "a `/` before the `@` is not percent-encoded, so libpq would read the password's pieces as a host, port and database "
          + "(write `/` in a password as %2F, and `@` in a database name as %40)")
    }
    var failure: UnsafeMutablePointer<CChar>?
    guard let parsed = PQconninfoParse(text, &failure) else {
      let reason = failure.map { String(cString: $0) } ?? "libpq could not parse it"
      if let failure { PQfreemem(failure) }
      // libpq quotes the URI, or the piece it stumbled on, which may be the password.
      throw Self.problem(Self.withoutPasswords(in: Self.firstLine(reason), of: text))
    }
    defer { PQconninfoFree(parsed) }
    var options: [String: String] = [:]
    var option = parsed
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val {
        options[String(cString: keyword)] = String(cString: value)
      }
      option += 1
    }
    self.text = text
    self.options = options
    location = Self.withoutPasswords(text)
  }

  /// The keywords and values for `PQconnectdbParams`, in order: TuneDash's defaults first (the
  /// URI overrides them), then the URI, then what TuneDash needs (a password file libpq would
  /// ignore with a warning of its own replaced by a missing one, and UTF-8 text). A default
  /// the connection's service sets (``ServiceFile``) is left out: libpq lets any value given
  /// here override the service's, where the URI's own values override the service's anyway.
  func parameters(environment: [String: String], warning: (String) -> Void) -> [(String, String)] {
    let service = serviceKeywords(environment: environment)
    var parameters: [(String, String)] = [("fallback_application_name", "tunedash")]
    if environment["PGCONNECT_TIMEOUT"]?.isEmpty ?? true, service["connect_timeout"] == nil {
      parameters.append(("connect_timeout", Self.defaultConnectTimeout))
    }
    parameters += Self.keepalives.filter { service[$0.0] == nil }
    parameters.append(("dbname", text))
    if let (path, problem) = ignoredPasswordFile(environment: environment, service: service) {
      switch problem {
      case .othersCanRead:
        warning(
          "password file \(path) has group or world access and is ignored (chmod 0600 \(path))")
      case .notAFile:
        warning("password file \(path) is not a plain file and is ignored (check PGPASSFILE)")
      }
      // libpq skips a missing file without a word; its own warning would be a second,
      // unformatted line. After the URI, whose own `passfile` would count otherwise.
      parameters.append(("passfile", "/nonexistent/tunedash-ignored-passfile"))
    }
    parameters.append(("client_encoding", "UTF8"))
    return parameters
  }

  /// What the connection's service sets, when the URI or `PGSERVICE` names one.
  func serviceKeywords(environment: [String: String]) -> [String: String] {
    guard let name = options["service"] ?? environment["PGSERVICE"], !name.isEmpty else {
      return [:]
    }
    return ServiceFile.keywords(of: name, environment: environment)
  }

  /// Why libpq would ignore a password file.
  enum PasswordFileProblem: Equatable {
    /// The group or others may read it.
    case othersCanRead
    /// It is a folder, a device or anything but a regular file.
    case notAFile
  }

  /// The password file libpq would read and then ignore, with a warning of its own, and why
  /// (libpq reads it only when no password is given — by the URI, the `service`'s keywords or
  /// `PGPASSWORD`): `passfile` in the URI, then in the service, `PGPASSFILE`, or `~/.pgpass`.
  /// A file that does not exist is skipped by libpq without a word.
  func ignoredPasswordFile(environment: [String: String], service: [String: String])
    -> (String, PasswordFileProblem)?
  {
    let given = [options["password"], service["password"], environment["PGPASSWORD"]]
    if given.contains(where: { $0?.isEmpty == false }) { return nil }
    let path =
      options["passfile"] ?? service["passfile"] ?? environment["PGPASSFILE"]
      ?? environment["HOME"].map { $0 + "/.pgpass" }
    guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
      return nil
    }
    guard attributes[.type] as? FileAttributeType == .typeRegular else { return (path, .notAFile) }
    let mode = attributes[.posixPermissions] as? Int ?? 0
    return mode & 0o077 != 0 ? (path, .othersCanRead) : nil
  }

  /// `text` with the password of its user part (however libpq may read that part: to the first
  /// `@` before the path, past a `?`) and its `password` and `sslpassword` parameters left out.
  static func withoutPasswords(_ text: String) -> String {
    guard let scheme = text.range(of: "://") else { return text }
    var rest = text[scheme.upperBound...]
    var query = ""
    if let mark = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: mark)...])
      rest = rest[..<mark]
    }
    var authority = rest.prefix { $0 != "/" }
    let path = rest.dropFirst(authority.count)
    if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
      authority = authority[..<colon] + authority[at...]
    }
    let kept = query.split(separator: "&").filter { parameter in
      let name = parameter.prefix { $0 != "=" }.removingPercentEncoding?.lowercased() ?? ""
      return name != "password" && name != "sslpassword"
    }
    var location = String(
      text[..<scheme.upperBound] + authority + path
        + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&")))
    // A user part libpq reads otherwise — past a `?`, or to an earlier `@` — goes too.
    for secret in userSecrets(of: text) where !secret.isEmpty {
      location = location.replacingOccurrences(of: ":\(secret)@", with: "@")
    }
    return location
  }

  /// `message` with every password `text` may hold (``secrets(of:)``, as written and
  /// percent-decoded) replaced by `****`, and `text` itself by ``withoutPasswords(_:)``: for
  /// libpq's messages, which may quote either.
  static func withoutPasswords(in message: String, of text: String) -> String {
    var result = message.replacingOccurrences(of: text, with: withoutPasswords(text))
    let forms = secrets(of: text).flatMap { [String($0), $0.removingPercentEncoding] }
      .compactMap { $0 }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    for form in forms { result = result.replacingOccurrences(of: form, with: "****") }
    return result
  }

  /// The passwords `text` may hold, as written: the user part's, whichever `@` before the
  /// path ends it (libpq takes the first; a mistyped URI may mean a later one), and the value
  /// of every `password` or `sslpassword` parameter, wherever a `?` or `&` starts it.
  static func secrets(of text: String) -> [Substring] {
    guard let scheme = text.range(of: "://") else { return [] }
    let rest = text[scheme.upperBound...]
    var found = userSecrets(of: text)
    for parameter in rest.split(whereSeparator: { $0 == "?" || $0 == "&" }) {
      let name = parameter.prefix { $0 != "=" }
      guard name.count < parameter.count,
        ["password", "sslpassword"].contains(name.removingPercentEncoding?.lowercased() ?? "")
      else { continue }
      found.append(parameter.dropFirst(name.count + 1))
    }
    return found
  }

  /// The user part's password, for each `@` before the path that may end the user part.
  static func userSecrets(of text: String) -> [Substring] {
    guard let scheme = text.range(of: "://") else { return [] }
    let beforePath = text[scheme.upperBound...].prefix { $0 != "/" }
    guard let colon = beforePath.firstIndex(of: ":") else { return [] }
    return beforePath.indices.filter { beforePath[$0] == "@" && $0 > colon }.map {
      beforePath[beforePath.index(after: colon)..<$0]
    }
  }

  /// Whether `text` holds a `/` that libpq would take for the start of the path where its
  /// writer meant a password: libpq's user part ends at the first `@` or `/`, and here a `/`
  /// comes first, after a `:`, with an `@` after it before any `?` — `u:pass/word@host/db`.
  /// libpq would read the password's pieces as a host, a port and a database, and print them.
  static func cutsPasswordShort(_ text: String) -> Bool {
    guard let scheme = text.range(of: "://") else { return false }
    let rest = text[scheme.upperBound...]
    guard let stop = rest.firstIndex(where: { $0 == "@" || $0 == "/" }), rest[stop] == "/",
      rest[..<stop].contains(":")
    else { return false }
    return rest[stop...].prefix { $0 != "?" }.contains("@")
  }

  /// An unreadable `--db`, with libpq's reason.
  static func problem(_ reason: String) -> EventStoreError {
    EventStoreError(
      .notADatabase, path: "--db",
      message: "cannot read the PostgreSQL connection URI in --db: \(reason)",
      hint:
        "use postgresql://USER@HOST:PORT/DBNAME?sslmode=prefer (or postgresql:///DBNAME?host=/var/run/postgresql), "
        + "with the password in PGPASSWORD or ~/.pgpass")
  }

  /// The first line of a libpq message, without its trailing blank.
  static func firstLine(_ message: String) -> String {
    String(message.split(whereSeparator: \.isNewline).first ?? "")
      .trimmingCharacters(in: .whitespaces)
  }
}
