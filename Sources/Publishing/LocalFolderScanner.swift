import Foundation
import Hashing

/// Walks a site folder and describes every file to publish.
///
/// Only a folder that carries the site marker (the file a build writes into every complete
/// site it swaps in) is scanned at all: pointing `publish` at a project folder, a home folder or
/// a half-written copy is refused before anything is listed or sent.
///
/// Hidden entries — any file or folder whose name starts with `.`, such as `.DS_Store` or
/// `.tunedash/` — are skipped with everything below them, and so are symbolic links and
/// anything that is not a regular file. The folder itself may be a symbolic link. Files that
/// ``PrivateFile`` recognises (databases, state, keys, locks) are withheld and reported.
public enum LocalFolderScanner {
  private static let chunkSize = 1 << 20

  /// What a scan found: the files to publish and the private files it left out.
  public struct Scan: Sendable, Equatable {
    /// The publishable files, sorted by relative path.
    public var files: [LocalFile]
    /// The private files that are never published, sorted by relative path.
    public var withheld: [WithheldFile]
  }

  /// The publishable files under `folder`, which must hold the file named `siteMarker`.
  ///
  /// - Throws: `PublishError` with operation `.scan` when the folder is missing or unreadable,
  ///   is not a site (no marker), or a file cannot be read.
  public static func scan(_ folder: URL, siteMarker: String) throws -> Scan {
    let root = try checkSite(folder, siteMarker: siteMarker)
    var scan = Scan(files: [], withheld: [])
    try walk(root, relativePrefix: "", root: root, into: &scan)
    scan.files.sort { $0.relativePath < $1.relativePath }
    scan.withheld.sort { $0.relativePath < $1.relativePath }
    return scan
  }

  /// `folder`, standardized, once it is known to be a site folder (it exists, is a folder, and
  /// holds `siteMarker`): what `publish` checks before anything else, credentials included.
  ///
  /// - Throws: `PublishError` with operation `.scan` when it is not.
  public static func checkSite(_ folder: URL, siteMarker: String) throws -> URL {
    let root = folder.standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
      throw failure(root, .unreadableFolder(problem: "the folder does not exist"))
    }
    guard isDirectory.boolValue else {
      throw failure(root, .unreadableFolder(problem: "it is not a folder"))
    }
    let marker = root.appendingPathComponent(siteMarker)
    guard FileManager.default.fileExists(atPath: marker.path) else {
      throw failure(root, .notASite(marker: siteMarker))
    }
    return root
  }

  /// The first 16 bytes of a file (fewer when it is shorter), enough to recognise a database.
  static func firstBytes(of url: URL) throws -> Data {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    return try handle.read(upToCount: PrivateFile.sqliteHeader.count) ?? Data()
  }

  /// The lower-case hex MD5 of a file, read in 1 MiB chunks.
  public static func md5(of url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = Hasher.md5()
    while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
      hasher.update(chunk)
    }
    return Hash.hex(hasher.finalize())
  }

  private static func walk(
    _ directory: URL, relativePrefix: String, root: URL, into scan: inout Scan
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
          try walk(entry, relativePrefix: relativePath + "/", root: root, into: &scan)
        } else if values.isRegularFile == true {
          if let kind = PrivateFile.classify(name: name, firstBytes: try firstBytes(of: entry)) {
            scan.withheld.append(WithheldFile(relativePath: relativePath, kind: kind))
            continue
          }
          scan.files.append(
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
