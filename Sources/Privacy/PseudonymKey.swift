import Foundation
import Hashing

/// The secret that pseudonyms are derived from. It never appears in the site.
///
/// Looked up in this order: the `TUNEDASH_PSEUDONYM_KEY` environment variable (any text; for
/// CI, keep it in a secret), then a key file — by default
/// `$XDG_CONFIG_HOME/tunedash/pseudonym.key` (`~/.config/tunedash/pseudonym.key`) — which is
/// created on first use with 32 random bytes and mode 0600. Keep the key to keep pseudonyms
/// stable across builds; change it to unlink them from earlier builds.
public struct PseudonymKey: Sendable {
  /// The environment variable that overrides the key file.
  public static let environmentVariable = "TUNEDASH_PSEUDONYM_KEY"

  /// The key bytes (kept as bytes: `SymmetricKey` is not `Sendable`).
  let bytes: [UInt8]
  /// Where the key came from, for logs: the variable's name or the file's path.
  public let origin: String
  /// Whether this call created the key file.
  public let created: Bool

  /// A key from raw text (tests and the environment variable).
  public init(secret: String, origin: String = "the given secret") {
    bytes = Array(secret.utf8)
    self.origin = origin
    created = false
  }

  /// The key from the environment, or from `file` (created if missing, unless `create` is
  /// false: a run whose records are keyed by the existing key — the digest's send log and
  /// unsubscribe links — must not quietly start over with a new one).
  ///
  /// - Throws: ``PrivacyError`` when the file cannot be read or created, is empty, or is
  ///   readable by other users, or is missing and `create` is false.
  public static func load(environment: [String: String], file: String?, create: Bool = true)
    throws -> PseudonymKey
  {
    if let secret = environment[environmentVariable], !secret.isEmpty {
      return try checked(PseudonymKey(secret: secret, origin: "$\(environmentVariable)"), path: "")
    }
    let path = file ?? defaultPath(environment: environment)
    let files = FileManager.default
    if files.fileExists(atPath: path) {
      let attributes = try? files.attributesOfItem(atPath: path)
      let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0
      guard mode & 0o077 == 0 else {
        throw PrivacyError(
          path: path,
          message:
            "pseudonym key \(path) is readable by other users (mode \(String(mode, radix: 8)))",
          hint: "run `chmod 600 \(path)`")
      }
      guard let data = files.contents(atPath: path), !data.isEmpty else {
        throw PrivacyError(
          path: path, message: "cannot read pseudonym key \(path)",
          hint: "check its permissions, or delete it to create a new key (pseudonyms will change)")
      }
      return try checked(PseudonymKey(data: data, origin: path, created: false), path: path)
    }
    guard create else {
      throw PrivacyError(
        path: path,
        message: "no pseudonym key: \(path) does not exist and \(environmentVariable) is not set",
        hint:
          "give the key the site build uses (\(environmentVariable) or --pseudonym-key): the send log and unsubscribe links are keyed by it, and a new key would mail every listener again"
      )
    }
    var bytes = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &generator) }
    let text = Data(Hash.hex(bytes).utf8)
    do {
      try files.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      guard files.createFile(atPath: path, contents: text, attributes: [.posixPermissions: 0o600])
      else { throw CocoaError(.fileWriteUnknown) }
    } catch {
      throw PrivacyError(
        path: path, message: "cannot create pseudonym key \(path)",
        hint: "set \(environmentVariable), or pass --pseudonym-key with a writable path")
    }
    return PseudonymKey(data: text, origin: path, created: true)
  }

  /// The fewest bytes a key may have: shorter secrets can be guessed, and with the key anyone
  /// can link pseudonyms back to user ids.
  public static let minimumLength = 16

  /// `key`, or an error with the fix when it is too short to be secret.
  private static func checked(_ key: PseudonymKey, path: String) throws -> PseudonymKey {
    guard key.bytes.count < minimumLength else { return key }
    throw PrivacyError(
      path: path,
      message: "the pseudonym key in \(key.origin) has \(key.bytes.count) bytes; "
        + "a key under \(minimumLength) bytes can be guessed",
      hint: "use a long random secret, e.g. `openssl rand -hex 32`, or unset "
        + "\(environmentVariable) to let tunedash create one (pseudonyms will change)")
  }

  private init(data: Data, origin: String, created: Bool) {
    bytes = Array(data)
    self.origin = origin
    self.created = created
  }

  /// `$XDG_CONFIG_HOME/tunedash/pseudonym.key`, or `~/.config/tunedash/pseudonym.key`.
  public static func defaultPath(environment: [String: String]) -> String {
    let base =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
    return base + "/tunedash/pseudonym.key"
  }
}

/// A key file problem: which file, what is wrong, how to fix it.
public struct PrivacyError: Error, CustomStringConvertible, Sendable {
  /// The key file.
  public var path: String
  /// What is wrong.
  public var message: String
  /// How to fix it.
  public var hint: String

  public var description: String { "\(message); \(hint)" }
}
