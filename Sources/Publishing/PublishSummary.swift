/// What a publish did — or, for a dry run, would have done.
public struct PublishSummary: Sendable, Equatable, CustomStringConvertible {
  /// Files uploaded (or to upload, in a dry run).
  public var uploaded: Int
  /// Files already identical in the bucket.
  public var unchanged: Int
  /// Objects deleted (or to delete, in a dry run).
  public var deleted: Int
  /// Bytes uploaded (or to upload, in a dry run).
  public var bytesUploaded: Int64
  /// Whether this was a dry run, which sends nothing but the listing.
  public var isDryRun: Bool
  /// Private files found in the folder and left out (never uploaded).
  public var withheld: [WithheldFile]

  /// Creates a summary.
  public init(
    uploaded: Int, unchanged: Int, deleted: Int, bytesUploaded: Int64, isDryRun: Bool,
    withheld: [WithheldFile] = []
  ) {
    self.uploaded = uploaded
    self.unchanged = unchanged
    self.deleted = deleted
    self.bytesUploaded = bytesUploaded
    self.isDryRun = isDryRun
    self.withheld = withheld
  }

  /// One line such as `published: 3 files uploaded (12.4 KB), 40 unchanged, 1 deleted`.
  public var description: String {
    let files = uploaded == 1 ? "file" : "files"
    let size = ByteCount.format(bytesUploaded)
    if isDryRun {
      return "dry run: \(uploaded) \(files) to upload (\(size)), \(unchanged) unchanged, "
        + "\(deleted) to delete; nothing was sent"
    }
    return "published: \(uploaded) \(files) uploaded (\(size)), \(unchanged) unchanged, "
      + "\(deleted) deleted"
  }
}
