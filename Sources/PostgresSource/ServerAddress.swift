import EventStore
import Foundation
import PostgresNIO

/// Where and as whom to connect: a parsed ``PostgresURL`` with its password looked up once.
struct ServerAddress: Sendable {
  let url: PostgresURL
  /// From the URL, `PGPASSWORD` or the password file; `nil` when none of them has one.
  let password: String?

  /// How long connecting may take before the server counts as unreachable.
  static let connectTimeout: TimeAmount = .seconds(10)

  /// Looks the password up: the URL's, then `PGPASSWORD`, then ``PassFile``.
  init(url: PostgresURL, environment: [String: String], warning: (String) -> Void) {
    self.url = url
    self.password =
      url.password ?? environment["PGPASSWORD"]
      ?? PassFile.load(environment: environment, warning: warning)?.password(for: url)
  }

  /// The URL without its password.
  var location: String { url.location }

  /// PostgresNIO's settings for this address.
  func configuration() throws -> PostgresConnection.Configuration {
    let tls: PostgresConnection.Configuration.TLS
    switch url.sslMode {
    case .disable:
      tls = .disable
    case .prefer, .require:
      var settings = TLSConfiguration.makeClientConfiguration()
      settings.certificateVerification = .none
      let context = try NIOSSLContext(configuration: settings)
      tls = url.sslMode == .prefer ? .prefer(context) : .require(context)
    case .verifyFull:
      tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
    }
    var configuration = PostgresConnection.Configuration(
      host: url.host, port: url.port, username: url.user, password: password,
      database: url.database, tls: tls)
    configuration.options.connectTimeout = Self.connectTimeout
    configuration.options.additionalStartupParameters = [("application_name", "tunedash")]
    return configuration
  }
}
