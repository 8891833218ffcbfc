import ArgumentParser
import Foundation
import Publishing

/// Where object storage is, for `publish` and for `s3://` state files of `build --partition`
/// and `merge`: the endpoint and region options; credentials come from the standard AWS
/// variables.
struct StorageOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "The S3 endpoint, e.g. https://storage.googleapis.com or http://127.0.0.1:9000 (default: $AWS_ENDPOINT_URL, else AWS)."
  )
  var endpoint: String?

  @Option(name: .long, help: "The S3 region (default: $AWS_REGION, else us-east-1).")
  var region: String?

  /// The endpoint, region and credentials, from the options and the environment.
  func configuration() throws -> S3Configuration {
    try S3Configuration(
      region: region, endpoint: endpoint, environment: ProcessInfo.processInfo.environment)
  }
}
