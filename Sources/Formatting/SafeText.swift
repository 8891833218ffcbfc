/// Makes text from the database safe to show: every string in the source is treated as typed
/// by an attacker.
///
/// ``clean(_:limit:isolate:)`` removes what must never reach a page — control characters,
/// bidirectional embeddings, overrides and marks, invisible zero-width characters, Unicode
/// noncharacters — keeps isolates only in balanced pairs, and shortens long text with an
/// ellipsis. Escaping for HTML or XML is a separate, later step (``xmlEscaped(_:)``; the
/// templates escape HTML).
///
/// Right-to-left text that is not already isolated comes back wrapped in FIRST STRONG ISOLATE …
/// POP DIRECTIONAL ISOLATE, so it cannot reorder the text around it. Cleaning clean text
/// changes nothing, so a cleaned name can be put into a sentence that is cleaned again.
public enum SafeText {
  /// The longest text shown by default, in characters (grapheme clusters).
  public static let defaultLimit = 80
  /// The longest text a report (`report.json`) keeps, in characters.
  public static let reportLimit = 120

  static let firstStrongIsolate: Unicode.Scalar = "\u{2068}"
  static let popIsolate: Unicode.Scalar = "\u{2069}"

  /// Cleans `text` for display and shortens it to `limit` characters, ending in `…` when cut.
  ///
  /// - Parameter isolate: wrap right-to-left text in an isolate (pages and charts: yes; data
  ///   files such as `report.json`: no).
  public static func clean(_ text: String, limit: Int = defaultLimit, isolate: Bool = true)
    -> String
  {
    isClean(text, limit: limit) ? text : cleaned(text, limit: limit, isolate: isolate)
  }

  /// Whether cleaning `text` would change nothing, decided on its bytes alone: printable ASCII,
  /// no space at either end or next to another, at most `limit` characters. Most titles, names
  /// and ids are, and a digest cleans hundreds of thousands of them.
  static func isClean(_ text: String, limit: Int) -> Bool {
    let bytes = text.utf8
    guard bytes.count <= limit else { return false }
    var previousWasSpace = true
    for byte in bytes {
      guard byte >= 0x20 && byte <= 0x7E else { return false }
      let isSpace = byte == 0x20
      if isSpace && previousWasSpace { return false }
      previousWasSpace = isSpace
    }
    return !previousWasSpace || bytes.isEmpty
  }

  /// ``clean(_:limit:isolate:)`` character by character.
  static func cleaned(_ text: String, limit: Int, isolate: Bool) -> String {
    var out = String.UnicodeScalarView()
    var characters = 0
    var truncated = false
    var needsIsolate = false
    var depth = 0
    var previousWasSpace = true
    for character in text {
      if characters >= limit {
        truncated = true
        break
      }
      var kept = String.UnicodeScalarView()
      var visible = false
      for scalar in character.unicodeScalars {
        switch scalar.value {
        case 0x200D:
          // Zero width joiner: kept only inside emoji sequences (👩‍💻).
          if character.unicodeScalars.count > 1
            && character.unicodeScalars.contains(where: { $0.properties.isEmoji && $0.value > 0x7F }
            )
          {
            kept.append(scalar)
          }
        case 0x2066...0x2068:
          // Isolates are harmless when balanced; every opener becomes a first-strong isolate.
          kept.append(firstStrongIsolate)
          depth += 1
        case 0x2069:
          if depth > 0 {
            kept.append(popIsolate)
            depth -= 1
          }
        default:
          if isWhitespaceControl(scalar) {
            kept.append(" ")
            visible = true
          } else if !isRemoved(scalar) {
            if depth == 0 && isRightToLeft(scalar) { needsIsolate = true }
            kept.append(scalar)
            visible = true
          }
        }
      }
      guard !kept.isEmpty else { continue }
      // Collapse runs of whitespace (a CR LF is one character) into one space, so
      // layout-breaking whitespace cannot pile up.
      let isSpace = kept.allSatisfy { $0 == " " }
      if isSpace { kept = String.UnicodeScalarView([" "]) }
      if isSpace && previousWasSpace { continue }
      previousWasSpace = isSpace
      out.append(contentsOf: kept)
      if visible { characters += 1 }
    }
    var result = String(out)
    while result.last == " " { result.removeLast() }
    if truncated { result += "…" }
    if depth > 0 { result += String(repeating: Character(popIsolate), count: depth) }
    guard needsIsolate && isolate else { return isolate ? result : withoutIsolates(result) }
    return String(Character(firstStrongIsolate)) + result + String(Character(popIsolate))
  }

  /// `text` as one line for a terminal or a log: tabs, line breaks and the Unicode line
  /// separators become spaces, and what ``clean(_:limit:isolate:)`` drops (control characters,
  /// escape sequences' ESC and CSI among them, bidirectional overrides, invisible characters)
  /// is dropped, isolates too (a quoted one need not be balanced); nothing is shortened. For
  /// messages that quote what a server, a program or a database said.
  public static func oneLine(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isWhitespaceControl(scalar) {
        out.append(" ")
      } else if !isRemoved(scalar) && !(0x2066...0x2069).contains(scalar.value) {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// `text` without isolate characters (for data files, where they mean nothing).
  public static func withoutIsolates(_ text: String) -> String {
    String(
      String.UnicodeScalarView(text.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) })
    )
  }

  /// `text` with `&`, `<`, `>`, `"` and `'` escaped for XML and HTML text or attribute values.
  ///
  /// Apply to text that went through ``clean(_:limit:)``: escaping alone does not remove the
  /// control characters that XML forbids.
  public static func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Tab, line feed, carriage return and the Unicode line separators: shown as a space.
  static func isWhitespaceControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D, 0x2028, 0x2029, 0x85: true
    default: false
    }
  }

  /// Characters that are dropped outright.
  static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    switch v {
    case 0x00...0x1F, 0x7F...0x9F: return true  // C0 and C1 controls
    case 0x200B, 0x200C, 0x200E, 0x200F, 0x2060...0x2064, 0xFEFF: return true  // zero-width, marks
    case 0x202A...0x202E, 0x061C: return true  // bidi embeddings, overrides, Arabic letter mark
    case 0x206A...0x206F: return true  // deprecated format characters
    case 0xFFF9...0xFFFB: return true  // interlinear annotation controls
    case 0xFDD0...0xFDEF: return true  // noncharacters
    case 0xD800...0xDFFF: return true  // surrogates (cannot occur in a String, kept for clarity)
    default:
      if v & 0xFFFE == 0xFFFE { return true }  // U+xFFFE and U+xFFFF in every plane
      return false
    }
  }

  /// Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks.
  static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
      true
    default: false
    }
  }
}
