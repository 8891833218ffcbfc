/// The result of signing one request with AWS Signature Version 4.
///
/// Besides the headers to send, it keeps the intermediate strings, which is what one compares
/// with the `CanonicalRequest` and `StringToSign` a server returns in a
/// `SignatureDoesNotMatch` error.
public struct SigV4Signature: Sendable, Equatable {
  /// The canonical request that was hashed.
  public let canonicalRequest: String
  /// The string that was signed.
  public let stringToSign: String
  /// The lower-case hex signature.
  public let signature: String
  /// The `;`-separated, sorted, lower-case names of the signed headers.
  public let signedHeaders: String
  /// The value of the `Authorization` header.
  public let authorization: String
  /// Every header to send with the request: the caller's, `x-amz-date`, `x-amz-content-sha256`
  /// (for S3), `x-amz-security-token` (with a session token) and `Authorization`.
  ///
  /// `Host` is not included: HTTP clients derive it from the URL, which is what was signed.
  public let headers: [String: String]
}
