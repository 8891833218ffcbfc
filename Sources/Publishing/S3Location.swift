/// A destination in object storage: a bucket and a key prefix, written `s3://BUCKET/PREFIX`.
///
/// The prefix is normalised: no leading slash, empty segments removed, and a trailing slash
/// when it is not empty, so `s3://site//blog` and `s3://site/blog/` both mean bucket `site`,
/// prefix `blog/`.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
  /// The bucket name.
  public let bucket: String
  /// The key prefix, empty or ending in `/`.
  public let prefix: String

  /// Parses `s3://BUCKET` or `s3://BUCKET/PREFIX`.
  ///
  /// - Throws: `PublishError` with reason `.invalidLocation` for anything else.
  public init(_ string: String) throws {
    let scheme = "s3://"
    guard string.lowercased().hasPrefix(scheme) else {
      throw Self.invalid(string, "expected s3://BUCKET or s3://BUCKET/PREFIX")
    }
    let rest = string.dropFirst(scheme.count)
    let bucket: Substring
    let prefix: Substring
    if let slash = rest.firstIndex(of: "/") {
      bucket = rest[..<slash]
      prefix = rest[rest.index(after: slash)...]
    } else {
      bucket = rest
      prefix = ""
    }
    try self.init(bucket: String(bucket), prefix: String(prefix), original: string)
  }

  /// Creates a location from a bucket name and a prefix, normalising the prefix.
  ///
  /// - Throws: `PublishError` with reason `.invalidLocation` for an invalid bucket name or a
  ///   prefix with `.` or `..` segments or control characters.
  public init(bucket: String, prefix: String = "") throws {
    try self.init(bucket: bucket, prefix: prefix, original: "s3://\(bucket)/\(prefix)")
  }

  private init(bucket: String, prefix: String, original: String) throws {
    if let problem = Self.bucketProblem(bucket) {
      throw Self.invalid(original, problem)
    }
    let segments = prefix.split(separator: "/", omittingEmptySubsequences: true)
    if segments.contains(where: { $0 == "." || $0 == ".." }) {
      throw Self.invalid(original, "the prefix must not contain \".\" or \"..\" segments")
    }
    if prefix.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw Self.invalid(original, "the prefix must not contain control characters")
    }
    self.bucket = bucket
    self.prefix = segments.isEmpty ? "" : segments.joined(separator: "/") + "/"
  }

  /// The location written back as `s3://BUCKET/PREFIX`.
  public var description: String { "s3://\(bucket)/\(prefix)" }

  /// The object key for a path relative to the published folder (`/`-separated).
  public func key(forRelativePath relativePath: String) -> String { prefix + relativePath }

  /// Why `name` is not a usable bucket name, or `nil` when it is.
  ///
  /// The rule is the common ground of AWS, Google Cloud Storage, Cloudflare R2 and MinIO:
  /// 3 to 222 characters among lower-case letters, digits, `.`, `-` and `_`, starting and
  /// ending with a letter or digit.
  static func bucketProblem(_ name: String) -> String? {
    if name.isEmpty { return "the bucket name is missing" }
    guard (3...222).contains(name.count) else {
      return "bucket name \"\(name)\" must be 3 to 222 characters long"
    }
    let allowed = name.unicodeScalars.allSatisfy { scalar in
      switch scalar {
      case "a"..."z", "0"..."9", ".", "-", "_": true
      default: false
      }
    }
    guard allowed else {
      return "bucket name \"\(name)\" may only hold lower-case letters, digits, '.', '-' and '_'"
    }
    let isAlphanumeric: (Character?) -> Bool = { $0?.isLetter == true || $0?.isNumber == true }
    guard isAlphanumeric(name.first), isAlphanumeric(name.last) else {
      return "bucket name \"\(name)\" must start and end with a letter or a digit"
    }
    return nil
  }

  private static func invalid(_ string: String, _ problem: String) -> PublishError {
    PublishError(
      operation: .configuration, subject: string,
      reason: .invalidLocation(problem: "invalid S3 location \"\(string)\": \(problem)"))
  }
}
