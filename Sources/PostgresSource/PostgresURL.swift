import Foundation

/// A `--db` value naming a PostgreSQL database, in libpq's URL form:
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=MODE]` (or `postgres://`).
///
/// The password is taken, in this order, from the URL, `PGPASSWORD`, or the password file
/// (``PassFile``); it never appears in ``location``, which is what messages print.
///
/// ```swift
/// let url = try PostgresURL("postgresql://tunedash@db.internal:5432/events?sslmode=require")
/// url.location  // "postgresql://tunedash@db.internal:5432/events?sslmode=require"
/// ```
public struct PostgresURL: Sendable, Equatable {
  /// How the connection uses TLS, as libpq's `sslmode` names it.
  public enum SSLMode: String, Sendable, CaseIterable {
    /// Never TLS.
    case disable
    /// TLS if the server offers it, else plain (libpq's `allow` and `prefer`, and the default).
    case prefer
    /// TLS or fail, without checking the server's certificate (libpq's `require`).
    case require
    /// TLS or fail, checking the certificate chain and the host name (libpq's `verify-ca`
    /// and `verify-full` are both this).
    case verifyFull = "verify-full"
  }

  /// The role to log in as.
  public var user: String
  /// The password written in the URL itself, if any (discouraged: prefer `PGPASSWORD` or
  /// `~/.pgpass`).
  public var password: String?
  /// The server's host name or address.
  public var host: String
  /// The server's port.
  public var port: Int
  /// The database name.
  public var database: String
  /// The TLS mode.
  public var sslMode: SSLMode

  /// Whether `text` is a PostgreSQL URL rather than an SQLite path.
  public static func matches(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// Parses `text`.
  /// - Throws: ``URLProblem`` saying which part is wrong.
  public init(_ text: String) throws(URLProblem) {
    guard Self.matches(text), let components = URLComponents(string: text) else {
      throw URLProblem("not a postgresql://USER@HOST:PORT/DBNAME URL")
    }
    guard let user = components.user.flatMap(Self.decoded), !user.isEmpty else {
      throw URLProblem("the URL names no user (postgresql://USER@HOST/DBNAME)")
    }
    guard let host = components.host, !host.isEmpty else {
      throw URLProblem("the URL names no host (postgresql://USER@HOST/DBNAME)")
    }
    let name = Self.decoded(String(components.percentEncodedPath.drop { $0 == "/" })) ?? ""
    guard !name.isEmpty, !name.contains("/") else {
      throw URLProblem("the URL names no database (postgresql://USER@HOST/DBNAME)")
    }
    var mode = SSLMode.prefer
    for item in components.queryItems ?? [] {
      switch (item.name, item.value ?? "") {
      case ("sslmode", "allow"), ("sslmode", "prefer"): mode = .prefer
      case ("sslmode", "verify-ca"), ("sslmode", "verify-full"): mode = .verifyFull
      case ("sslmode", let value):
        guard let known = SSLMode(rawValue: value) else {
          throw URLProblem("unknown sslmode \"\(value)\" (use disable, prefer, require or verify-full)")
        }
        mode = known
      default:
        throw URLProblem("unsupported URL parameter \"\(item.name)\" (only sslmode is read)")
      }
    }
    self.user = user
    self.password = components.password.flatMap(Self.decoded)
    self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    self.port = components.port ?? 5432
    self.database = name
    self.sslMode = mode
  }

  /// The URL without its password: what messages, logs and the report name.
  public var location: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return "postgresql://\(Self.encoded(user))@\(shownHost):\(port)/\(Self.encoded(database))?sslmode=\(sslMode.rawValue)"
  }

  /// What is wrong with a URL.
  public struct URLProblem: Error, Sendable, Equatable {
    /// One sentence.
    public var message: String
    init(_ message: String) { self.message = message }
  }

  private static func decoded(_ text: String) -> String? { text.removingPercentEncoding }

  private static func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#"))) ?? text
  }
}
