import Foundation

/// A file of the folder being published.
public struct LocalFile: Sendable, Hashable {
  /// The path relative to the folder, with `/` separators, such as `charts/genres.svg`.
  public let relativePath: String
  /// Where the file is on disk.
  public let url: URL
  /// The size in bytes.
  public let size: Int64
  /// The lower-case hex MD5 of the content, comparable with a single-part upload's ETag.
  public let md5: String

  /// Creates a file description.
  public init(relativePath: String, url: URL, size: Int64, md5: String) {
    self.relativePath = relativePath
    self.url = url
    self.size = size
    self.md5 = md5
  }
}
