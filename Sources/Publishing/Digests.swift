import Crypto
import Foundation

/// The hashes S3 requests need, as the text forms S3 expects.
enum Digests {
  /// Lower-case hex SHA-256, for `x-amz-content-sha256` and the canonical request hash.
  static func sha256Hex(_ data: some DataProtocol) -> String {
    hex(SHA256.hash(data: data))
  }

  /// Lower-case hex MD5, the form of a single-part upload's ETag.
  static func md5Hex(_ data: some DataProtocol) -> String {
    hex(Insecure.MD5.hash(data: data))
  }

  /// Base64 MD5, for the `Content-MD5` header.
  static func md5Base64(_ data: some DataProtocol) -> String {
    Data(Insecure.MD5.hash(data: data)).base64EncodedString()
  }

  /// Lower-case hex of any byte sequence.
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
