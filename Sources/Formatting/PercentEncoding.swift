/// Percent-encoding of text for URLs (RFC 3986): every byte of the UTF-8 form as `%XX`
/// (upper-case hex) except the unreserved characters `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`
/// and `~`; `/` is kept only when asked. Space becomes `%20`, never `+`. Used by S3 request
/// signing and by the digest's track links.
public enum PercentEncoding {
  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// `string` encoded, keeping `/` when `keepingSlashes` is set: `"a b/é"` → `"a%20b%2F%C3%A9"`.
  public static func encode(_ string: String, keepingSlashes: Bool = false) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(string.utf8.count)
    for byte in string.utf8 {
      if isUnreserved(byte) || (keepingSlashes && byte == UInt8(ascii: "/")) {
        bytes.append(byte)
      } else {
        bytes.append(UInt8(ascii: "%"))
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0x0F)])
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Letters, digits, `-`, `.`, `_` and `~`.
  public static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"),
      UInt8(ascii: "~"):
      true
    default: false
    }
  }
}
