import Foundation
import Testing

@testable import Publishing

@Suite("Locations, credentials and endpoints")
struct ConfigurationTests {
  @Test(
    "s3:// locations are parsed and their prefix normalised",
    arguments: [
      ("s3://site", "site", ""),
      ("s3://site/", "site", ""),
      ("s3://site/blog", "site", "blog/"),
      ("s3://site/blog/", "site", "blog/"),
      ("s3://site//blog//2024/", "site", "blog/2024/"),
      ("s3://my.site-bucket_1/a b/c", "my.site-bucket_1", "a b/c/"),
    ])
  func parsesLocations(_ text: String, _ bucket: String, _ prefix: String) throws {
    let location = try S3Location(text)
    #expect(location.bucket == bucket)
    #expect(location.prefix == prefix)
    #expect(location.description == "s3://\(bucket)/\(prefix)")
    #expect(location.key(forRelativePath: "index.html") == prefix + "index.html")
  }

  @Test(
    "Anything else is refused with a clear message",
    arguments: [
      ("https://site/blog", "expected s3://BUCKET or s3://BUCKET/PREFIX"),
      ("site/blog", "expected s3://BUCKET or s3://BUCKET/PREFIX"),
      ("s3://", "the bucket name is missing"),
      ("s3:///blog", "the bucket name is missing"),
      ("s3://ab", "must be 3 to 222 characters long"),
      ("s3://My_Site", "may only hold lower-case letters"),
      ("s3://-site", "must start and end with a letter or a digit"),
      ("s3://site/../etc", "must not contain \".\" or \"..\" segments"),
      ("s3://site/a\u{7}b", "must not contain control characters"),
    ])
  func refusesBadLocations(_ text: String, _ fragment: String) {
    #expect {
      try S3Location(text)
    } throws: { error in
      guard let error = error as? PublishError, case .invalidLocation = error.reason else {
        return false
      }
      return error.description.hasPrefix("invalid S3 location \"\(text)\": ")
        && error.description.contains(fragment)
    }
  }

  @Test("Credentials come from the environment, session token optional")
  func credentialsFromEnvironment() throws {
    let credentials = try S3Credentials(environment: [
      "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s3cr3t-value\n",
    ])
    #expect(credentials.accessKeyID == "AKIAEXAMPLE")
    #expect(credentials.secretAccessKey == "s3cr3t-value")
    #expect(credentials.hasSessionToken == false)

    let temporary = try S3Credentials(environment: [
      "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s3cr3t-value",
      "AWS_SESSION_TOKEN": "t0ken-value",
    ])
    #expect(temporary.hasSessionToken)
  }

  @Test(
    "A missing or empty credential variable is named in the error",
    arguments: [
      ([:], "AWS_ACCESS_KEY_ID"),
      (["AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"], "AWS_SECRET_ACCESS_KEY"),
      (
        ["AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "  "], "AWS_SECRET_ACCESS_KEY"
      ),
    ])
  func missingCredential(_ environment: [String: String], _ variable: String) {
    #expect(
      throws: PublishError(
        operation: .configuration, subject: variable,
        reason: .missingCredential(variable: variable))
    ) {
      try S3Credentials(environment: environment)
    }
    let line = PublishError(
      operation: .configuration, subject: variable, reason: .missingCredential(variable: variable)
    ).description
    #expect(line == "environment variable \(variable) is not set; it is needed to sign requests")
  }

  @Test("Credentials never show their secret or token")
  func credentialsAreRedacted() {
    let credentials = S3Credentials(
      accessKeyID: "AKIAEXAMPLE", secretAccessKey: "TOP-SECRET-KEY",
      sessionToken: "TOP-SECRET-TOKEN")
    var dumped = ""
    dump(credentials, to: &dumped)
    let renderings = [
      credentials.description, credentials.debugDescription, "\(credentials)",
      String(reflecting: credentials), dumped,
      S3Configuration(
        endpoint: try! S3Endpoint(environment: [:]), credentials: credentials
      ).description,
    ]
    for text in renderings {
      #expect(!text.contains("TOP-SECRET"), "leaked in: \(text)")
      #expect(text.contains("AKIAEXAMPLE"))
    }
    #expect(
      credentials.description
        == "S3Credentials(accessKeyID: AKIAEXAMPLE, secretAccessKey: <redacted>, "
        + "sessionToken: <redacted>)")
  }

  @Test("Region: option, then AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1")
  func regionPrecedence() throws {
    let all = ["AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "ap-south-1"]
    #expect(try S3Endpoint(region: "us-west-2", environment: all).region == "us-west-2")
    #expect(try S3Endpoint(environment: all).region == "eu-west-3")
    #expect(
      try S3Endpoint(environment: ["AWS_DEFAULT_REGION": "ap-south-1"]).region == "ap-south-1")
    #expect(try S3Endpoint(region: "", environment: ["AWS_REGION": ""]).region == "us-east-1")
  }

  @Test("Endpoint: option, then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then AWS")
  func endpointPrecedence() throws {
    let environment = [
      "AWS_ENDPOINT_URL": "http://127.0.0.1:9000/", "AWS_ENDPOINT_URL_S3": "https://r2.example",
    ]
    #expect(
      try S3Endpoint(endpoint: "https://storage.googleapis.com", environment: environment)
        .description == "https://storage.googleapis.com")
    #expect(try S3Endpoint(environment: environment).description == "https://r2.example")
    #expect(
      try S3Endpoint(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9000/"]).description
        == "http://127.0.0.1:9000")
    let aws = try S3Endpoint(environment: ["AWS_REGION": "eu-central-1"])
    #expect(aws.description == "https://s3.eu-central-1.amazonaws.com")
    #expect(aws.region == "eu-central-1")
  }

  @Test(
    "Unusable endpoints and regions are refused",
    arguments: [
      ("localhost:9000", "must start with http:// or https://"),
      ("ftp://example.com", "must start with http:// or https://"),
      ("https://", "has no host"),
      ("https://example.com?x=1", "must not have a query or a fragment"),
      ("https://key:secret@example.com", "must not carry credentials"),
    ])
  func refusesBadEndpoints(_ endpoint: String, _ fragment: String) {
    #expect {
      try S3Endpoint(endpoint: endpoint, environment: [:])
    } throws: { error in
      let text = (error as? PublishError)?.description ?? ""
      return text.hasPrefix("invalid endpoint: ") && text.contains(fragment)
        && !text.contains("secret")
    }
  }

  @Test("A malformed region is refused")
  func refusesBadRegion() {
    #expect {
      try S3Endpoint(region: "us east 1", environment: [:])
    } throws: { error in
      (error as? PublishError)?.description.hasPrefix("invalid region \"us east 1\"") == true
    }
  }

  @Test("Object URLs are path-style with every key segment encoded")
  func objectURLs() throws {
    let endpoint = try S3Endpoint(endpoint: "http://127.0.0.1:9000", environment: [:])
    #expect(
      try endpoint.url(bucket: "site", key: "charts/top artists/☆$.svg").absoluteString
        == "http://127.0.0.1:9000/site/charts/top%20artists/%E2%98%86%24.svg")
    #expect(
      try endpoint.url(bucket: "site", query: [("list-type", "2"), ("prefix", "blog/a+b")])
        .absoluteString == "http://127.0.0.1:9000/site?list-type=2&prefix=blog%2Fa%2Bb")
    let based = try S3Endpoint(endpoint: "https://example.com/storage/", environment: [:])
    #expect(
      try based.url(bucket: "site", key: "index.html").absoluteString
        == "https://example.com/storage/site/index.html")
  }

  @Test("An object location names one key, never a bucket or a prefix")
  func objectLocations() throws {
    let object = try S3ObjectLocation("S3://states/run//7/part-3.state")
    #expect(object.bucket == "states" && object.key == "run/7/part-3.state")
    #expect(object.description == "s3://states/run/7/part-3.state")
    for text in [
      "s3://states", "s3://states/", "s3://states/run/", "/tmp/part-0.state", "s3://A/x",
    ] {
      #expect(throws: PublishError.self, "\(text)") { try S3ObjectLocation(text) }
    }
    #expect(S3ObjectLocation.matches("S3://b/k") && !S3ObjectLocation.matches("part-0.state"))
  }
}
