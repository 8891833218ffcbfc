import Foundation

/// One object of a bucket listing.
public struct S3Object: Sendable, Hashable {
  /// The full object key.
  public let key: String
  /// The size in bytes.
  public let size: Int64
  /// The entity tag without its surrounding quotes, lower-cased: the hex MD5 of the content for
  /// a single-part upload, `hex-N` for a multipart one.
  public let etag: String

  /// Creates an object description; surrounding quotes are removed from `etag`.
  public init(key: String, size: Int64, etag: String) {
    self.key = key
    self.size = size
    var trimmed = etag.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("W/") { trimmed.removeFirst(2) }
    while trimmed.hasPrefix("\"") { trimmed.removeFirst() }
    while trimmed.hasSuffix("\"") { trimmed.removeLast() }
    self.etag = trimmed.lowercased()
  }
}
