import Crypto
import Foundation

/// Walks a folder and describes every file to publish.
///
/// Hidden entries — any file or folder whose name starts with `.`, such as `.DS_Store` or
/// `.tunedash/` — are skipped with everything below them, and so are symbolic links and
/// anything that is not a regular file. The folder itself may be a symbolic link.
public enum LocalFolderScanner {
  private static let chunkSize = 1 << 20

  /// The publishable files under `folder`, sorted by relative path.
  ///
  /// - Throws: `PublishError` with operation `.scan` when the folder is missing or unreadable,
  ///   or a file cannot be read.
  public static func scan(_ folder: URL) throws -> [LocalFile] {
    let root = folder.standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
      throw failure(root, .unreadableFolder(problem: "the folder does not exist"))
    }
    guard isDirectory.boolValue else {
      throw failure(root, .unreadableFolder(problem: "it is not a folder"))
    }
    var files: [LocalFile] = []
    try walk(root, relativePrefix: "", root: root, into: &files)
    return files.sorted { $0.relativePath < $1.relativePath }
  }

  /// The lower-case hex MD5 of a file, read in 1 MiB chunks.
  public static func md5(of url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = Insecure.MD5()
    while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
      hasher.update(data: chunk)
    }
    return Digests.hex(hasher.finalize())
  }

  private static func walk(
    _ directory: URL, relativePrefix: String, root: URL, into files: inout [LocalFile]
  ) throws {
    let keys: [URLResourceKey] = [
      .isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey, .fileSizeKey,
    ]
    let entries: [URL]
    do {
      entries = try FileManager.default.contentsOfDirectory(
        at: directory, includingPropertiesForKeys: keys)
    } catch {
      throw failure(
        root, .unreadableFolder(problem: "cannot list \(directory.path): \(reason(error))"))
    }
    for entry in entries {
      let name = entry.lastPathComponent
      guard !name.hasPrefix(".") else { continue }
      let relativePath = relativePrefix + name
      do {
        let values = try entry.resourceValues(forKeys: Set(keys))
        if values.isSymbolicLink == true { continue }
        if values.isDirectory == true {
          try walk(entry, relativePrefix: relativePath + "/", root: root, into: &files)
        } else if values.isRegularFile == true {
          files.append(
            LocalFile(
              relativePath: relativePath, url: entry, size: Int64(values.fileSize ?? 0),
              md5: try md5(of: entry)))
        }
      } catch let error as PublishError {
        throw error
      } catch {
        throw failure(
          root, .unreadableFile(problem: "cannot read \(relativePath): \(reason(error))"))
      }
    }
  }

  private static func failure(_ root: URL, _ reason: PublishError.Reason) -> PublishError {
    PublishError(operation: .scan, subject: root.path, reason: reason)
  }

  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return POSIXError(code).localizedDescription
    }
    return nsError.localizedDescription
  }
}
