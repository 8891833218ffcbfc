import Foundation
import Privacy
import TestSupport
import Testing

@Suite("Pseudonyms")
struct PseudonymTests {
  @Test func theSameIdAndKeyGiveTheSamePseudonym() {
    let a = Pseudonymizer(key: PseudonymKey(secret: "k1"))
    let b = Pseudonymizer(key: PseudonymKey(secret: "k1"))
    #expect(a.pseudonym(for: "u42") == b.pseudonym(for: "u42"))
    #expect(a.pseudonym(for: "u42") != a.pseudonym(for: "u43"))
  }

  @Test func anotherKeyGivesOtherPseudonyms() {
    let a = Pseudonymizer(key: PseudonymKey(secret: "k1"))
    let b = Pseudonymizer(key: PseudonymKey(secret: "k2"))
    let ids = (0..<50).map { "user-\($0)" }
    let same = ids.filter { a.pseudonym(for: $0) == b.pseudonym(for: $0) }
    #expect(same.isEmpty)
  }

  @Test func pseudonymsAreWordsAndHexAndNeverTheId() {
    let pseudonym = Pseudonymizer(key: PseudonymKey(secret: "k")).pseudonym(
      for: "alice@example.com")
    let parts = pseudonym.split(separator: "-")
    #expect(parts.count == 3)
    #expect(parts[2].count == 4 && parts[2].allSatisfy(\.isHexDigit))
    #expect(!pseudonym.contains("alice"))
  }

  @Test func aKeyFileIsCreatedOnceWithModeSixHundred() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("nested/pseudonym.key").path
    let first = try PseudonymKey.load(environment: [:], file: path)
    #expect(first.created)
    let mode =
      try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o600)
    let second = try PseudonymKey.load(environment: [:], file: path)
    #expect(!second.created)
    #expect(
      Pseudonymizer(key: first).pseudonym(for: "u1")
        == Pseudonymizer(key: second).pseudonym(for: "u1"))
  }

  @Test func aKeyFileOthersCanReadIsRefused() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("pseudonym.key").path
    #expect(
      FileManager.default.createFile(
        atPath: path, contents: Data("a-secret-of-enough-length".utf8),
        attributes: [.posixPermissions: 0o644]))
    let error = try #require(throws: PrivacyError.self) {
      try PseudonymKey.load(environment: [:], file: path)
    }
    #expect(error.hint.contains("chmod 600"))
  }

  @Test func theEnvironmentVariableWinsOverTheFile() throws {
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("pseudonym.key").path
    let key = try PseudonymKey.load(
      environment: [PseudonymKey.environmentVariable: "from-the-environment"], file: path)
    #expect(key.origin == "$TUNEDASH_PSEUDONYM_KEY")
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(
      Pseudonymizer(key: key).pseudonym(for: "u1")
        == Pseudonymizer(key: PseudonymKey(secret: "from-the-environment")).pseudonym(for: "u1"))
  }

  @Test func aKeyTooShortToBeSecretIsRefusedWithTheFix() throws {
    // 15 bytes: one short of the minimum; 16 is accepted.
    let error = try #require(throws: PrivacyError.self) {
      try PseudonymKey.load(
        environment: [PseudonymKey.environmentVariable: "fifteen-bytes!!"], file: nil)
    }
    #expect(error.message.contains("has 15 bytes"))
    #expect(error.hint.contains("openssl rand -hex 32"))
    _ = try PseudonymKey.load(
      environment: [PseudonymKey.environmentVariable: "sixteen-bytes!!!"], file: nil)
    let folder = try TemporaryFolder.make()
    let path = folder.appendingPathComponent("pseudonym.key").path
    #expect(
      FileManager.default.createFile(
        atPath: path, contents: Data("short".utf8), attributes: [.posixPermissions: 0o600]))
    #expect(throws: PrivacyError.self) { try PseudonymKey.load(environment: [:], file: path) }
  }

  @Test func theDefaultPathFollowsXDG() {
    #expect(
      PseudonymKey.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"])
        == "/cfg/tunedash/pseudonym.key")
    #expect(
      PseudonymKey.defaultPath(environment: ["HOME": "/home/a"])
        == "/home/a/.config/tunedash/pseudonym.key")
  }
}
