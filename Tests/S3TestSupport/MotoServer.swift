import Foundation
import Publishing
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A moto S3 server shared by one suite.
///
/// Started as `python3 -m moto.server -H 127.0.0.1 -p PORT`. With signature checking on, it
/// also gets `INITIAL_NO_AUTH_ACTION_COUNT=3`: the first three requests (CreateUser,
/// PutUserPolicy, CreateAccessKey) run unauthenticated to make an IAM user with an allow-all
/// policy and an access key; from then on moto checks every signature, so a wrong one fails
/// with HTTP 403. Without it, moto accepts any credentials.
public struct MotoServer: Sendable {
  /// The server of the running suite, set by `MotoServerTrait`.
  @TaskLocal public static var current: MotoServer?

  /// The region everything is signed for.
  public static let region = "us-east-1"

  /// The port moto listens on.
  public let port: Int
  /// Whether moto verifies signatures and IAM permissions.
  public let checksSignatures: Bool
  /// The access key ID made through IAM.
  public let accessKeyID: String
  /// Its secret (kept apart because `S3Credentials` does not give its secret back).
  public let secretAccessKey: String

  /// The IAM credentials.
  public var credentials: S3Credentials {
    S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey)
  }

  /// `http://127.0.0.1:PORT`.
  public var endpoint: String { "http://127.0.0.1:\(port)" }

  /// A configuration for the publisher: moto's endpoint (or another port, for a proxy in
  /// front of it), the IAM credentials (or another secret), and fast retries.
  public func configuration(port: Int? = nil, secret: String? = nil, accessKeyID: String? = nil)
    throws -> S3Configuration
  {
    S3Configuration(
      endpoint: try S3Endpoint(
        region: Self.region, endpoint: "http://127.0.0.1:\(port ?? self.port)", environment: [:]),
      credentials: S3Credentials(
        accessKeyID: accessKeyID ?? self.accessKeyID,
        secretAccessKey: secret ?? secretAccessKey),
      retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5)),
      requestTimeout: 30)
  }

  /// A bucket name no other test uses.
  public static func uniqueBucketName(_ label: String) -> String {
    "\(label)-\(UUID().uuidString.lowercased().prefix(13))"
  }

  /// Creates a bucket.
  public func createBucket(_ name: String) async throws {
    let (status, _, body) = try await send("PUT", "/\(name)")
    guard status == 200 else {
      throw ChildProcess.Failure(
        description: "CreateBucket \(name): HTTP \(status) \(String(decoding: body, as: UTF8.self))"
      )
    }
  }

  /// Answers a HEAD on an object: the status and the headers, names lower-cased.
  public func head(bucket: String, key: String) async throws -> (
    status: Int, headers: [String: String]
  ) {
    let (status, headers, _) = try await send("HEAD", "/\(bucket)/\(Self.encode(key))")
    return (status, headers)
  }

  /// Reads an object's content.
  public func get(bucket: String, key: String) async throws -> Data? {
    let (status, _, body) = try await send("GET", "/\(bucket)/\(Self.encode(key))")
    return status == 200 ? body : nil
  }

  private static func encode(_ key: String) -> String {
    key.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.addingPercentEncoding(withAllowedCharacters: unreserved) ?? String($0) }
      .joined(separator: "/")
  }

  /// The characters a key segment keeps unencoded (RFC 3986's unreserved set).
  public static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  /// An object's access control list, as moto's XML answer, or `nil` when there is no object.
  public func acl(bucket: String, key: String) async throws -> String? {
    let (status, _, body) = try await send("GET", "/\(bucket)/\(Self.encode(key))?acl")
    return status == 200 ? String(decoding: body, as: UTF8.self) : nil
  }

  /// Sends one signed S3 request straight to moto, independently of `S3Client`.
  private func send(_ method: String, _ path: String) async throws
    -> (Int, [String: String], Data)
  {
    let url = try #require(URL(string: endpoint + path))
    let signed = SigV4Signer(credentials: credentials, region: Self.region)
      .sign(method: method, url: url, date: Date())
    var request = URLRequest(url: url)
    request.httpMethod = method
    for (name, value) in signed.headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      headers[String(describing: name).lowercased()] = String(describing: value)
    }
    return (http.statusCode, headers, data)
  }

  // MARK: - Starting and stopping

  /// Starts moto on a free port and, when it checks signatures, makes the IAM access key;
  /// retries with another port if the first one was taken meanwhile.
  public static func start(checkingSignatures: Bool) async throws -> (MotoServer, ChildProcess) {
    if let problem = S3TestEnvironment.motoProblem {
      throw ChildProcess.Failure(description: S3TestEnvironment.missingMotoMessage(problem))
    }
    var lastError: (any Error)?
    for _ in 1...3 {
      let port = try LoopbackPort.unused()
      var environment = ["PYTHONUNBUFFERED": "1"]
      if checkingSignatures { environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "3" }
      let process = try ChildProcess(
        [S3TestEnvironment.python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
        environment: environment)
      do {
        try await process.waitUntilAccepting(port: port)
        let key =
          checkingSignatures
          ? try await IAMBootstrap.createAccessKey(endpoint: "http://127.0.0.1:\(port)")
          : (id: "AKIAMOTOWITHOUTAUTH0", secret: "moto-does-not-check-this")
        let server = MotoServer(
          port: port, checksSignatures: checkingSignatures, accessKeyID: key.id,
          secretAccessKey: key.secret)
        return (server, process)
      } catch {
        lastError = error
        await process.stop()
      }
    }
    throw lastError ?? ChildProcess.Failure(description: "moto did not start")
  }
}

/// Runs a suite with a moto server: started before its first test, stopped after its last.
public struct MotoServerTrait: SuiteTrait, TestScoping {
  /// Whether the server verifies signatures.
  public var checkingSignatures: Bool

  /// Starts the server, runs the suite with it as ``MotoServer/current``, and stops it.
  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    let (server, process) = try await MotoServer.start(checkingSignatures: checkingSignatures)
    do {
      try await MotoServer.$current.withValue(server) { try await function() }
    } catch {
      await process.stop()
      throw error
    }
    await process.stop()
  }
}

extension Trait where Self == MotoServerTrait {
  /// Runs the suite against its own moto server, by default with signature checking on.
  public static func motoServer(checkingSignatures: Bool = true) -> Self {
    Self(checkingSignatures: checkingSignatures)
  }
}
