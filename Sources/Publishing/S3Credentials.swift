import Foundation

/// An access key pair, with an optional session token, for signing requests.
///
/// The secret and the token never appear in `description`, `debugDescription`, `dump` or
/// string interpolation; only the access key ID, which is not a secret, is shown.
public struct S3Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The access key ID (for example `AKIAIOSFODNN7EXAMPLE`, or a GCS HMAC access ID).
  public let accessKeyID: String
  /// The secret access key. Internal so that nothing outside the module can print it.
  let secretAccessKey: String
  /// The session token of temporary credentials.
  let sessionToken: String?

  /// Creates credentials from their parts.
  public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`.
  ///
  /// Surrounding white space is ignored, as secrets pasted into CI settings often carry a
  /// trailing newline. An empty variable counts as missing.
  ///
  /// - Throws: `PublishError` with reason `.missingCredential` naming the first missing
  ///   variable.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    func value(_ name: String) -> String? {
      guard let raw = environment[name] else { return nil }
      let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? nil : trimmed
    }
    func required(_ name: String) throws -> String {
      guard let found = value(name) else {
        throw PublishError(
          operation: .configuration, subject: name, reason: .missingCredential(variable: name))
      }
      return found
    }
    self.init(
      accessKeyID: try required("AWS_ACCESS_KEY_ID"),
      secretAccessKey: try required("AWS_SECRET_ACCESS_KEY"),
      sessionToken: value("AWS_SESSION_TOKEN"))
  }

  /// Whether these are temporary credentials with a session token.
  public var hasSessionToken: Bool { sessionToken != nil }

  /// The credentials with the secret and the token redacted.
  public var description: String {
    let token = sessionToken == nil ? "none" : "<redacted>"
    return "S3Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, "
      + "sessionToken: \(token))"
  }

  /// The same redacted text as `description`.
  public var debugDescription: String { description }

  /// A mirror that shows the access key ID only, so `dump` cannot leak the secret.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "accessKeyID": accessKeyID,
        "secretAccessKey": "<redacted>",
        "sessionToken": sessionToken == nil ? "none" : "<redacted>",
      ],
      displayStyle: .struct)
  }
}
