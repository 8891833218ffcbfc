import Foundation
import Hashing
import Testing

@testable import Publishing

/// The worked examples AWS publishes, with their exact expected strings.
///
/// S3 examples: Amazon S3 API Reference, "Signature Calculations for the Authorization Header:
/// Transferring Payload in a Single Chunk (AWS Signature Version 4)", section "Examples".
/// Generic examples: the AWS Signature Version 4 test suite (`aws-sig-v4-test-suite`).
@Suite("SigV4 signing")
struct SigV4SignerTests {
  /// The credentials and instant of the S3 documentation's examples.
  static let s3Signer = SigV4Signer(
    credentials: S3Credentials(
      accessKeyID: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    region: "us-east-1")
  static let s3Date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
  static let empty = SigV4Signer.emptyPayloadHash

  @Test("S3 example: GET Object with a Range header")
  func getObject() throws {
    let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test.txt"))
    let signed = Self.s3Signer.sign(
      method: "GET", url: url, headers: ["Range": "bytes=0-9"], date: Self.s3Date)

    #expect(
      signed.canonicalRequest == """
        GET
        /test.txt

        host:examplebucket.s3.amazonaws.com
        range:bytes=0-9
        x-amz-content-sha256:\(Self.empty)
        x-amz-date:20130524T000000Z

        host;range;x-amz-content-sha256;x-amz-date
        \(Self.empty)
        """)
    #expect(
      signed.stringToSign == """
        AWS4-HMAC-SHA256
        20130524T000000Z
        20130524/us-east-1/s3/aws4_request
        7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
        """)
    #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    #expect(
      signed.authorization
        == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    #expect(signed.headers["x-amz-date"] == "20130524T000000Z")
    #expect(signed.headers["x-amz-content-sha256"] == Self.empty)
    #expect(signed.headers["Range"] == "bytes=0-9")
    #expect(signed.headers["Authorization"] == signed.authorization)
    #expect(signed.headers.keys.contains { $0.lowercased() == "host" } == false)
  }

  @Test("S3 example: PUT Object with a $ in the key and a signed payload")
  func putObject() throws {
    let body = Data("Welcome to Amazon S3.".utf8)
    let payloadHash = SigV4Signer.payloadHash(of: body)
    #expect(payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")

    let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test$file.text"))
    let signed = Self.s3Signer.sign(
      method: "PUT", url: url,
      headers: [
        "Date": "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY",
      ],
      payloadHash: payloadHash, date: Self.s3Date)

    #expect(
      signed.canonicalRequest == """
        PUT
        /test%24file.text

        date:Fri, 24 May 2013 00:00:00 GMT
        host:examplebucket.s3.amazonaws.com
        x-amz-content-sha256:\(payloadHash)
        x-amz-date:20130524T000000Z
        x-amz-storage-class:REDUCED_REDUNDANCY

        date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
        \(payloadHash)
        """)
    #expect(
      signed.stringToSign.hasSuffix(
        "\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d"))
    #expect(signed.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    #expect(signed.signedHeaders == "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
  }

  @Test("S3 example: GET Bucket Lifecycle, a parameter without a value")
  func getBucketLifecycle() throws {
    let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/?lifecycle"))
    let signed = Self.s3Signer.sign(method: "GET", url: url, date: Self.s3Date)
    #expect(
      signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2]
        == "lifecycle=")
    #expect(signed.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
  }

  @Test("S3 example: GET Bucket (List Objects), parameters sorted")
  func getBucketListObjects() throws {
    // Given out of order on purpose: the canonical form sorts them.
    let url = try #require(
      URL(string: "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2"))
    let signed = Self.s3Signer.sign(method: "GET", url: url, date: Self.s3Date)
    #expect(
      signed.canonicalRequest == """
        GET
        /
        max-keys=2&prefix=J
        host:examplebucket.s3.amazonaws.com
        x-amz-content-sha256:\(Self.empty)
        x-amz-date:20130524T000000Z

        host;x-amz-content-sha256;x-amz-date
        \(Self.empty)
        """)
    #expect(
      signed.stringToSign.hasSuffix(
        "\ndf57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7"))
    #expect(signed.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
  }

  @Test("Signing key derivation example from the AWS General Reference")
  func signingKeyDerivation() {
    let signer = SigV4Signer(
      credentials: S3Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
      region: "us-east-1", service: "iam")
    #expect(
      Hash.hex(signer.signingKey(forDay: "20120215"))
        == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
  }

  /// One case of the generic SigV4 test suite.
  struct SuiteCase: Sendable, CustomTestStringConvertible {
    var name: String
    var method = "GET"
    var path: String
    var headers: [String: String] = [:]
    var sessionToken: String?
    var canonicalRequest: String?
    var authorization: String
    var testDescription: String { name }
  }

  static let suiteToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwA"
    + "eMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8p"
    + "hUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT"
    + "38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabI"
    + "Qwj2ICCR/oLxBA=="

  static func authz(_ signedHeaders: String, _ signature: String) -> String {
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
      + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
  }

  static let suiteCases: [SuiteCase] = [
    SuiteCase(
      name: "get-vanilla", path: "/",
      canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
        + "host;x-amz-date\n\(empty)",
      authorization: authz(
        "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")),
    SuiteCase(
      name: "get-vanilla-query-order-key-case", path: "/?Param2=value2&Param1=value1",
      authorization: authz(
        "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")),
    SuiteCase(
      name: "get-vanilla-query-order-key", path: "/?Param1=value2&Param1=Value1",
      authorization: authz(
        "host;x-amz-date", "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1")),
    SuiteCase(
      name: "get-vanilla-query-order-value", path: "/?Param1=value2&Param1=value1",
      authorization: authz(
        "host;x-amz-date", "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694")),
    SuiteCase(
      name: "get-vanilla-query-unreserved",
      path: "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        + "=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
      authorization: authz(
        "host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197")),
    SuiteCase(
      name: "get-vanilla-utf8-query", path: "/?%E1%88%B4=bar",
      authorization: authz(
        "host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")),
    SuiteCase(
      name: "get-unreserved",
      path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
      authorization: authz(
        "host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")),
    SuiteCase(
      name: "get-space", path: "/example%20space/",
      authorization: authz(
        "host;x-amz-date", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")),
    SuiteCase(
      name: "get-header-value-trim", path: "/",
      headers: ["My-Header1": " value1", "My-Header2": "\"a   b   c\""],
      canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\n"
        + "my-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\n"
        + "host;my-header1;my-header2;x-amz-date\n\(empty)",
      authorization: authz(
        "host;my-header1;my-header2;x-amz-date",
        "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")),
    SuiteCase(
      name: "post-vanilla", method: "POST", path: "/",
      authorization: authz(
        "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")),
    SuiteCase(
      name: "post-sts-header-before", method: "POST", path: "/", sessionToken: suiteToken,
      authorization: authz(
        "host;x-amz-date;x-amz-security-token",
        "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")),
  ]

  @Test("Generic SigV4 test suite", arguments: suiteCases)
  func genericSuite(_ testCase: SuiteCase) throws {
    let signer = SigV4Signer(
      credentials: S3Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: testCase.sessionToken),
      region: "us-east-1", service: "service")
    let url = try #require(URL(string: "https://example.amazonaws.com" + testCase.path))
    let signed = signer.sign(
      method: testCase.method, url: url, headers: testCase.headers,
      date: Date(timeIntervalSince1970: 1_440_938_160))  // 2015-08-30T12:36:00Z

    if let canonicalRequest = testCase.canonicalRequest {
      #expect(signed.canonicalRequest == canonicalRequest)
    }
    #expect(signed.authorization == testCase.authorization)
    #expect(signed.headers["x-amz-content-sha256"] == nil, "only S3 gets the payload header")
    #expect(signed.headers["x-amz-security-token"] == testCase.sessionToken)
  }

  @Test("A non-default port is part of the signed host; default ports are not")
  func hostHeader() throws {
    let local = try #require(URL(string: "http://127.0.0.1:9000/bucket/key"))
    let https = try #require(URL(string: "https://storage.googleapis.com:443/bucket"))
    #expect(SigV4Signer.hostHeader(for: local) == "127.0.0.1:9000")
    #expect(SigV4Signer.hostHeader(for: https) == "storage.googleapis.com")
  }

  @Test("x-amz-date is the injected instant in UTC, to the second")
  func timestamps() {
    let date = Date(timeIntervalSince1970: 1_709_210_096)  // 2024-02-29T12:34:56Z
    #expect(SigV4Signer.timestamps(for: date) == ("20240229T123456Z", "20240229"))
  }

  @Test("The signature covers the key, the body hash and the secret")
  func signatureIsBound() throws {
    let one = try #require(URL(string: "http://127.0.0.1:9000/site/one.html"))
    let two = try #require(URL(string: "http://127.0.0.1:9000/site/two.html"))
    let base = Self.s3Signer.sign(method: "PUT", url: one, date: Self.s3Date).signature
    #expect(Self.s3Signer.sign(method: "PUT", url: two, date: Self.s3Date).signature != base)
    #expect(
      Self.s3Signer.sign(
        method: "PUT", url: one, payloadHash: String(repeating: "0", count: 64),
        date: Self.s3Date
      ).signature != base)
    let other = SigV4Signer(
      credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "other"),
      region: "us-east-1")
    #expect(other.sign(method: "PUT", url: one, date: Self.s3Date).signature != base)
  }

  @Test(
    "URI encoding follows SigV4: unreserved kept, everything else %XX",
    arguments: [
      ("AZaz09-._~", "AZaz09-._~"), ("a b", "a%20b"), ("a+b", "a%2Bb"), ("a=b&c", "a%3Db%26c"),
      ("test$file.text", "test%24file.text"), ("é", "%C3%A9"), ("*'()!", "%2A%27%28%29%21"),
      ("a/b", "a%2Fb"),
    ])
  func uriEncoding(_ input: String, _ expected: String) {
    #expect(URIEncoding.encode(input) == expected)
    #expect(URIEncoding.decode(expected) == input)
  }

  @Test("Object key paths keep their slashes")
  func uriEncodingKeepsSlashes() {
    #expect(
      URIEncoding.encode("charts/top artists/☆.svg", keepingSlashes: true)
        == "charts/top%20artists/%E2%98%86.svg")
    #expect(URIEncoding.decode("100%") == "100%")
    #expect(URIEncoding.decode("a+b%2") == "a+b%2")
  }
}
