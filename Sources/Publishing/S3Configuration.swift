import Foundation

/// Everything an `S3Client` needs besides the bucket: where to send requests, how to sign them
/// and how patiently to retry.
public struct S3Configuration: Sendable, CustomStringConvertible {
  /// The service endpoint and signing region.
  public var endpoint: S3Endpoint
  /// The credentials requests are signed with.
  public var credentials: S3Credentials
  /// How transient failures are retried.
  public var retryPolicy: RetryPolicy
  /// How long one request may wait for the server, in seconds.
  public var requestTimeout: TimeInterval

  /// Creates a configuration from its parts.
  public init(
    endpoint: S3Endpoint, credentials: S3Credentials, retryPolicy: RetryPolicy = .standard,
    requestTimeout: TimeInterval = 60
  ) {
    self.endpoint = endpoint
    self.credentials = credentials
    self.retryPolicy = retryPolicy
    self.requestTimeout = requestTimeout
  }

  /// Resolves the endpoint and the credentials from command-line options and the environment.
  ///
  /// See `S3Endpoint.init(region:endpoint:environment:)` and
  /// `S3Credentials.init(environment:)` for the rules.
  ///
  /// - Throws: `PublishError` for a missing credential or an invalid endpoint or region.
  public init(
    region: String? = nil, endpoint: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    self.init(
      endpoint: try S3Endpoint(region: region, endpoint: endpoint, environment: environment),
      credentials: try S3Credentials(environment: environment))
  }

  /// The endpoint, region and redacted credentials, for logs.
  public var description: String {
    "S3Configuration(endpoint: \(endpoint), region: \(endpoint.region), "
      + "credentials: \(credentials))"
  }
}
