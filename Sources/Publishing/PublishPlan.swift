/// What a publish will do: which files to upload, in which order, and which keys to delete.
///
/// A file is uploaded when its key is not in the listing, or when its MD5 differs from the
/// remote ETag; a multipart ETag (one with a `-`) is never an MD5, so such objects count as
/// changed. Remote keys under the prefix with no local file are deleted, except folder markers
/// (keys ending in `/`) and keys with a hidden segment (such as `.well-known/…`), which the
/// publisher never writes and so leaves alone.
///
/// Uploads are ordered so that a visitor never follows a link to a missing file: first every
/// file that is not HTML (CSS, SVG, JSON, images…), then the HTML pages, then the top-level
/// `index.html`; deletions come after all uploads.
public struct PublishPlan: Sendable, Equatable {
  /// Why a file is uploaded.
  public enum Change: String, Sendable, Equatable {
    /// No object has the file's key yet.
    case new
    /// The object exists with different content.
    case changed
  }

  /// The upload phase a file belongs to; phases run in this order.
  public enum Phase: Int, Sendable, Comparable, CaseIterable {
    /// Everything that is not HTML.
    case assets
    /// HTML pages other than the top-level `index.html`.
    case pages
    /// The top-level `index.html`.
    case homePage

    /// Orders phases by when they run.
    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The phase of a path relative to the published folder.
    public static func of(relativePath: String) -> Phase {
      if relativePath == "index.html" { return .homePage }
      return ObjectHeaders.isHTML(relativePath) ? .pages : .assets
    }
  }

  /// One file to upload.
  public struct Upload: Sendable, Equatable {
    /// The local file.
    public let file: LocalFile
    /// The destination key.
    public let key: String
    /// The `Content-Type` to store.
    public let contentType: String
    /// The `Cache-Control` to store.
    public let cacheControl: String
    /// Whether the object is new or changed.
    public let change: Change
    /// When it is uploaded.
    public let phase: Phase
  }

  /// The key prefix everything lives under.
  public let prefix: String
  /// The uploads, in the order they must happen.
  public let uploads: [Upload]
  /// The keys of local files whose remote copy is already identical.
  public let unchanged: [String]
  /// The keys to delete after all uploads, sorted.
  public let deletions: [String]

  /// Compares local files with the remote listing.
  ///
  /// - Parameters:
  ///   - localFiles: The files to publish, with paths relative to the published folder.
  ///   - remoteObjects: The listing of `prefix`.
  ///   - prefix: The key prefix, empty or ending in `/` (as in `S3Location.prefix`).
  public init(localFiles: [LocalFile], remoteObjects: [S3Object], prefix: String) {
    var remoteByKey: [String: S3Object] = [:]
    for object in remoteObjects { remoteByKey[object.key] = object }

    var uploads: [Upload] = []
    var unchanged: [String] = []
    var localKeys: Set<String> = []
    for file in localFiles {
      let key = prefix + file.relativePath
      localKeys.insert(key)
      let change: Change
      if let remote = remoteByKey[key] {
        if !remote.etag.contains("-"), remote.etag == file.md5.lowercased() {
          unchanged.append(key)
          continue
        }
        change = .changed
      } else {
        change = .new
      }
      uploads.append(
        Upload(
          file: file, key: key,
          contentType: ObjectHeaders.contentType(forPath: file.relativePath),
          cacheControl: ObjectHeaders.cacheControl(forPath: file.relativePath),
          change: change, phase: Phase.of(relativePath: file.relativePath)))
    }

    self.prefix = prefix
    self.uploads = uploads.sorted { ($0.phase, $0.key) < ($1.phase, $1.key) }
    self.unchanged = unchanged.sorted()
    self.deletions = remoteObjects.map(\.key)
      .filter { key in
        guard key.hasPrefix(prefix), !localKeys.contains(key) else { return false }
        return Self.isManaged(relativeKey: String(key.dropFirst(prefix.count)))
      }
      .sorted()
  }

  /// The uploads of one phase, in order.
  public func uploads(in phase: Phase) -> [Upload] { uploads.filter { $0.phase == phase } }

  /// The number of bytes the uploads send.
  public var uploadBytes: Int64 { uploads.reduce(0) { $0 + $1.file.size } }

  /// Whether the destination already matches the folder.
  public var isEmpty: Bool { uploads.isEmpty && deletions.isEmpty }

  /// Whether a remote key (relative to the prefix) is one a publish could have written.
  private static func isManaged(relativeKey: String) -> Bool {
    guard !relativeKey.isEmpty, !relativeKey.hasSuffix("/") else { return false }
    return !relativeKey.split(separator: "/").contains { $0.hasPrefix(".") }
  }
}
