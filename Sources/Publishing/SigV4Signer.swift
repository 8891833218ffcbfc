import Foundation
import Hashing

/// Signs HTTP requests with AWS Signature Version 4 (header form, signed payload).
///
/// The signer is a pure function of its inputs: the time is passed in, so the same request
/// signed at the same instant always gives the same signature. For the `s3` service it also
/// sends and signs `x-amz-content-sha256`, as S3 requires; with a session token it sends and
/// signs `x-amz-security-token`.
///
/// The canonical URI is the URL's path with every segment URI-encoded once, `/` kept, and no
/// dot-segment normalisation (S3's rule). The canonical query string is every parameter encoded
/// per RFC 3986 and sorted by name, then value.
public struct SigV4Signer: Sendable {
  /// The signing algorithm name that starts the string to sign and the `Authorization` header.
  public static let algorithm = "AWS4-HMAC-SHA256"
  /// The hex SHA-256 of an empty body.
  public static let emptyPayloadHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

  /// The credentials requests are signed with.
  public let credentials: S3Credentials
  /// The region of the credential scope, such as `us-east-1` (`auto` for Cloudflare R2).
  public let region: String
  /// The service of the credential scope: `s3` for object storage.
  public let service: String

  /// Creates a signer for one region and service.
  public init(credentials: S3Credentials, region: String, service: String = "s3") {
    self.credentials = credentials
    self.region = region
    self.service = service
  }

  /// The hex SHA-256 of a request body, the value of `x-amz-content-sha256`.
  public static func payloadHash(of body: some DataProtocol) -> String {
    Digests.sha256Hex(body)
  }

  /// Signs a request.
  ///
  /// - Parameters:
  ///   - method: The HTTP method, such as `GET` or `PUT`.
  ///   - url: The full request URL; its host, path and query are signed.
  ///   - headers: Further headers to send and sign (names are case-insensitive). Any `Host`,
  ///     `x-amz-date`, `x-amz-content-sha256` or `x-amz-security-token` given here is replaced
  ///     by the signer's own.
  ///   - payloadHash: The hex SHA-256 of the body (see `payloadHash(of:)`).
  ///   - date: The signing time; it becomes `x-amz-date` and the scope's date.
  /// - Returns: The headers to send and the intermediate strings.
  public func sign(
    method: String, url: URL, headers: [String: String] = [:],
    payloadHash: String = SigV4Signer.emptyPayloadHash, date: Date
  ) -> SigV4Signature {
    let (amzDate, day) = Self.timestamps(for: date)
    let managed: Set<String> = [
      "host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization",
    ]

    var outgoing: [String: String] = [:]
    var canonical: [String: String] = [:]
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      let lowered = name.lowercased()
      guard !managed.contains(lowered) else { continue }
      outgoing[name] = value
      let trimmed = Self.trimAll(value)
      canonical[lowered] = canonical[lowered].map { "\($0),\(trimmed)" } ?? trimmed
    }
    var added: [String: String] = ["x-amz-date": amzDate]
    if service == "s3" { added["x-amz-content-sha256"] = payloadHash }
    if let token = credentials.sessionToken { added["x-amz-security-token"] = token }
    for (name, value) in added {
      outgoing[name] = value
      canonical[name] = Self.trimAll(value)
    }
    canonical["host"] = Self.hostHeader(for: url)

    let names = canonical.keys.sorted()
    let signedHeaders = names.joined(separator: ";")
    let canonicalRequest = [
      method.uppercased(),
      Self.canonicalURI(for: url),
      Self.canonicalQuery(for: url),
      names.map { "\($0):\(canonical[$0] ?? "")\n" }.joined(),
      signedHeaders,
      payloadHash,
    ].joined(separator: "\n")

    let scope = "\(day)/\(region)/\(service)/aws4_request"
    let stringToSign = [
      Self.algorithm, amzDate, scope, Digests.sha256Hex(Data(canonicalRequest.utf8)),
    ].joined(separator: "\n")
    let signature = Hash.hex(Self.hmac(signingKey(forDay: day), stringToSign))
    let authorization =
      "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
      + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
    outgoing["Authorization"] = authorization

    return SigV4Signature(
      canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
      signedHeaders: signedHeaders, authorization: authorization, headers: outgoing)
  }

  /// The derived signing key for a scope date written `yyyyMMdd`.
  func signingKey(forDay day: String) -> [UInt8] {
    var key = Array(("AWS4" + credentials.secretAccessKey).utf8)
    for part in [day, region, service, "aws4_request"] {
      key = Self.hmac(key, part)
    }
    return key
  }

  // MARK: - Canonical forms

  /// The canonical URI: every path segment decoded, then encoded once with SigV4's rules.
  static func canonicalURI(for url: URL) -> String {
    let path = url.path(percentEncoded: true)
    guard !path.isEmpty else { return "/" }
    return path.split(separator: "/", omittingEmptySubsequences: false)
      .map { URIEncoding.encode(URIEncoding.decode(String($0))) }
      .joined(separator: "/")
  }

  /// The canonical query string: every parameter re-encoded, sorted by name then value, and
  /// `name=` written for a parameter without a value.
  static func canonicalQuery(for url: URL) -> String {
    guard let query = url.query(percentEncoded: true), !query.isEmpty else { return "" }
    let pairs = query.split(separator: "&").map { item -> (name: String, value: String) in
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = URIEncoding.encode(URIEncoding.decode(String(parts[0])))
      let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(String(parts[1]))) : ""
      return (name, value)
    }
    return pairs.sorted { $0.name != $1.name ? $0.name < $1.name : $0.value < $1.value }
      .map { "\($0.name)=\($0.value)" }
      .joined(separator: "&")
  }

  /// The `Host` header an HTTP client sends for `url`: the host, plus the port when it is not
  /// the scheme's default.
  static func hostHeader(for url: URL) -> String {
    var host = (url.host(percentEncoded: false) ?? "").lowercased()
    if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
    let scheme = url.scheme?.lowercased()
    if let port = url.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
      host += ":\(port)"
    }
    return host
  }

  /// Trims a header value and collapses runs of spaces, as SigV4's `Trimall` does.
  static func trimAll(_ value: String) -> String {
    value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd` in UTC.
  static func timestamps(for date: Date) -> (amzDate: String, day: String) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func pad(_ value: Int?, _ width: Int) -> String {
      let text = String(value ?? 0)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    let day = pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
    let time = pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2)
    return (day + "T" + time + "Z", day)
  }

  private static func hmac(_ key: [UInt8], _ message: String) -> [UInt8] {
    Hash.hmacSHA256(key: key, message: message.utf8)
  }
}
