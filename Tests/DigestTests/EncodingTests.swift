import Foundation
import Testing

@testable import Digest

/// Quoted-printable, encoded words and dates, each checked against values worked out by hand.
@Suite struct EncodingTests {
  @Test func quotedPrintableKeepsASCIIAndEncodesTheRest() {
    // é is C3 A9 in UTF-8; `=` is 3D.
    #expect(QuotedPrintable.encode("café = 1\n") == "caf=C3=A9 =3D 1\n")
    // A space or tab at the end of a line would be stripped in transit: 20 and 09.
    #expect(QuotedPrintable.encode("end \nand\t") == "end=20\nand=09")
    // A leading dot (SMTP) and a leading "From " (mbox) are encoded: 2E and 46.
    #expect(QuotedPrintable.encode(".\nFrom here\nFromage") == "=2E\n=46rom here\nFromage")
  }

  @Test func quotedPrintableBreaksLongLinesSoftly() {
    let a = { (n: Int) in String(repeating: "a", count: n) }
    // 76 characters fit on one line; 77 need a soft break after 75 (the 76th is the "=").
    #expect(QuotedPrintable.encode(a(76)) == a(76))
    #expect(QuotedPrintable.encode(a(77)) == a(75) + "=\n" + a(2))
    // An escape is never split: 74 a's, then =C3 would end at 77, so it moves to the next line.
    #expect(QuotedPrintable.encode(a(74) + "é") == a(74) + "=\n=C3=A9")
    for line in QuotedPrintable.encode(String(repeating: "é ", count: 100)).split(separator: "\n") {
      #expect(line.count <= 76)
    }
  }

  /// The longest output there is: every byte escaped. 25 escapes (75 characters) fill a line
  /// before a soft break; the last line may hold a 26th only if it ends there, and 1,000 `=`
  /// make exactly 40 lines of 25.
  @Test func quotedPrintableEscapesEveryByteOfALongLine() {
    let line = String(repeating: "=3D", count: 25)
    #expect(
      QuotedPrintable.encode(String(repeating: "=", count: 1_000))
        == Array(repeating: line, count: 40).joined(separator: "=\n"))
    // 26 escapes on a last line: 78 characters, so the 26th moves on.
    #expect(QuotedPrintable.encode(String(repeating: "=", count: 26)) == line + "=\n=3D")
    // Many short lines of four-byte characters: 🎸 is F0 9F 8E B8.
    #expect(
      QuotedPrintable.encode(String(repeating: "🎸\n", count: 500))
        == String(repeating: "=F0=9F=8E=B8\n", count: 500))
    #expect(QuotedPrintable.encode("") == "")
  }

  /// The MIME boundary keeps the Message-ID's letters (any script) and digits, at most 32.
  @Test func boundariesKeepTheMessageIDsLettersAndDigits() throws {
    let from = try #require(Mailbox(parsing: "Owl <digest@example.com>"))
    func boundary(_ id: String) -> String {
      MailMessage(
        from: from, to: [from], subject: "s", date: "d", messageID: id, text: "", html: ""
      )
      .boundary
    }
    #expect(
      boundary("<digest.2026-11-29.3f2a@example.com>") == "=_tunedash_digest202611293f2aexamplecom")
    // é and ß are letters, the dots, dashes, `@`, `_` and `~` are not.
    #expect(boundary("<é-ß_1~2@x.y>") == "=_tunedash_éß12xy")
    #expect(
      boundary("<" + String(repeating: "ab", count: 20) + ">")
        == "=_tunedash_" + String(repeating: "ab", count: 16))
  }

  /// Random texts (spaces and tabs at line ends, dots and "From " at line starts, `=`, non-ASCII,
  /// long lines, empty lines) decode back to themselves, in lines of at most 76 characters that
  /// end neither in a space nor a tab.
  @Test func quotedPrintableRoundTripsRandomText() throws {
    let pieces = ["a", "Z", " ", "\t", "=", ".", "From ", "é", "🎸", "\n", "\n", "x", "F", "ok "]
    var random = SystemRandomNumberGenerator()
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 0...160, using: &random)).map { _ in
        pieces.randomElement(using: &random)!
      }.joined()
      let encoded = QuotedPrintable.encode(text)
      for line in encoded.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(line.utf8.count <= 76 && line.allSatisfy(\.isASCII), "\(line)")
        #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t") && !line.hasPrefix("."))
        #expect(!line.hasPrefix("From "))
      }
      #expect(Self.decode(encoded) == text, "\(text.debugDescription)")
    }
  }

  /// Quoted-printable decoding as a mail reader does it: soft breaks removed, `=XX` to bytes.
  static func decode(_ encoded: String) -> String {
    var bytes: [UInt8] = []
    let input = Array(encoded.utf8)
    var index = 0
    while index < input.count {
      if input[index] == UInt8(ascii: "="), index + 1 < input.count,
        input[index + 1] == UInt8(ascii: "\n")
      {
        index += 2
      } else if input[index] == UInt8(ascii: "="), index + 2 < input.count,
        let byte = UInt8(
          String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
      {
        bytes.append(byte)
        index += 3
      } else {
        bytes.append(input[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func encodedWordsHoldWholeCharacters() {
    // Z o ë = 5A 6F C3 AB: 010110 100110 111111 000011 | 101010 110000 = W m / D q w, padded.
    #expect(HeaderText.unstructured("Zoë") == "=?UTF-8?B?Wm/Dqw==?=")
    #expect(HeaderText.unstructured("Plain subject") == "Plain subject")
    // 50 é are 100 bytes: 19 (38 bytes) fit in a word of at most 39 bytes, so 19 + 19 + 12.
    let words = HeaderText.encodedWords(String(repeating: "é", count: 50))
    #expect(words.count == 3)
    #expect(words.allSatisfy { $0.count <= 64 })
    #expect(
      words[0] == "=?UTF-8?B?" + Data(String(repeating: "é", count: 19).utf8).base64EncodedString()
        + "?=")
  }

  @Test func displayNamesAreQuotedOrEncoded() {
    #expect(HeaderText.phrase("Ana Lima") == "Ana Lima")
    #expect(HeaderText.phrase("Lima, Ana") == "\"Lima, Ana\"")
    #expect(HeaderText.phrase("A \"B\" \\") == "\"A \\\"B\\\" \\\\\"")
    #expect(HeaderText.phrase("Zoë") == "=?UTF-8?B?Wm/Dqw==?=")
  }

  @Test func longHeadersFoldAtSpaces() {
    let field = HeaderText.field(
      "Subject", HeaderText.unstructured(String(repeating: "é", count: 50)))
    let lines = field.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
    #expect(lines.allSatisfy { $0.count <= 76 })
  }

  /// A display name that looks like an encoded word is itself encoded, so the reader's mail
  /// program shows it as written instead of decoding it into another name.
  @Test func aNameThatLooksEncodedIsEncoded() {
    // "=?UTF-8?B?QWRtaW4=?=" in Base64.
    #expect(
      HeaderText.phrase("=?UTF-8?B?QWRtaW4=?=") == "=?UTF-8?B?PT9VVEYtOD9CP1FXUnRhVzQ9Pz0=?=")
    #expect(HeaderText.phrase("a=b?c") == "a=b?c")
  }

  /// A value whose first word does not fit after the name starts the next line: a long
  /// unsubscribe address stays on a line of its own, under 78 characters when it fits there.
  @Test func aLongFirstWordStartsTheSecondLine() {
    let url = "<https://example.com/unsubscribe?t=" + String(repeating: "0", count: 32) + ">"
    #expect(url.count == 68)
    #expect(HeaderText.field("List-Unsubscribe", url) == "List-Unsubscribe:\n " + url)
    #expect(HeaderText.field("Subject", "Short") == "Subject: Short")
  }

  /// One-click unsubscription only for an HTTPS address that names the recipient.
  @Test func oneClickOnlyWhereTheAddressNamesTheRecipient() throws {
    let from = try #require(Mailbox(parsing: "Owl <digest@example.com>"))
    func headers(_ url: String, oneClick: Bool) -> String {
      MailMessage(
        from: from, to: [from], subject: "s", date: "d", messageID: "<m@x>", unsubscribe: url,
        oneClick: oneClick, text: "", html: ""
      ).rendered.components(separatedBy: "\n\n")[0]
    }
    #expect(headers("https://e.com/u?t=1", oneClick: true).contains("List-Unsubscribe-Post"))
    #expect(!headers("https://e.com/u", oneClick: false).contains("List-Unsubscribe-Post"))
    #expect(headers("https://e.com/u", oneClick: false).contains("List-Unsubscribe: <https"))
    #expect(!headers("mailto:u@e.com", oneClick: true).contains("List-Unsubscribe-Post"))
  }

  /// The heading over the songs agrees with their number and the picks' in both parts.
  @Test func theSongsHeadingAgreesInNumber() {
    let song = DigestSong(trackID: "t1", title: "One", artist: "A")
    let week = DigestWeek(asOf: 0, lastDay: .init(iso: "2026-11-29")!)
    func digest(picks: Int, songs: Int) -> ListenerDigest {
      ListenerDigest(
        week: week, name: "Ana", picks: Array(repeating: song, count: picks),
        songs: Array(repeating: song, count: songs), unsubscribeURL: nil, trackLink: nil)
    }
    let one = digest(picks: 1, songs: 1)
    #expect(one.text.contains("\nA song that sounds like it:\n"))
    #expect(one.html.contains("A song that sounds like it"))
    let many = digest(picks: 2, songs: 4)
    #expect(many.text.contains("\n4 songs that sound like them:\n"))
    #expect(many.html.contains("4 songs that sound like them"))
  }

  /// The footer promises one click only when the address names the listener.
  @Test func theFooterPromisesOneClickOnlyWhenTheAddressNamesTheListener() {
    let week = DigestWeek(asOf: 0, lastDay: .init(iso: "2026-11-29")!)
    let song = DigestSong(trackID: "t1", title: "One", artist: "A")
    func footer(oneClick: Bool) -> String {
      ListenerDigest(
        week: week, name: nil, picks: [song], songs: [song], unsubscribeURL: "https://e.com/u",
        oneClick: oneClick, trackLink: nil
      ).html
    }
    #expect(footer(oneClick: true).contains("Unsubscribe</a> with one click."))
    #expect(footer(oneClick: false).contains("Unsubscribe</a>."))
    #expect(!footer(oneClick: false).contains("one click"))
  }

  @Test func mailDatesAreUTC() {
    #expect(MailDate.format(0) == "Thu, 01 Jan 1970 00:00:00 +0000")
    // 2000-01-01 was a Saturday, 946,684,800 s after the epoch; 29 February 2000 (a Tuesday)
    // is 59 days later, plus 1 h 1 min 1 s = 3,661 s.
    #expect(MailDate.format(946_684_800) == "Sat, 01 Jan 2000 00:00:00 +0000")
    #expect(MailDate.format(946_684_800 + 59 * 86_400 + 3_661) == "Tue, 29 Feb 2000 01:01:01 +0000")
  }

  @Test func weekLabels() {
    let week = { (iso: String) in DigestWeek(asOf: 0, lastDay: .init(iso: iso)!).label }
    #expect(week("2026-11-29") == "23–29 November 2026")
    #expect(week("2026-12-03") == "27 November – 3 December 2026")
    #expect(week("2027-01-02") == "27 December 2026 – 2 January 2027")
  }

  @Test func trackLinksPercentEncodeTheID() {
    let link = TrackLink(template: "https://open.spotify.com/track/{id}")
    // space 20, slash 2F, é C3 A9; unreserved - . _ ~ stay.
    #expect(link?.url(for: "a b/é-._~") == "https://open.spotify.com/track/a%20b%2F%C3%A9-._~")
    #expect(TrackLink(template: "https://example.com/") == nil)
    #expect(TrackLink(template: "javascript:{id}") == nil)
  }
}
