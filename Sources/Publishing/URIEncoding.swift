import Formatting

/// Percent-encoding as AWS Signature Version 4 defines it.
///
/// Every byte of the UTF-8 form is encoded as `%XX` (upper-case hex) except the unreserved
/// characters `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_` and `~`; `/` is kept only when asked
/// (object key paths). Space becomes `%20`, never `+`.
enum URIEncoding {
  /// Encodes `string`, keeping `/` when `keepingSlashes` is set (see ``PercentEncoding``).
  static func encode(_ string: String, keepingSlashes: Bool = false) -> String {
    PercentEncoding.encode(string, keepingSlashes: keepingSlashes)
  }

  /// Decodes `%XX` sequences; anything that is not a valid sequence is kept as it is, and `+`
  /// stays a plus sign.
  static func decode(_ string: String) -> String {
    guard string.utf8.contains(UInt8(ascii: "%")) else { return string }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(string.utf8.count)
    var iterator = Array(string.utf8)[...]
    while let byte = iterator.popFirst() {
      if byte == UInt8(ascii: "%"), iterator.count >= 2,
        let high = hexValue(iterator[iterator.startIndex]),
        let low = hexValue(iterator[iterator.startIndex + 1])
      {
        bytes.append(high << 4 | low)
        iterator = iterator.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
