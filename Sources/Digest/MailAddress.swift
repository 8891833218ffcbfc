import Foundation

/// An email address TuneDash is willing to write to: an RFC 5321 `dot-atom@domain` in ASCII.
///
/// Deliberately stricter than RFC 5322 allows, because a digest goes to addresses an app stored
/// and anything unusual there is more likely a typo or an injection than a real mailbox:
/// - the local part is 1–64 characters of letters, digits and ``atext`` symbols, with single
///   dots between them (no quoted local parts, no comments);
/// - the domain has at least two labels of letters, digits and inner hyphens, each 1–63
///   characters, at most 253 in all, and a last label that is not all digits (no IP literals);
/// - the whole address is at most 254 characters, and surrounding spaces are ignored.
///
/// Internationalised addresses (SMTPUTF8) are refused: not every relay takes them.
///
/// ```swift
/// MailAddress("ana@example.com")?.text   // "ana@example.com"
/// MailAddress("ana@localhost")           // nil: one label
/// ```
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  /// The address, trimmed.
  public let text: String

  /// The part after `@`.
  public var domain: Substring { text[text.index(after: text.lastIndex(of: "@")!)...] }

  /// The address in `text`, or `nil` when it is not a valid address (see the type's rules).
  public init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.utf8.count <= 254, let at = trimmed.lastIndex(of: "@") else { return nil }
    let local = trimmed[..<at]
    let domain = trimmed[trimmed.index(after: at)...]
    guard Self.isDotAtom(local), local.utf8.count <= 64, Self.isDomain(domain) else { return nil }
    self.text = trimmed
  }

  public var description: String { text }

  /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
  static func isAtext(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
  }

  static func isDotAtom(_ text: Substring) -> Bool {
    let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return !text.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isAtext) }
  }

  static func isDomain(_ text: Substring) -> Bool {
    let labels = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard labels.count >= 2, text.utf8.count <= 253 else { return false }
    for label in labels {
      guard (1...63).contains(label.count), let first = label.first, let last = label.last,
        first.isAlphanumeric, last.isAlphanumeric,
        label.allSatisfy({ $0 == UInt8(ascii: "-") || $0.isAlphanumeric })
      else { return false }
    }
    return !labels.last!.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }
}

extension UInt8 {
  fileprivate var isAlphanumeric: Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
  }
}
