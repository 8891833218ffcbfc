import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A minimal client for one bucket of an S3-compatible service: list, upload, download, delete.
///
/// Requests are signed with SigV4, sent path-style through `URLSession`, and retried on
/// transient failures as the configuration's `RetryPolicy` says. Every failure is thrown as a
/// `PublishError`; cancelling the calling task throws `CancellationError`.
public struct S3Client: Sendable {
  /// The bucket every request addresses.
  public let bucket: String
  /// Endpoint, credentials and retry settings.
  public let configuration: S3Configuration
  let session: URLSession

  /// Creates a client for a bucket.
  ///
  /// - Throws: `PublishError` with reason `.invalidLocation` for an invalid bucket name.
  public init(
    bucket: String, configuration: S3Configuration, session: URLSession = S3Client.session
  ) throws {
    if let problem = S3Location.bucketProblem(bucket) {
      throw PublishError(
        operation: .configuration, subject: bucket, reason: .invalidLocation(problem: problem))
    }
    self.bucket = bucket
    self.configuration = configuration
    self.session = session
  }

  /// Lists every object whose key starts with `prefix`, following continuation tokens.
  ///
  /// - Parameters:
  ///   - prefix: The key prefix; empty for the whole bucket.
  ///   - pageSize: How many keys to ask for per request, between 1 and 1000.
  public func list(prefix: String = "", pageSize: Int = 1000) async throws -> [S3Object] {
    let subject = "s3://\(bucket)/\(prefix)"
    var objects: [S3Object] = []
    var token: String?
    var seenTokens: Set<String> = []
    repeat {
      var query = [("list-type", "2"), ("max-keys", String(min(1000, max(1, pageSize))))]
      if !prefix.isEmpty { query.append(("prefix", prefix)) }
      if let token { query.append(("continuation-token", token)) }
      let url = try configuration.endpoint.url(bucket: bucket, query: query)
      let response = try await send(
        S3Request(method: "GET", url: url), operation: .list, subject: subject)
      guard let page = ListObjectsPage(xml: response.body) else {
        throw PublishError(
          operation: .list, subject: subject,
          reason: .invalidResponse(problem: "the answer is not a ListBucketResult document"))
      }
      objects += page.objects
      token = nil
      if page.isTruncated {
        guard let next = page.nextContinuationToken, !next.isEmpty,
          seenTokens.insert(next).inserted
        else {
          throw PublishError(
            operation: .list, subject: subject,
            reason: .invalidResponse(
              problem: "the listing is truncated but gives no new continuation token"))
        }
        token = next
      }
    } while token != nil
    return objects
  }

  /// Uploads one object with a single PUT, sending `Content-MD5` so the server rejects a body
  /// damaged in transit.
  public func put(key: String, body: Data, contentType: String, cacheControl: String)
    async throws
  {
    let url = try objectURL(key: key, operation: .upload)
    let headers = [
      "Content-Type": contentType,
      "Cache-Control": cacheControl,
      "Content-MD5": Digests.md5Base64(body),
    ]
    _ = try await send(
      S3Request(method: "PUT", url: url, headers: headers, body: body),
      operation: .upload, subject: key)
  }

  /// Downloads one object's content, or `nil` when there is no object with that key.
  public func get(key: String) async throws -> Data? {
    let url = try objectURL(key: key, operation: .download)
    let response = try await send(
      S3Request(method: "GET", url: url), operation: .download, subject: key,
      tolerating: { status, code in status == 404 && code == "NoSuchKey" })
    return response.status == 404 ? nil : response.body
  }

  /// Deletes one object. Deleting a key that does not exist succeeds.
  public func delete(key: String) async throws {
    let url = try objectURL(key: key, operation: .delete)
    _ = try await send(
      S3Request(method: "DELETE", url: url), operation: .delete, subject: key,
      tolerating: { status, code in status == 404 && code == "NoSuchKey" })
  }

  /// Deletes objects one DELETE at a time, in order, stopping at the first failure.
  ///
  /// Single DELETEs rather than the batch `POST ?delete` because Google Cloud Storage's XML API
  /// has no batch delete, each failure names its exact key, and a static site rarely deletes
  /// many files at once.
  public func delete(keys: [String]) async throws {
    for key in keys {
      try await delete(key: key)
    }
  }

  private func objectURL(key: String, operation: PublishError.Operation) throws -> URL {
    guard !key.isEmpty else {
      throw PublishError(
        operation: operation, subject: "s3://\(bucket)/",
        reason: .invalidLocation(problem: "an object key cannot be empty"))
    }
    return try configuration.endpoint.url(bucket: bucket, key: key)
  }
}
