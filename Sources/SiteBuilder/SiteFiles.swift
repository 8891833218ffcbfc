import Foundation

/// A complete site in memory: relative paths (`index.html`, `charts/30d/genres.svg`) and their
/// bytes. Built in full before anything is written, so a failure never leaves half a site.
public struct SiteFiles: Sendable, Equatable {
  /// The files by relative path, with `/` separators.
  public private(set) var files: [String: Data] = [:]

  /// An empty site.
  public init() {}

  /// Adds or replaces a file.
  public mutating func add(_ path: String, _ contents: Data) {
    precondition(!path.hasPrefix("/") && !path.contains(".."), "site paths are relative: \(path)")
    files[path] = contents
  }

  /// Adds or replaces a text file (UTF-8).
  public mutating func add(_ path: String, text: String) { add(path, Data(text.utf8)) }

  /// The paths in order.
  public var paths: [String] { files.keys.sorted() }
}
