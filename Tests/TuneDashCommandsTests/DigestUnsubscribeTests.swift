import Foundation
import TestSupport
import Testing

/// What a digest promises about unsubscribing and about the owners' report: "with one click"
/// only where the address can be posted to (`https://`) and names the listener; no character
/// in the address that would cut `List-Unsubscribe: <…>` short; the owners' report sent once a
/// week whatever the case of their addresses.
@Suite("Digest unsubscribe addresses and the owners' key")
struct DigestUnsubscribeTests {
  typealias Digests = DigestCommandTests

  static func base(_ fixture: Fixture, outbox: String) -> [String] {
    [
      "digest", "--db", fixture.database, "--outbox", fixture.path(outbox), "--from",
      Digests.from, "--week-ending", "2026-11-29",
    ]
  }

  /// The text of every listener's message in `outbox`.
  static func listenerMessages(_ fixture: Fixture, outbox: String) throws -> [String] {
    let week = fixture.path(outbox) + "/2026-11-29"
    return try FileManager.default.contentsOfDirectory(atPath: week)
      .filter { $0.hasPrefix("listener-") }
      .map { try String(contentsOfFile: week + "/" + $0, encoding: .utf8) }
  }

  @Test func oneClickOnlyForAnHTTPSAddressThatNamesTheListener() throws {
    let fixture = try Digests.handBuiltWeek()
    for (url, oneClick) in [
      ("https://example.com/u/{token}", true), ("http://example.com/u?t={token}", false),
      ("mailto:leave@example.com?subject={token}", false), ("https://example.com/leave", false),
    ] {
      let outbox = "outbox-\(abs(url.hashValue))"
      let result = try TuneDashBinary.run(
        Self.base(fixture, outbox: outbox) + ["--unsubscribe-url", url],
        environment: Digests.environment)
      #expect(result.status == 0, "\(url): \(result.stderr)")
      let messages = try Self.listenerMessages(fixture, outbox: outbox)
      #expect(!messages.isEmpty)
      for message in messages {
        #expect(message.contains("List-Unsubscribe-Post") == oneClick, "\(url)")
        #expect(message.contains("with one click") == oneClick, "\(url)")
      }
    }
  }

  @Test func anAddressWithCharactersNoURLHoldsIsRefused() throws {
    let fixture = try Digests.handBuiltWeek()
    for url in [
      "https://example.com/u/{token}?b=<x>", "https://example.com/u/\"{token}\"",
      "https://example.com/u/{id}", "https://example.com/u|{token}",
    ] {
      let result = try TuneDashBinary.run(
        Self.base(fixture, outbox: "outbox") + ["--unsubscribe-url", url],
        environment: Digests.environment)
      #expect(result.status == 64, "\(url): \(result.stderr)")
      #expect(result.stderr.contains("--unsubscribe-url must be"), "\(url): \(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.path("outbox")))
  }

  @Test func theOwnersReportIsSentOnceWhateverTheCaseOfTheirAddress() throws {
    let fixture = try Digests.handBuiltWeek()
    let send = ["--send", "--sendmail", "/bin/true", "--send-log", fixture.path("sent.log")]
    let first = try TuneDashBinary.run(
      Self.base(fixture, outbox: "outbox") + send + ["--owners", "owners@example.com"],
      environment: Digests.environment)
    #expect(first.status == 0, "\(first.stderr)")
    let again = try TuneDashBinary.run(
      Self.base(fixture, outbox: "outbox") + send + ["--owners", "Owners@Example.COM"],
      environment: Digests.environment)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("were already sent; nothing sent now"), "\(again.stdout)")
  }
}
