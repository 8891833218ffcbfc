import Foundation

/// An address with an optional display name, as in `From:` and `To:`: `Ana <ana@example.com>`.
public struct Mailbox: Sendable, Hashable {
  /// The display name, already cleaned of control characters; `nil` for none.
  public var name: String?
  /// The address.
  public var address: MailAddress

  /// A mailbox of `address` named `name`.
  public init(name: String?, address: MailAddress) {
    self.name = name?.isEmpty == true ? nil : name
    self.address = address
  }

  /// Parses `ana@example.com` or `Ana Lima <ana@example.com>` (as given on the command line);
  /// `nil` when the address is not valid or the name holds a control character.
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
      let name = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces).trimmingQuotes
      guard
        let address = MailAddress(
          String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])),
        !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
      else { return nil }
      self.init(name: name, address: address)
    } else {
      guard let address = MailAddress(trimmed) else { return nil }
      self.init(name: nil, address: address)
    }
  }

  /// The header form: the bare address, `Name <address>`, a quoted name when it holds
  /// specials, or RFC 2047 encoded words when it is not ASCII.
  var header: String {
    guard let name else { return address.text }
    return "\(HeaderText.phrase(name)) <\(address.text)>"
  }
}

extension String {
  fileprivate var trimmingQuotes: String {
    count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
  }
}
