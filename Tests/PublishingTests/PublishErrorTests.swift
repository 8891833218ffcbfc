import Foundation
import Testing

@testable import Publishing

@Suite("Error lines")
struct PublishErrorTests {
  @Test("An HTTP failure renders as one line with operation, key, status and hint")
  func httpFailureLine() {
    let error = PublishError(
      operation: .upload, subject: "charts/genres.svg",
      reason: .http(
        status: 403, code: nil, hint: "check credentials / bucket policy", attempts: 1))
    #expect(
      error.description
        == "upload of charts/genres.svg failed: HTTP 403 Forbidden"
        + " — check credentials / bucket policy")
    #expect(error.key == "charts/genres.svg")
    #expect(error.httpStatus == 403)
    #expect(error.localizedDescription == error.description)
  }

  @Test("The S3 error code and the attempt count are shown when known")
  func codeAndAttempts() {
    let error = PublishError(
      operation: .delete, subject: "old.html",
      reason: .http(status: 503, code: "SlowDown", hint: "try again later", attempts: 4))
    #expect(
      error.description
        == "deletion of old.html failed: HTTP 503 Service Unavailable (SlowDown) after 4 attempts"
        + " — try again later")
  }

  @Test("A missing bucket names the bucket and the endpoint")
  func missingBucket() {
    let error = PublishError(
      operation: .list, subject: "s3://site/",
      reason: .bucketNotFound(bucket: "site", endpoint: "http://127.0.0.1:9000"))
    #expect(
      error.description
        == "listing of s3://site/ failed: bucket site does not exist at http://127.0.0.1:9000")
    #expect(error.httpStatus == 404)
    #expect(error.key == nil)
  }

  @Test("Network failures and local problems are one line too")
  func otherLines() {
    #expect(
      PublishError(
        operation: .list, subject: "s3://site/",
        reason: .network(problem: "could not connect to http://127.0.0.1:1", attempts: 4)
      ).description
        == "listing of s3://site/ failed: could not connect to http://127.0.0.1:1 after 4 attempts")
    #expect(
      PublishError(operation: .scan, subject: "/tmp/public", reason: .emptyFolder).description
        == "cannot publish /tmp/public: the folder holds no file to publish "
        + "(refusing to empty the destination)")
    for error in [
      PublishError(operation: .list, subject: "s3://a/", reason: .emptyFolder),
      PublishError(operation: .upload, subject: "k", reason: .invalidResponse(problem: "x")),
    ] {
      #expect(!error.description.contains("\n"))
    }
  }

  @Test("Transient statuses are 408, 429, 5xx and S3's 400 RequestTimeout")
  func transientStatuses() {
    for status in [408, 429, 500, 502, 503, 504] {
      #expect(HTTPStatus.isTransient(status, code: nil))
    }
    #expect(HTTPStatus.isTransient(400, code: "RequestTimeout"))
    for status in [400, 401, 403, 404, 409, 412] {
      #expect(!HTTPStatus.isTransient(status, code: nil))
    }
  }
}
