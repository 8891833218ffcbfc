import Foundation

/// One request before signing: what the transport sends, possibly several times.
struct S3Request: Sendable {
  /// The HTTP method.
  var method: String
  /// The full URL, path and query already encoded.
  var url: URL
  /// Headers to send and sign, besides the ones the signer adds.
  var headers: [String: String]
  /// The body, if any.
  var body: Data?
  /// The hex SHA-256 of the body.
  var payloadHash: String

  /// Creates a request and hashes its body.
  init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.payloadHash = body.map { Digests.sha256Hex($0) } ?? SigV4Signer.emptyPayloadHash
  }
}

/// A successful answer.
struct S3Response: Sendable {
  /// The HTTP status.
  var status: Int
  /// The body.
  var body: Data
}
