import CLibCrypto

/// The hashes TuneDash needs — SHA-256 and HMAC-SHA-256 for pseudonyms, tokens and S3 signing,
/// MD5 for S3's ETags and `Content-MD5` — computed by the system's OpenSSL (libcrypto), so that
/// no copy of a cryptography library is compiled into TuneDash.
///
/// ```swift
/// Hash.hex(Hash.sha256(Array("abc".utf8)))  // "ba7816bf…"
/// ```
public enum Hash {
  /// The SHA-256 digest of `bytes` (32 bytes).
  public static func sha256(_ bytes: some Sequence<UInt8>) -> [UInt8] {
    digest(Array(bytes), EVP_sha256())
  }

  /// The MD5 digest of `bytes` (16 bytes). Not for security: S3 uses it as a checksum.
  public static func md5(_ bytes: some Sequence<UInt8>) -> [UInt8] {
    digest(Array(bytes), EVP_md5())
  }

  /// HMAC-SHA-256 of `message` under `key` (RFC 2104; 32 bytes).
  public static func hmacSHA256(key: some Sequence<UInt8>, message: some Sequence<UInt8>) -> [UInt8]
  {
    let (key, message) = (Array(key), Array(message))
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let done = key.withUnsafeBytes { key in
      message.withUnsafeBytes { message in
        HMAC(
          EVP_sha256(), key.baseAddress, Int32(key.count),
          message.bindMemory(to: UInt8.self).baseAddress,
          message.count, &out, &length)
      }
    }
    precondition(done != nil && length == 32, "libcrypto's HMAC-SHA-256 failed")
    return Array(out.prefix(Int(length)))
  }

  /// Lower-case hex of any byte sequence.
  public static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `bytes` hashed with `algorithm` in one call.
  private static func digest(_ bytes: [UInt8], _ algorithm: OpaquePointer?) -> [UInt8] {
    var hasher = Hasher(algorithm)
    hasher.update(bytes)
    return hasher.finalize()
  }
}
