import Foundation

/// A folder under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder: Sendable {
  /// The folder.
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appending(
      path: "publishing-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes a text file, creating intermediate folders.
  func write(_ relativePath: String, _ text: String) throws {
    try write(relativePath, Data(text.utf8))
  }

  /// Writes a file, creating intermediate folders.
  func write(_ relativePath: String, _ data: Data) throws {
    let file = url.appending(path: relativePath)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
  }

  /// Removes a file.
  func remove(_ relativePath: String) throws {
    try FileManager.default.removeItem(at: url.appending(path: relativePath))
  }

  /// Reads a file back.
  func read(_ relativePath: String) throws -> Data {
    try Data(contentsOf: url.appending(path: relativePath))
  }
}
