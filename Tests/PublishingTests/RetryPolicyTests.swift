import Foundation
import S3TestSupport
import Testing

@testable import Publishing

@Suite("Retry policy")
struct RetryPolicyTests {
  @Test("Delays double per retry, with jitter between half and all of the step")
  func exponentialWithJitter() {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(10))
    for (retry, step) in [(1, 0.1), (2, 0.2), (3, 0.4)] {
      #expect(abs(seconds(policy.delay(beforeRetry: retry, jitter: 0)) - step / 2) < 0.001)
      #expect(abs(seconds(policy.delay(beforeRetry: retry, jitter: 1)) - step) < 0.001)
      let random = seconds(policy.delay(beforeRetry: retry))
      #expect(random >= step / 2 - 0.001 && random <= step + 0.001)
    }
  }

  @Test("Delays are capped, and Retry-After is honoured up to the cap")
  func capAndRetryAfter() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(2))
    #expect(abs(seconds(policy.delay(beforeRetry: 9, jitter: 1)) - 2) < 0.001)
    #expect(abs(seconds(policy.delay(beforeRetry: 1_000, jitter: 1)) - 2) < 0.001)
    let fast = RetryPolicy(baseDelay: .milliseconds(1), maxDelay: .seconds(3))
    #expect(
      abs(seconds(fast.delay(beforeRetry: 1, retryAfter: .seconds(2), jitter: 0)) - 2) < 0.001)
    #expect(
      abs(seconds(fast.delay(beforeRetry: 1, retryAfter: .seconds(60), jitter: 0)) - 3) < 0.001)
  }

  @Test("At least one attempt is always made")
  func atLeastOneAttempt() {
    #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    #expect(RetryPolicy.standard.maxAttempts == 4)
  }

  @Test("Network failures are retried, then reported in one line with the attempt count")
  func unreachableEndpoint() async throws {
    let port = try LoopbackPort.unused()
    let configuration = S3Configuration(
      endpoint: try S3Endpoint(endpoint: "http://127.0.0.1:\(port)", environment: [:]),
      credentials: S3Credentials(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "s3cr3t"),
      retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1)),
      requestTimeout: 5)
    let client = try S3Client(bucket: "site", configuration: configuration)
    await #expect {
      _ = try await client.list(prefix: "blog/")
    } throws: { error in
      (error as? PublishError)?.description
        == "listing of s3://site/blog/ failed: could not connect to http://127.0.0.1:\(port) "
        + "after 3 attempts"
    }
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
