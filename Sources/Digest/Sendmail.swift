import Foundation

/// A sendmail-compatible program (Postfix's `sendmail`, `msmtp`, …) that takes one message on
/// standard input: run as `PROGRAM [ARGS] -i -f FROM -- RECIPIENT…`, the convention that lets the
/// machine's mail transfer agent do TLS, authentication, queueing and retries.
///
/// The message is given as the open `.eml` file rather than through a pipe, so a program that
/// outlives a killed TuneDash still reads the whole message, never half of it.
public struct Sendmail: Sendable {
  /// What happened to one message.
  public enum Outcome: Equatable, Sendable {
    /// The program exited with 0.
    case accepted
    /// The program exited with `status`; `message` is the first line it printed, with anything
    /// that looks like an email address replaced.
    case refused(status: Int32, message: String)
  }

  /// The program's path.
  public let program: String
  /// Arguments given before TuneDash's own.
  public let arguments: [String]

  /// The program named first in `command` (split at spaces; no shell), found on `PATH` when it
  /// has no slash.
  /// - Throws: ``DigestError`` when it does not exist or is not executable.
  public init(command: String, environment: [String: String]) throws {
    let words = command.split(separator: " ").map(String.init)
    guard let name = words.first else {
      throw DigestError(
        .noSendmail, "--sendmail is empty",
        hint: "pass a program such as /usr/sbin/sendmail or msmtp")
    }
    let candidates =
      name.contains("/")
      ? [name]
      : (environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(separator: ":").map {
        "\($0)/\(name)"
      }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else {
      throw DigestError(
        .noSendmail, "the sendmail program \(name) does not exist or cannot be run",
        hint: "install a mail transfer agent (msmtp-mta or postfix) or pass --sendmail PROGRAM")
    }
    program = found
    arguments = Array(words.dropFirst())
  }

  /// Runs the program on the message in `file`, addressed from `from` to `recipients`, and
  /// waits for it.
  public func send(file: String, from: MailAddress, to recipients: [MailAddress]) -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments + ["-i", "-f", from.text, "--"] + recipients.map(\.text)
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = errors
    guard let input = FileHandle(forReadingAtPath: file) else {
      return .refused(status: -1, message: "cannot read \(file)")
    }
    process.standardInput = input
    do {
      try process.run()
    } catch {
      return .refused(status: -1, message: "cannot start \(program): \(error.localizedDescription)")
    }
    let output = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? input.close()
    if process.terminationReason == .exit && process.terminationStatus == 0 { return .accepted }
    let status =
      process.terminationReason == .exit
      ? process.terminationStatus : 128 + process.terminationStatus
    return .refused(
      status: status, message: Self.firstLine(String(decoding: output, as: UTF8.self)))
  }

  /// The first non-empty line of `text`, at most 200 characters, with words holding `@`
  /// replaced by `[address]`: what a report may show of the program's message.
  static func firstLine(_ text: String) -> String {
    let line =
      text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
      ?? "no message"
    let words = line.split(separator: " ").map { $0.contains("@") ? "[address]" : String($0) }
    let clean = String(
      words.joined(separator: " ").unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
    return clean.count > 200 ? String(clean.prefix(199)) + "…" : clean
  }
}
