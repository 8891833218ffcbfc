/// One email: RFC 5322 headers and a MIME `multipart/alternative` body with a plain-text part
/// and an HTML part, both UTF-8 in quoted-printable. Rendering is deterministic: the same
/// values give the same bytes, lines end in `\n` (the convention of `sendmail` and `.eml` files;
/// the mail transfer agent sends CRLF on the wire).
///
/// ```swift
/// let message = MailMessage(from: from, to: [to], subject: "Songs for you", date: date,
///   messageID: "<2026-11-29.ab12@example.com>", text: "Hi", html: "<p>Hi</p>")
/// try outbox.write(message.rendered, name: "ab12.eml")
/// ```
public struct MailMessage: Sendable, Equatable {
  /// The sender.
  public var from: Mailbox
  /// The recipients (all in `To:`; a digest never uses Cc or Bcc).
  public var to: [Mailbox]
  /// The subject, any Unicode (encoded per RFC 2047 when not ASCII).
  public var subject: String
  /// The `Date:` value, already formatted (see ``MailDate``).
  public var date: String
  /// The `Message-ID:` value, with its angle brackets.
  public var messageID: String
  /// `List-Unsubscribe:` URL, when the recipient can unsubscribe.
  public var unsubscribe: String?
  /// Whether the URL names the recipient (a token of theirs), so that an HTTPS one may offer
  /// RFC 8058's one-click unsubscription (`List-Unsubscribe-Post`): a URL shared by everyone
  /// could not tell whom to unsubscribe.
  public var oneClick: Bool
  /// The plain-text part.
  public var text: String
  /// The HTML part, a whole document.
  public var html: String

  /// Creates a message.
  public init(
    from: Mailbox, to: [Mailbox], subject: String, date: String, messageID: String,
    unsubscribe: String? = nil, oneClick: Bool = false, text: String, html: String
  ) {
    self.from = from
    self.to = to
    self.subject = subject
    self.date = date
    self.messageID = messageID
    self.unsubscribe = unsubscribe
    self.oneClick = oneClick
    self.text = text
    self.html = html
  }

  /// The boundary between the parts: derived from the Message-ID, and starting with `=_`,
  /// which quoted-printable text can never contain, so it cannot occur in a part.
  var boundary: String {
    let id = messageID.unicodeScalars.filter {
      switch $0.value {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
      case 0...0x7F: false  // the other ASCII characters are neither letters nor digits
      default: $0.properties.isAlphabetic
      }
    }
    return "=_tunedash_" + String(String.UnicodeScalarView(id.prefix(32)))
  }

  /// The whole message, headers and body.
  public var rendered: String {
    let boundary = boundary
    var headers = [
      HeaderText.field("From", from.header),
      HeaderText.field("To", to.map(\.header).joined(separator: ", ")),
      HeaderText.field("Subject", HeaderText.unstructured(subject)),
      "Date: \(date)",
      "Message-ID: \(messageID)",
      "MIME-Version: 1.0",
      // RFC 3834: written by a program, so auto-responders stay quiet.
      "Auto-Submitted: auto-generated",
    ]
    if let unsubscribe {
      headers.append(HeaderText.field("List-Unsubscribe", "<\(unsubscribe)>"))
      // RFC 8058 one-click unsubscription: HTTPS addresses that tell who the recipient is.
      if oneClick && unsubscribe.hasPrefix("https://") {
        headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
      }
    }
    headers.append("Content-Type: multipart/alternative;\n boundary=\"\(boundary)\"")
    let parts = [("text/plain", text), ("text/html", html)].map { type, body in
      """
      --\(boundary)
      Content-Type: \(type); charset=utf-8
      Content-Transfer-Encoding: quoted-printable

      \(QuotedPrintable.encode(body))
      """
    }
    return headers.joined(separator: "\n") + "\n\n" + parts.joined(separator: "\n")
      + "\n--\(boundary)--\n"
  }
}
