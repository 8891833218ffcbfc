import CLibCrypto

/// A digest computed piece by piece (a large file in chunks), by libcrypto.
///
/// ```swift
/// var md5 = Hasher.md5()
/// md5.update(chunk)
/// let digest = md5.finalize()
/// ```
public struct Hasher: ~Copyable {
  private let context: OpaquePointer

  /// An MD5 hasher (S3's checksum; not for security).
  public static func md5() -> Hasher { Hasher(EVP_md5()) }

  /// A SHA-256 hasher.
  public static func sha256() -> Hasher { Hasher(EVP_sha256()) }

  init(_ algorithm: OpaquePointer?) {
    guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, algorithm, nil) == 1 else {
      preconditionFailure("libcrypto could not start a digest (out of memory?)")
    }
    self.context = context
  }

  deinit { EVP_MD_CTX_free(context) }

  /// Adds `bytes` to the digest.
  public mutating func update(_ bytes: some Sequence<UInt8>) {
    let bytes = Array(bytes)
    let done = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    precondition(done == 1, "libcrypto could not update a digest")
  }

  /// The digest of everything added.
  public consuming func finalize() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    precondition(
      EVP_DigestFinal_ex(context, &out, &length) == 1, "libcrypto could not finish a digest")
    return Array(out.prefix(Int(length)))
  }
}
