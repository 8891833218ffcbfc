import Foundation
import Hashing

/// Derives a stable, readable pseudonym for a user id with HMAC-SHA-256 under a secret key:
/// `calm-heron-7c1e`. The same id and key always give the same pseudonym; without the key the
/// pseudonym cannot be linked back to the id.
///
/// The first two bytes of the MAC pick an adjective and an animal (64 each), the next two give
/// four hex digits: 28 bits, enough to tell apart the few users a page names.
public struct Pseudonymizer: Sendable {
  private let key: PseudonymKey

  /// A pseudonymizer under `key`.
  public init(key: PseudonymKey) { self.key = key }

  /// The pseudonym of `userID`.
  public func pseudonym(for userID: String) -> String {
    let mac = Hash.hmacSHA256(key: key.bytes, message: userID.utf8)
    let adjective = Self.adjectives[Int(mac[0]) % Self.adjectives.count]
    let animal = Self.animals[Int(mac[1]) % Self.animals.count]
    let suffix = Hash.hex(mac[2..<4])
    return "\(adjective)-\(animal)-\(suffix)"
  }

  /// A 32-hex-digit token for `userID` (or any text) and a `purpose`: the first 128 bits of
  /// HMAC-SHA-256 under the key of `purpose`, a zero byte, and the text. Tokens of different
  /// purposes cannot be linked to each other or to the pseudonym; the service can recompute
  /// them with the same key (see the README's unsubscribe section).
  public func token(for text: String, purpose: String) -> String {
    let mac = Hash.hmacSHA256(key: key.bytes, message: Array(purpose.utf8) + [0] + Array(text.utf8))
    return Hash.hex(mac.prefix(16))
  }

  /// Pseudonyms for several ids.
  public func pseudonyms(for userIDs: [String]) -> [String: String] {
    Dictionary(userIDs.map { ($0, pseudonym(for: $0)) }, uniquingKeysWith: { first, _ in first })
  }

  static let adjectives = [
    "amber", "azure", "bold", "brave", "bright", "brisk", "calm", "candid", "cheery", "clever",
    "cosmic", "crisp", "dapper", "deft", "eager", "early", "fancy", "fleet", "fond", "gentle",
    "glad", "golden", "grand", "happy", "hazel", "honest", "humble", "jolly", "keen", "kind",
    "lively", "lucky", "mellow", "merry", "mighty", "misty", "modest", "nimble", "noble", "plucky",
    "polite", "proud", "quick", "quiet", "rapid", "rosy", "rustic", "sage", "shiny", "silver",
    "sleek", "smart", "snowy", "solar", "steady", "sunny", "swift", "tidy", "vivid", "warm",
    "wise", "witty", "young", "zesty",
  ]

  static let animals = [
    "badger", "bat", "bear", "beaver", "bison", "crane", "crow", "deer", "dolphin", "dove",
    "eagle", "egret", "falcon", "finch", "fox", "frog", "gecko", "goose", "hare", "hawk",
    "heron", "ibis", "jay", "koala", "lark", "lemur", "lion", "lynx", "magpie", "marten",
    "mole", "moose", "newt", "otter", "owl", "panda", "parrot", "pelican", "puffin", "quail",
    "rabbit", "raven", "robin", "salmon", "seal", "shrew", "sparrow", "stork", "swan", "tapir",
    "tern", "tiger", "toad", "trout", "turtle", "viper", "vole", "walrus", "weasel", "whale",
    "wolf", "wombat", "wren", "yak",
  ]
}
