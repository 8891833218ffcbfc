/// One object in object storage, written `s3://BUCKET/KEY`: where a partition build's state goes
/// and where `merge` reads it from.
///
/// The key is normalised as ``S3Location`` normalises a prefix (no leading slash, empty segments
/// removed), so `s3://states//run/part-0.state` means bucket `states`, key `run/part-0.state`.
public struct S3ObjectLocation: Sendable, Hashable, CustomStringConvertible {
  /// The bucket name.
  public let bucket: String
  /// The object key: not empty, no leading or trailing slash.
  public let key: String

  /// Parses `s3://BUCKET/KEY`.
  ///
  /// - Throws: `PublishError` with reason `.invalidLocation` for anything else, a bucket
  ///   alone, or a key that ends in `/` (a prefix, not an object).
  public init(_ string: String) throws {
    let location = try S3Location(string)
    guard !location.prefix.isEmpty, !string.hasSuffix("/") else {
      throw PublishError(
        operation: .configuration, subject: string,
        reason: .invalidLocation(
          problem: "invalid S3 object \"\(string)\": expected s3://BUCKET/KEY, a key that does "
            + "not end in /"))
    }
    self.init(bucket: location.bucket, normalisedKey: String(location.prefix.dropLast()))
  }

  /// The object `name` directly under a prefix.
  public init(_ location: S3Location, name: String) {
    self.init(bucket: location.bucket, normalisedKey: location.key(forRelativePath: name))
  }

  private init(bucket: String, normalisedKey: String) {
    self.bucket = bucket
    self.key = normalisedKey
  }

  /// Whether `text` is written as an object store location (`s3://…`, any case) rather than a
  /// local path.
  public static func matches(_ text: String) -> Bool {
    text.lowercased().hasPrefix("s3://")
  }

  /// The location written back as `s3://BUCKET/KEY`.
  public var description: String { "s3://\(bucket)/\(key)" }
}
