import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: ASCII only, non-ASCII text as encoded
/// words (`=?UTF-8?B?…?=`), lines folded before 78 characters.
enum HeaderText {
  /// The most UTF-8 bytes one encoded word carries: 39 bytes are 52 Base64 characters, which
  /// with `=?UTF-8?B?` and `?=` make 64, so that even after `Subject: ` a line stays under
  /// RFC 2047's 76 characters (and a word under its 75).
  static let bytesPerWord = 39

  /// An unstructured value (a subject): as is when it is printable ASCII, else encoded words.
  static func unstructured(_ text: String) -> String {
    isPrintableASCII(text) ? text : encodedWords(text).joined(separator: " ")
  }

  /// A display name: an atom sequence as is, a quoted string when it holds specials, encoded
  /// words when it is not ASCII — or when it holds `=?`: a name that looks like an encoded word
  /// would be decoded by the reader's mail program (even inside quotes, by lenient ones such as
  /// Python's), so a name could pose as another; encoded, it shows as written.
  static func phrase(_ text: String) -> String {
    guard isPrintableASCII(text), !text.contains("=?") else {
      return encodedWords(text).joined(separator: " ")
    }
    let plain = text.utf8.allSatisfy { MailAddress.isAtext($0) || $0 == UInt8(ascii: " ") }
    if plain && !text.hasPrefix(" ") && !text.contains("  ") { return text }
    var quoted = "\""
    for character in text {
      if character == "\"" || character == "\\" { quoted.append("\\") }
      quoted.append(character)
    }
    return quoted + "\""
  }

  /// `text` as Base64 encoded words of at most ``bytesPerWord`` bytes, split between Unicode
  /// scalars (RFC 2047 §5: a word holds whole characters).
  static func encodedWords(_ text: String) -> [String] {
    var words: [String] = []
    var chunk: [UInt8] = []
    for scalar in text.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      if chunk.count + bytes.count > bytesPerWord {
        words.append(word(chunk))
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
    return words
  }

  private static func word(_ bytes: [UInt8]) -> String {
    "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
  }

  /// Printable ASCII (space to tilde) and nothing else.
  static func isPrintableASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
  }

  /// `Name: value`, folded at spaces so that no line passes 78 characters where a space allows
  /// (continuation lines start with a space). A first word too long for the first line starts
  /// the second (`List-Unsubscribe:` then ` <https://…>`).
  static func field(_ name: String, _ value: String) -> String {
    var lines: [String] = []
    var line = name + ":"
    for word in value.split(separator: " ", omittingEmptySubsequences: false) {
      if line.utf8.count + 1 + word.utf8.count > 78 {
        lines.append(line)
        line = ""
      }
      line += " " + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}
