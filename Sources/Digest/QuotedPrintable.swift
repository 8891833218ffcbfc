/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: readable where the text is ASCII, safe for
/// any byte, lines of at most 76 characters.
///
/// Printable ASCII stays as is except `=`; a space or tab is encoded at the end of a line (where
/// transports strip it); every other byte becomes `=XX`. Long lines get soft breaks (`=` at the
/// end of a line). Two more bytes are encoded for robustness: a `.` that starts a line (which
/// SMTP would otherwise double) and the `F` of a line starting `From ` (which mbox files would
/// turn into `>From `).
enum QuotedPrintable {
  static let maxLine = 76
  private static let hex = Array("0123456789ABCDEF".utf8)

  /// `text` (lines separated by `\n`) encoded, lines separated by `\n`.
  static func encode(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { encodeLine(Array($0.utf8)) }
      .joined(separator: "\n")
  }

  private static func encodeLine(_ bytes: [UInt8]) -> String {
    var lines: [[UInt8]] = []
    var line: [UInt8] = []
    let startsWithFrom = bytes.starts(with: Array("From ".utf8))
    for (index, byte) in bytes.enumerated() {
      let isLast = index == bytes.count - 1
      let literal: Bool
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"): literal = !isLast
      case UInt8(ascii: "="): literal = false
      case UInt8(ascii: "."): literal = index != 0
      case UInt8(ascii: "F"): literal = !(index == 0 && startsWithFrom)
      case 0x21...0x7E: literal = true
      default: literal = false
      }
      let piece =
        literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      // Keep room for the soft break's `=`, except on the line's last piece.
      let limit = isLast ? maxLine : maxLine - 1
      if line.count + piece.count > limit {
        lines.append(line + [UInt8(ascii: "=")])
        line = []
      }
      line += piece
    }
    lines.append(line)
    return lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
  }
}
