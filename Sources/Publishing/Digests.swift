import Foundation
import Hashing

/// The hashes S3 requests need, as the text forms S3 expects.
enum Digests {
  /// Lower-case hex SHA-256, for `x-amz-content-sha256` and the canonical request hash.
  static func sha256Hex(_ data: some DataProtocol) -> String {
    Hash.hex(Hash.sha256(data))
  }

  /// Lower-case hex MD5, the form of a single-part upload's ETag.
  static func md5Hex(_ data: some DataProtocol) -> String {
    Hash.hex(Hash.md5(data))
  }

  /// Base64 MD5, for the `Content-MD5` header.
  static func md5Base64(_ data: some DataProtocol) -> String {
    Data(Hash.md5(data)).base64EncodedString()
  }

}
