import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The private state files of a build split by listener, kept in object storage so that the
/// machines of a split build need no shared disk and no other storage client: a partition build
/// uploads its `--state-out` file, `merge` downloads them.
///
/// State files hold user ids and search terms. They are uploaded without any ACL header (the
/// object stays as private as the bucket's policy makes it: keep them in a bucket or prefix that
/// no public policy covers), with `Cache-Control: private, no-store`, through the same signed,
/// retried requests as publishing.
///
/// ```swift
/// let store = StateStore(configuration: try S3Configuration())
/// try await store.upload(file: stateFile, to: try S3ObjectLocation("s3://states/run/part-0.state"))
/// let parts = try await store.states(under: try S3Location("s3://states/run/"))
/// ```
public struct StateStore: Sendable {
  /// The file name ending of a state object: the ones ``states(under:)`` lists.
  public static let fileExtension = ".state"
  /// The `Cache-Control` state objects are stored with: never kept by a shared cache.
  public static let cacheControl = "private, no-store"
  /// The `Content-Type` state objects are stored with.
  public static let contentType = "application/octet-stream"

  /// Endpoint, credentials and retry settings.
  public let configuration: S3Configuration
  let session: URLSession

  /// Creates a store that talks to the endpoint of `configuration`.
  public init(configuration: S3Configuration, session: URLSession = S3Client.session) {
    self.configuration = configuration
    self.session = session
  }

  /// Uploads a local state file to `object` (one PUT, checked by `Content-MD5`).
  ///
  /// The file is mapped, not copied into memory.
  ///
  /// - Throws: `PublishError`: `.unreadableFile` when the file cannot be read, or the request's
  ///   failure after retries.
  public func upload(file: URL, to object: S3ObjectLocation) async throws {
    let body: Data
    do {
      body = try Data(contentsOf: file, options: .alwaysMapped)
    } catch {
      throw PublishError(
        operation: .upload, subject: object.key,
        reason: .unreadableFile(problem: "cannot read \(file.path): \(error.localizedDescription)"))
    }
    try await client(object.bucket).put(
      key: object.key, body: body, contentType: Self.contentType, cacheControl: Self.cacheControl)
  }

  /// Downloads `object` into a new private file (mode 0600) at `file`.
  ///
  /// - Returns: `false` when there is no such object (nothing is written).
  /// - Throws: `PublishError`: the request's failure after retries, or `.unreadableFile` when
  ///   the file cannot be written.
  public func download(_ object: S3ObjectLocation, to file: URL) async throws -> Bool {
    guard let data = try await client(object.bucket).get(key: object.key) else { return false }
    let written =
      FileManager.default.createFile(
        atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
    do {
      guard written else { throw CocoaError(.fileWriteUnknown) }
      let handle = try FileHandle(forWritingTo: file)
      defer { try? handle.close() }
      try handle.write(contentsOf: data)
    } catch {
      throw PublishError(
        operation: .download, subject: object.key,
        reason: .unreadableFile(problem: "cannot write \(file.path): \(error.localizedDescription)")
      )
    }
    return true
  }

  /// The state objects directly under `location`'s prefix (keys ending in `.state` with no
  /// further `/`), in key order (by bytes).
  ///
  /// Deeper "folders" are left out, so a prefix that holds one folder per run lists only its
  /// own files.
  public func states(under location: S3Location) async throws -> [S3ObjectLocation] {
    try await client(location.bucket).list(prefix: location.prefix)
      .map { String($0.key.dropFirst(location.prefix.count)) }
      .filter { $0.hasSuffix(Self.fileExtension) && !$0.contains("/") }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      .map { S3ObjectLocation(location, name: $0) }
  }

  private func client(_ bucket: String) throws -> S3Client {
    try S3Client(bucket: bucket, configuration: configuration, session: session)
  }
}
