import Foundation

/// Why a file in a site folder is never published, whatever else the folder holds.
///
/// A site folder should hold only pages, charts, styles and `report.json`. Anything that can
/// carry listeners' data or secrets — a database (the source keeps email addresses), a build's
/// private state, a pseudonym key, a lock, a digest's email message — stays on the machine even when someone copies it
/// into the folder by mistake. Hidden files are skipped quietly and are not described here.
public enum PrivateFile: String, Sendable, Hashable, CaseIterable {
  /// An SQLite database or one of its side files (`-wal`, `-shm`, `-journal`), recognised by
  /// its name ending or by the `SQLite format 3` header at the start of its content.
  case database
  /// A build's saved engine state (`*.state`), or the state it kept for a day
  /// (`*.state.day-YYYY-MM-DD`) — or any file that starts as a state does (``stateHeader``),
  /// whatever it was renamed to.
  case state
  /// A key or certificate (`*.key`, `*.pem`, `*.p12`, `*.pfx`).
  case key
  /// A lock file (`*.lock`).
  case lock
  /// An email message (`*.eml`, or `*.eml.partial` while the digest writes it), such as the
  /// weekly digests of an outbox: it carries a listener's address and what they searched for.
  case message

  /// The file type in words, for the line that says what was left out.
  public var description: String {
    switch self {
    case .database: "a database"
    case .state: "a build's private state"
    case .key: "a key"
    case .lock: "a lock file"
    case .message: "an email message"
    }
  }

  private static let endings: [(String, PrivateFile)] = [
    (".sqlite", .database), (".sqlite3", .database), (".db", .database), (".db3", .database),
    (".s3db", .database), (".sl3", .database), ("-wal", .database), ("-shm", .database),
    ("-journal", .database), (".state", .state), (".state.spare", .state), (".key", .key),
    (".pem", .key), (".p12", .key),
    (".pfx", .key), (".lock", .lock), (".eml", .message), (".eml.partial", .message),
  ]

  /// The 16 bytes every SQLite 3 database file starts with.
  static let sqliteHeader = Data("SQLite format 3\u{0}".utf8)
  /// The 4 bytes every state file starts with: `EngineState.magic`, 0x5444_5354, little-endian.
  static let stateHeader = Data("TSDT".utf8)

  /// Classifies a file by its name (case-insensitively) and, failing that, by its first bytes;
  /// `nil` for a file that may be published.
  public static func classify(name: String, firstBytes: Data) -> PrivateFile? {
    let lowered = name.lowercased()
    if let match = endings.first(where: { lowered.hasSuffix($0.0) }) { return match.1 }
    if lowered.contains(".state.day-") { return .state }
    if firstBytes.starts(with: sqliteHeader) { return .database }
    if firstBytes.starts(with: stateHeader) { return .state }
    return nil
  }
}

/// A file of the folder that publishing left out, and why.
public struct WithheldFile: Sendable, Hashable {
  /// The path relative to the folder, with `/` separators.
  public let relativePath: String
  /// What kind of private file it is.
  public let kind: PrivateFile

  /// Creates a description of a withheld file.
  public init(relativePath: String, kind: PrivateFile) {
    self.relativePath = relativePath
    self.kind = kind
  }
}
