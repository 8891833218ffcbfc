import Foundation

/// The one error type of the `Publishing` module.
///
/// Every failure carries the operation that failed, its subject (an object key, an `s3://`
/// location or a local path) and, for HTTP failures, the status code. Its `description` is a
/// single line meant to be shown to a person as is, for example
/// `upload of charts/genres.svg failed: HTTP 403 Forbidden — check credentials / bucket policy`.
/// It never contains credentials.
public struct PublishError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What the publisher was doing when the failure happened.
  public enum Operation: String, Sendable, Equatable {
    /// Reading options and environment variables.
    case configuration
    /// Walking and hashing the local folder.
    case scan
    /// Listing the objects under the destination prefix.
    case list
    /// Uploading one object.
    case upload
    /// Deleting one object.
    case delete
    /// Downloading one object (a partial state for `merge`).
    case download
  }

  /// Why the operation failed.
  public enum Reason: Sendable, Equatable {
    /// An `s3://BUCKET/PREFIX` string could not be parsed.
    case invalidLocation(problem: String)
    /// An endpoint URL could not be used.
    case invalidEndpoint(problem: String)
    /// A region name could not be used.
    case invalidRegion(problem: String)
    /// A required environment variable is missing or empty.
    case missingCredential(variable: String)
    /// The local folder does not exist, is not a folder, or cannot be listed.
    case unreadableFolder(problem: String)
    /// The local folder holds no publishable file.
    case emptyFolder
    /// The folder lacks the marker a build writes into every complete site: it is not a site
    /// TuneDash built (or not a finished one), so nothing in it is published.
    case notASite(marker: String)
    /// A local file could not be read.
    case unreadableFile(problem: String)
    /// The bucket does not exist at the endpoint.
    case bucketNotFound(bucket: String, endpoint: String)
    /// The server answered with a non-success HTTP status.
    ///
    /// `code` is the S3 error code from the response body when there is one, `hint` a short
    /// suggestion for the person running the publish, `attempts` how many times the request was
    /// sent.
    case http(status: Int, code: String?, hint: String?, attempts: Int)
    /// The request never got an HTTP answer: timeout, refused or lost connection, DNS failure.
    case network(problem: String, attempts: Int)
    /// The server answered with something that is not a valid S3 response.
    case invalidResponse(problem: String)
  }

  /// The operation that failed.
  public let operation: Operation
  /// What the operation was acting on: an object key for uploads and deletions, an `s3://`
  /// location for listings, a local path for scans, the offending value for configuration.
  public let subject: String?
  /// Why it failed.
  public let reason: Reason

  /// Creates an error.
  public init(operation: Operation, subject: String?, reason: Reason) {
    self.operation = operation
    self.subject = subject
    self.reason = reason
  }

  /// The object key, for failed uploads, downloads and deletions.
  public var key: String? {
    switch operation {
    case .upload, .delete, .download: subject
    case .configuration, .scan, .list: nil
    }
  }

  /// The HTTP status code, when the server answered with one.
  public var httpStatus: Int? {
    switch reason {
    case .http(let status, _, _, _): status
    case .bucketNotFound: 404
    default: nil
    }
  }

  /// The failure as one line, ready to show.
  public var description: String {
    switch operation {
    case .configuration:
      return detail
    case .scan:
      return "cannot publish \(subject ?? "the folder"): \(detail)"
    case .list, .upload, .delete, .download:
      return "\(operationName) of \(subject ?? "the bucket") failed: \(detail)"
    }
  }

  private var operationName: String {
    switch operation {
    case .configuration: "configuration"
    case .scan: "scan"
    case .list: "listing"
    case .upload: "upload"
    case .delete: "deletion"
    case .download: "download"
    }
  }

  private var detail: String {
    switch reason {
    case .invalidLocation(let problem), .invalidEndpoint(let problem),
      .invalidRegion(let problem), .unreadableFolder(let problem),
      .unreadableFile(let problem), .invalidResponse(let problem):
      return problem
    case .missingCredential(let variable):
      return "environment variable \(variable) is not set; it is needed to sign requests"
    case .emptyFolder:
      return "the folder holds no file to publish (refusing to empty the destination)"
    case .notASite(let marker):
      return "it is not a site built by tunedash (no \(marker) marker); nothing was sent — "
        + "run `tunedash build --out DIR` and publish that folder with --from DIR"
    case .bucketNotFound(let bucket, let endpoint):
      return "bucket \(bucket) does not exist at \(endpoint)"
    case .http(let status, let code, let hint, let attempts):
      var line = "HTTP \(status) \(HTTPStatus.reasonPhrase(for: status))"
      if let code, !code.isEmpty { line += " (\(code))" }
      if attempts > 1 { line += " after \(attempts) attempts" }
      if let hint { line += " — \(hint)" }
      return line
    case .network(let problem, let attempts):
      return attempts > 1 ? "\(problem) after \(attempts) attempts" : problem
    }
  }
}

extension PublishError: LocalizedError {
  /// The same single line as `description`, for APIs that read `localizedDescription`.
  public var errorDescription: String? { description }
}
