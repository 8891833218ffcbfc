import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A helper server started by the tests: its output goes to a log file, its standard input is a
/// pipe this process holds open, and `stop()` ends it.
public final class ChildProcess: @unchecked Sendable {
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong, with the server's last log lines.
    public var description: String

    /// A failure described by `description`.
    public init(description: String) { self.description = description }
  }

  /// The command line, for messages.
  public let commandLine: String
  /// Where standard output and standard error go.
  public let logURL: URL
  private let process = Process()
  private let input = Pipe()

  /// Starts `arguments` through `/usr/bin/env`, so `python3` is looked up on `PATH`.
  public init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
    commandLine = (extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + arguments)
      .joined(separator: " ")
    logURL = FileManager.default.temporaryDirectory.appending(
      path: "publishing-tests-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
    let log = try FileHandle(forWritingTo: logURL)
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    process.standardOutput = log
    process.standardError = log
    process.standardInput = input
    try process.run()
    try? log.close()
  }

  /// Waits until the process accepts TCP connections on `port`.
  public func waitUntilAccepting(port: Int, timeout: Duration = .seconds(30)) async throws {
    let deadline = ContinuousClock.now + timeout
    // One last look after the deadline: a waiter woken late must not fail a server that is up.
    while true {
      guard process.isRunning else {
        throw Failure(description: "`\(commandLine)` exited early:\n\(logTail())")
      }
      if LoopbackPort.isAccepting(port) { return }
      guard ContinuousClock.now < deadline else { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw Failure(description: "`\(commandLine)` did not listen on port \(port):\n\(logTail())")
  }

  /// Ends the process (SIGTERM, then SIGKILL after five seconds) and removes its log.
  public func stop() async {
    if process.isRunning { process.terminate() }
    let deadline = ContinuousClock.now + .seconds(5)
    while process.isRunning, ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(20))
    }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? input.fileHandleForWriting.close()
    try? FileManager.default.removeItem(at: logURL)
  }

  /// The last lines of the log, for failure messages.
  public func logTail(lines: Int = 20) -> String {
    let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
  }
}
