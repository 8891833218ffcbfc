import Foundation

/// Where requests go: the base URL of an S3-compatible service and the signing region.
///
/// Requests use path-style addressing, `ENDPOINT/BUCKET/KEY`, which AWS, Google Cloud Storage's
/// XML API (`https://storage.googleapis.com`, HMAC keys), Cloudflare R2 and MinIO all accept.
public struct S3Endpoint: Sendable, Hashable, CustomStringConvertible {
  /// The region used when neither an option nor the environment names one.
  public static let defaultRegion = "us-east-1"

  /// The base URL, without a trailing slash (it may carry a base path).
  public let url: URL
  /// The region that goes into the signature's credential scope.
  public let region: String

  /// Creates an endpoint from a base URL and a region.
  ///
  /// - Throws: `PublishError` with reason `.invalidEndpoint` unless the URL is `http` or
  ///   `https` with a host and no query, fragment or user information, or `.invalidRegion`
  ///   for an empty or malformed region.
  public init(url: URL, region: String) throws {
    try Self.validate(region: region)
    self.url = try Self.validated(url.absoluteString)
    self.region = region
  }

  /// Resolves the endpoint from command-line options and the environment.
  ///
  /// The region is `region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`.
  /// The endpoint is `endpoint`, else `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`, else
  /// AWS's regional endpoint `https://s3.REGION.amazonaws.com`. Empty values count as unset.
  ///
  /// - Throws: `PublishError` with reason `.invalidEndpoint` or `.invalidRegion`.
  public init(
    region: String? = nil, endpoint: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    func firstSet(_ values: String?...) -> String? {
      values.lazy.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
        .first { !$0.isEmpty }
    }
    let resolvedRegion =
      firstSet(region, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"])
      ?? Self.defaultRegion
    try Self.validate(region: resolvedRegion)
    let resolvedEndpoint =
      firstSet(endpoint, environment["AWS_ENDPOINT_URL_S3"], environment["AWS_ENDPOINT_URL"])
      ?? "https://s3.\(resolvedRegion).amazonaws.com"
    self.url = try Self.validated(resolvedEndpoint)
    self.region = resolvedRegion
  }

  /// The endpoint URL, as shown in messages.
  public var description: String { url.absoluteString }

  /// The path-style URL of a bucket (`key` empty) or of an object, with an optional query.
  ///
  /// The bucket and every segment of the key are URI-encoded the way SigV4 requires, `/` kept
  /// between segments; query names and values are encoded too.
  func url(bucket: String, key: String = "", query: [(String, String)] = []) throws -> URL {
    var text = url.absoluteString + "/" + URIEncoding.encode(bucket)
    if !key.isEmpty {
      text += "/" + URIEncoding.encode(key, keepingSlashes: true)
    }
    if !query.isEmpty {
      text +=
        "?"
        + query.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }
        .joined(separator: "&")
    }
    guard let result = URL(string: text) else {
      throw PublishError(
        operation: .configuration, subject: key,
        reason: .invalidEndpoint(problem: "cannot build a request URL for key \"\(key)\""))
    }
    return result
  }

  private static func validated(_ text: String) throws -> URL {
    func invalid(_ problem: String) -> PublishError {
      PublishError(
        operation: .configuration, subject: nil,
        reason: .invalidEndpoint(problem: "invalid endpoint: \(problem)"))
    }
    var trimmed = text
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let components = URLComponents(string: trimmed) else {
      throw invalid("\"\(Self.redactingUserInfo(text))\" is not a URL")
    }
    guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
    else {
      throw invalid(
        "\"\(Self.redactingUserInfo(text))\" must start with http:// or https://")
    }
    guard components.user == nil, components.password == nil else {
      throw invalid("the endpoint URL must not carry credentials; use AWS_ACCESS_KEY_ID")
    }
    guard let host = components.host, !host.isEmpty else {
      throw invalid("\"\(text)\" has no host")
    }
    guard components.query == nil, components.fragment == nil else {
      throw invalid("\"\(text)\" must not have a query or a fragment")
    }
    guard let url = components.url else { throw invalid("\"\(text)\" is not a URL") }
    return url
  }

  private static func validate(region: String) throws {
    let valid =
      !region.isEmpty && region.count <= 64
      && region.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": true
        default: false
        }
      }
    guard valid else {
      throw PublishError(
        operation: .configuration, subject: region,
        reason: .invalidRegion(
          problem: "invalid region \"\(region)\": use a name like us-east-1 (or auto for R2)"))
    }
  }

  /// The text with anything between `://` and `@` replaced, so a pasted URL with a password
  /// is never echoed back.
  private static func redactingUserInfo(_ text: String) -> String {
    guard let schemeEnd = text.range(of: "://"),
      let at = text[schemeEnd.upperBound...].firstIndex(of: "@")
    else { return text }
    return text[..<schemeEnd.upperBound] + "…@" + text[text.index(after: at)...]
  }
}
