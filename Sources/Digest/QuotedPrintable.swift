/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: readable where the text is ASCII, safe for
/// any byte, lines of at most 76 characters.
///
/// Printable ASCII stays as is except `=`; a space or tab is encoded at the end of a line (where
/// transports strip it); every other byte becomes `=XX`. Long lines get soft breaks (`=` at the
/// end of a line). Two more bytes are encoded for robustness: a `.` that starts a line (which
/// SMTP would otherwise double) and the `F` of a line starting `From ` (which mbox files would
/// turn into `>From `) — lines as sent, so also after a soft break.
enum QuotedPrintable {
  static let maxLine = 76
  private static let hex = Array("0123456789ABCDEF".utf8)

  /// `text` (lines separated by `\n`) encoded, lines separated by `\n`: one pass over its UTF-8
  /// bytes into one buffer (a digest run encodes tens of thousands of messages).
  static func encode(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count + bytes.count / 8)
      var start = 0
      while true {
        let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
        encodeLine(bytes[start..<end], into: &output)
        guard end < bytes.count else { break }
        output.append(newline)
        start = end + 1
      }
      return String(decoding: output, as: UTF8.self)
    }
  }

  private static let newline = UInt8(ascii: "\n")
  private static let from = Array("From ".utf8)

  /// Appends one line (without its `\n`), with soft breaks, to `output`.
  private static func encodeLine(
    _ bytes: Slice<UnsafeBufferPointer<UInt8>>, into output: inout [UInt8]
  ) {
    let last = bytes.endIndex - 1
    var length = 0
    for index in bytes.indices {
      let byte = bytes[index]
      let isLast = index == last
      /// Whether the byte stays as it is, where a physical line starts or not.
      func isLiteral(startingLine: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"): !isLast
        case UInt8(ascii: "="): false
        case UInt8(ascii: "."): !startingLine
        case UInt8(ascii: "F"): !(startingLine && bytes[index...].starts(with: from))
        case 0x21...0x7E: true
        default: false
        }
      }
      var literal = isLiteral(startingLine: length == 0)
      // Keep room for the soft break's `=`, except on the line's last piece.
      if length + (literal ? 1 : 3) > (isLast ? maxLine : maxLine - 1) {
        output.append(UInt8(ascii: "="))
        output.append(newline)
        length = 0
        literal = isLiteral(startingLine: true)
      }
      if literal {
        output.append(byte)
        length += 1
      } else {
        output.append(UInt8(ascii: "="))
        output.append(hex[Int(byte >> 4)])
        output.append(hex[Int(byte & 0x0F)])
        length += 3
      }
    }
  }
}
