/// What went wrong while writing or sending digests, and how to fix it.
public struct DigestError: Error, Sendable, CustomStringConvertible {
  /// What kind of problem this is; the command line maps each kind to an exit code.
  public enum Kind: Sendable {
    /// A file or folder could not be created or written.
    case cannotWrite
    /// Another digest run holds the send log.
    case busy
    /// The send log is damaged.
    case badLog
    /// The sendmail program does not exist or cannot be run.
    case noSendmail
  }

  /// What kind of problem this is.
  public var kind: Kind
  /// One sentence saying what is wrong.
  public var message: String
  /// One sentence saying how to fix it.
  public var hint: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, hint: String) {
    self.kind = kind
    self.message = message
    self.hint = hint
  }

  public var description: String { "\(message) (\(hint))" }
}
