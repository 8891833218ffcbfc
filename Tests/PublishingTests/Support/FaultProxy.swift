import Foundation
import S3TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `Resources/fault_proxy.py` running in front of moto: it answers the first `failures`
/// matching requests with an injected HTTP error and forwards everything else to moto.
struct FaultProxy: Sendable {
  /// What the proxy saw.
  struct Stats: Decodable, Sendable {
    var injected: Int
    var forwarded: Int
    /// Requests that followed an injected 3xx to the proxy's own address.
    var redirected: Int
    var requests: [String]
  }

  /// The port the proxy listens on.
  let port: Int

  /// Starts a proxy, runs `body` with it and stops it.
  static func run<Result: Sendable>(
    upstreamPort: Int, failures: Int = 0, status: Int = 500, method: String? = nil,
    _ body: (FaultProxy) async throws -> Result
  ) async throws -> Result {
    let script = try #require(
      Bundle.module.url(forResource: "fault_proxy", withExtension: "py"),
      "fault_proxy.py is missing from the test bundle")
    let port = try LoopbackPort.unused()
    var arguments = [
      S3TestEnvironment.python, script.path, "--port", String(port),
      "--upstream-port", String(upstreamPort), "--fail", String(failures),
      "--status", String(status), "--exit-on-stdin-eof",
    ]
    if let method { arguments += ["--method", method] }
    let process = try ChildProcess(arguments)
    do {
      try await process.waitUntilAccepting(port: port)
      let result = try await body(FaultProxy(port: port))
      await process.stop()
      return result
    } catch {
      await process.stop()
      throw error
    }
  }

  /// The proxy's counters; this request is neither forwarded nor counted.
  func stats() async throws -> Stats {
    let url = try #require(URL(string: "http://127.0.0.1:\(port)/__fault_proxy__/stats"))
    let (data, _) = try await URLSession.shared.data(from: url)
    return try JSONDecoder().decode(Stats.self, from: data)
  }
}
