import Foundation

/// A private folder (mode 0700) under the temporary directory (`$TMPDIR`), for state files on
/// their way to or from object storage; removed with everything in it when the value goes away.
final class ScratchFolder {
  let url: URL

  /// Creates the folder.
  /// - Throws: `CommandError` (exit 73) when the temporary directory is not writable.
  init() throws {
    var template = Array(
      FileManager.default.temporaryDirectory.appendingPathComponent("tunedash-states-XXXXXX").path
        .utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw CommandError(
        message: "cannot create a private folder in \(FileManager.default.temporaryDirectory.path)",
        hint: "state files pass through it; set TMPDIR to a writable folder with space",
        status: .cannotWrite)
    }
    url = URL(fileURLWithPath: String(cString: made), isDirectory: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// A path inside the folder.
  func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
