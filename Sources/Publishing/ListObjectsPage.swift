import Foundation

/// One page of a ListObjectsV2 answer.
struct ListObjectsPage: Sendable, Equatable {
  /// The objects of this page.
  var objects: [S3Object]
  /// Whether more pages follow.
  var isTruncated: Bool
  /// The token that asks for the next page.
  var nextContinuationToken: String?

  /// Reads a `ListBucketResult` document; `nil` when the data is anything else.
  init?(xml data: Data) {
    guard let root = XMLTree.parse(data), root.name == "ListBucketResult" else { return nil }
    var objects: [S3Object] = []
    for entry in root.children(named: "Contents") {
      guard let key = entry.value("Key"),
        let size = Int64(entry.value("Size")?.trimmingCharacters(in: .whitespaces) ?? "")
      else { return nil }
      objects.append(S3Object(key: key, size: size, etag: entry.value("ETag") ?? ""))
    }
    self.objects = objects
    let truncated = root.value("IsTruncated")?.trimmingCharacters(in: .whitespacesAndNewlines)
    self.isTruncated = truncated?.lowercased() == "true"
    self.nextContinuationToken = root.value("NextContinuationToken")
  }
}
