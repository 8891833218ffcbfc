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
      // At most 3 characters a byte, and a soft break (2) every 73 of those at the least.
      let capacity = bytes.count * 3 + (bytes.count * 3 / 73 + 1) * 2 + 1
      return String(unsafeUninitializedCapacity: capacity) { output in
        var count = 0
        var start = 0
        while true {
          let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
          encodeLine(bytes[start..<end], into: output, at: &count)
          guard end < bytes.count else { break }
          output[count] = newline
          count += 1
          start = end + 1
        }
        return count
      }
    }
  }

  private static let newline = UInt8(ascii: "\n")
  private static let from = Array("From ".utf8)

  /// Writes one line (without its `\n`), with soft breaks, to `output` from `count` on, and
  /// advances `count`.
  private static func encodeLine(
    _ bytes: Slice<UnsafeBufferPointer<UInt8>>, into output: UnsafeMutableBufferPointer<UInt8>,
    at count: inout Int
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
        output[count] = UInt8(ascii: "=")
        output[count + 1] = newline
        count += 2
        length = 0
        literal = isLiteral(startingLine: true)
      }
      if literal {
        output[count] = byte
        count += 1
        length += 1
      } else {
        output[count] = UInt8(ascii: "=")
        output[count + 1] = hex[Int(byte >> 4)]
        output[count + 2] = hex[Int(byte & 0x0F)]
        count += 3
        length += 3
      }
    }
  }
}
