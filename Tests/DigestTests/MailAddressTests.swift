import Testing

@testable import Digest

@Suite struct MailAddressTests {
  @Test(arguments: [
    "ana@example.com", " ana.lima+music@mail.example.co.uk ", "o'brien@example.ie", "x@a-b.example",
  ])
  func accepts(_ text: String) {
    #expect(MailAddress(text)?.text == text.trimmingCharacters(in: .whitespaces))
  }

  @Test(arguments: [
    "", "ana", "ana@", "@example.com", "ana@localhost", "ana@example..com", ".ana@example.com",
    "ana.@example.com", "an..a@example.com", "ana@-example.com", "ana@example-.com",
    "ana@example.123",
    "ana lima@example.com", "ana@exa mple.com", "\"ana\"@example.com", "ana@[127.0.0.1]",
    "zoë@example.com",
    "ana@example.com\r\nBcc: eve@example.com", "ana@example.com>", "<ana@example.com",
  ])
  func refuses(_ text: String) {
    #expect(MailAddress(text) == nil)
  }

  @Test func refusesTooLongParts() {
    #expect(MailAddress(String(repeating: "a", count: 65) + "@example.com") == nil)
    #expect(MailAddress(String(repeating: "a", count: 64) + "@example.com") != nil)
    #expect(MailAddress("a@" + String(repeating: "b", count: 64) + ".com") == nil)
  }

  @Test func mailboxesFromTheCommandLine() {
    let named = Mailbox(parsing: "Radio Owl <digest@example.com>")
    #expect(named?.name == "Radio Owl")
    #expect(named?.address.text == "digest@example.com")
    #expect(Mailbox(parsing: "\"Owl, Radio\" <digest@example.com>")?.name == "Owl, Radio")
    #expect(Mailbox(parsing: "digest@example.com")?.name == nil)
    #expect(Mailbox(parsing: "Radio <digest@localhost>") == nil)
  }
}
