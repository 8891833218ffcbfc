import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Publishes a built site folder to a bucket prefix, uploading only what changed.
///
/// A publish scans the folder, lists the prefix, builds a `PublishPlan`, uploads in the plan's
/// phases (assets, then pages, then the top-level `index.html`, each phase finished before the
/// next starts) and finally deletes keys that no longer have a local file. Progress is
/// reported line by line through a closure; the library never prints.
public struct Publisher: Sendable {
  /// Endpoint, credentials and retry settings.
  public let configuration: S3Configuration
  /// How many requests may be in flight at once within a phase; at least 1.
  public let maxConcurrentRequests: Int
  let session: URLSession

  /// Creates a publisher.
  public init(
    configuration: S3Configuration, session: URLSession = S3Client.session,
    maxConcurrentRequests: Int = 4
  ) {
    self.configuration = configuration
    self.session = session
    self.maxConcurrentRequests = max(1, maxConcurrentRequests)
  }

  /// Publishes `folder` to `location`.
  ///
  /// - Parameters:
  ///   - folder: The built site, such as `public/`.
  ///   - siteMarker: The file every complete site folder holds (a build writes it); a folder
  ///     without it is refused before any request is sent.
  ///   - location: The bucket and prefix to publish to.
  ///   - dryRun: When set, only lists the prefix and reports the plan; nothing is uploaded or
  ///     deleted.
  ///   - progress: Receives one human-readable line per step. It may be called from several
  ///     tasks at once.
  /// - Returns: The counts of what was (or, in a dry run, would be) done, and the private files
  ///   left out (see ``PrivateFile``), each of which also gets a progress line before any
  ///   request is sent.
  /// - Throws: `PublishError` on the first failure; files uploaded before it stay uploaded,
  ///   and nothing is deleted unless every upload succeeded.
  public func publish(
    from folder: URL, siteMarker: String, to location: S3Location, dryRun: Bool = false,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> PublishSummary {
    let scan = try LocalFolderScanner.scan(folder, siteMarker: siteMarker)
    let files = scan.files
    for file in scan.withheld {
      progress("left out \(file.relativePath): \(file.kind.description) is never published")
    }
    guard !files.isEmpty else {
      throw PublishError(operation: .scan, subject: folder.path, reason: .emptyFolder)
    }
    let localBytes = files.reduce(Int64(0)) { $0 + $1.size }
    let client = try S3Client(
      bucket: location.bucket, configuration: configuration, session: session)
    progress(
      "found \(files.count) \(files.count == 1 ? "file" : "files") (\(ByteCount.format(localBytes))) in \(folder.path)"
    )

    progress("listing \(location) at \(configuration.endpoint)")
    let remote = try await client.list(prefix: location.prefix)
    let plan = PublishPlan(localFiles: files, remoteObjects: remote, prefix: location.prefix)
    let newCount = plan.uploads.count { $0.change == .new }
    progress(
      "plan: upload \(plan.uploads.count) (\(newCount) new, "
        + "\(plan.uploads.count - newCount) changed), \(plan.unchanged.count) unchanged, "
        + "delete \(plan.deletions.count)")

    let summary = PublishSummary(
      uploaded: plan.uploads.count, unchanged: plan.unchanged.count,
      deleted: plan.deletions.count, bytesUploaded: plan.uploadBytes, isDryRun: dryRun,
      withheld: scan.withheld)
    if dryRun {
      for upload in plan.uploads { progress("would upload \(Self.describe(upload))") }
      for key in plan.deletions { progress("would delete \(key)") }
      progress(summary.description)
      return summary
    }

    for phase in PublishPlan.Phase.allCases {
      try await forEachConcurrently(plan.uploads(in: phase)) { upload in
        try await client.put(
          key: upload.key, body: try Self.contents(of: upload), contentType: upload.contentType,
          cacheControl: upload.cacheControl)
        progress("uploaded \(Self.describe(upload))")
      }
    }
    try await forEachConcurrently(plan.deletions) { key in
      try await client.delete(key: key)
      progress("deleted \(key)")
    }
    progress(summary.description)
    return summary
  }

  private static func describe(_ upload: PublishPlan.Upload) -> String {
    "\(upload.key) (\(upload.change.rawValue), \(ByteCount.format(upload.file.size)))"
  }

  private static func contents(of upload: PublishPlan.Upload) throws -> Data {
    do {
      return try Data(contentsOf: upload.file.url)
    } catch {
      throw PublishError(
        operation: .upload, subject: upload.key,
        reason: .unreadableFile(problem: "cannot read \(upload.file.url.path)"))
    }
  }

  /// Runs `body` for every item, at most `maxConcurrentRequests` at a time, and returns when
  /// all are done; the first failure cancels the rest and is rethrown.
  private func forEachConcurrently<Item: Sendable>(
    _ items: [Item], _ body: @escaping @Sendable (Item) async throws -> Void
  ) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      var pending = items.makeIterator()
      for _ in 0..<maxConcurrentRequests {
        guard let item = pending.next() else { break }
        group.addTask { try await body(item) }
      }
      while try await group.next() != nil {
        if let item = pending.next() {
          group.addTask { try await body(item) }
        }
      }
    }
  }
}
