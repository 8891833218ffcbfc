/// The one error type of `EventStore`: what went wrong, where, and how to fix it.
///
/// Every error names the database file, and where it applies the table and column, so the
/// command line can print it as one line followed by a hint.
public struct EventStoreError: Error, Sendable, CustomStringConvertible {
  /// What kind of problem this is; the command line maps each kind to an exit code.
  public enum Kind: String, Sendable {
    /// The database file does not exist (or, on a PostgreSQL server, the database).
    case missingFile
    /// The file exists but is not an SQLite database, or is damaged beyond reading.
    case notADatabase
    /// The database lacks a table or column of the schema v1 contract.
    case contractViolation
    /// Another process holds a lock that keeps us from reading.
    case locked
    /// A file that should not exist already does (for example `init` on an existing path).
    case alreadyExists
    /// A new file cannot be made where asked: its folder is missing or not writable.
    case cannotCreate
    /// Any other SQLite failure, carrying SQLite's own message.
    case sqlite
    /// The database server cannot be reached (refused, unknown host, timed out, TLS refused).
    case unreachable
    /// The server refused the login (password, role) or a privilege the read needs.
    case accessDenied
    /// The server went away in the middle of a read (shut down, restarted, connection killed).
    case connectionLost
    /// Any other database server failure, carrying the server's own message.
    case server
  }

  /// What kind of problem this is.
  public var kind: Kind
  /// The database involved: a file's path, or a server URL without its password.
  public var path: String
  /// The table involved, if any.
  public var table: String?
  /// The column involved, if any.
  public var column: String?
  /// One sentence saying what is wrong.
  public var message: String
  /// One sentence saying how to fix it.
  public var hint: String

  /// Creates an error; prefer the named constructors below.
  public init(
    _ kind: Kind, path: String, table: String? = nil, column: String? = nil, message: String,
    hint: String
  ) {
    self.kind = kind
    self.path = path
    self.table = table
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `message` followed by the hint, on one line.
  public var description: String { "\(message) (\(hint))" }
}
