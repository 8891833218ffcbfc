import CSystemShims
import Formatting
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
    /// The program may have handed the message on before it failed (``mayHaveDelivered(_:)``):
    /// sending it again could deliver it twice, so it is left unconfirmed.
    case uncertain(status: Int32, message: String)
  }

  /// Whether a program that ended with `status` may still have handed its message on: an
  /// input or output error or a broken protocol (74, `EX_IOERR`, and 76, `EX_PROTOCOL` — how
  /// msmtp ends when the relay's reply times out or breaks off, after the message as well as
  /// before it: the status cannot tell which), or a stop by a signal (128 + the signal's
  /// number) at a moment nobody knows. Any other status is a refusal before the message was
  /// taken (75, `EX_TEMPFAIL`, for a relay's 4xx; 69, 77, 78 and the like for one that could
  /// not be reached or refused), and a retry is safe.
  public static func mayHaveDelivered(_ status: Int32) -> Bool {
    status == 74 || status == 76 || status > 128
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
  /// waits for it. Safe to call from several threads at once: each call starts its own process
  /// (`posix_spawn`, no shell) and waits for that process only.
  public func send(file: String, from: MailAddress, to recipients: [MailAddress]) -> Outcome {
    let input = open(file, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { return .refused(status: -1, message: "cannot read \(file)") }
    defer { close(input) }
    let words = [program] + arguments + ["-i", "-f", from.text, "--"] + recipients.map(\.text)
    var output: Int32 = -1
    let pid = Self.withCStrings(words) { tunedash_spawn(program, $0, input, &output) }
    guard pid > 0 else {
      return .refused(
        status: -1, message: "cannot start \(program): \(String(cString: strerror(errno)))")
    }
    let printed = Self.readAll(output)
    close(output)
    let status = tunedash_wait_exit(pid)
    if status == 0 { return .accepted }
    // Started, but how it ended is unknown (`waitpid` failed): it may have sent the message.
    if status < 0 { return .uncertain(status: status, message: "could not learn how it ended") }
    let message = Self.firstLine(String(decoding: printed, as: UTF8.self), hiding: recipients)
    return Self.mayHaveDelivered(status)
      ? .uncertain(status: status, message: message) : .refused(status: status, message: message)
  }

  /// What the program prints, up to EOF (its first 64 KiB kept: only the first line is shown).
  private static func readAll(_ descriptor: Int32) -> [UInt8] {
    var kept: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return kept }
      if kept.count < 65_536 { kept += buffer[0..<count] }
    }
  }

  /// Calls `body` with `words` as a NULL-terminated array of C strings.
  private static func withCStrings<R>(
    _ words: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    let pointers = words.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  /// The first non-empty line of `text`, at most 200 characters, one clean line
  /// (``SafeText/oneLine(_:)``), with every word that may show an address replaced by
  /// `[address]`: one holding `@` or `%40` (URL-encoded), or one of whose pieces — between
  /// `=`, `<`, `>`, `:`, `;`, `,`, brackets and quotes — is the local part of one of
  /// `recipients` in any case (`local=jo`, not `sendmail:` for `mail@…`). What a report may show
  /// of the program's message.
  static func firstLine(_ text: String, hiding recipients: [MailAddress] = []) -> String {
    let line =
      text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
      ?? "no message"
    let locals = Set(
      recipients.compactMap { $0.text.split(separator: "@").first.map { $0.lowercased() } })
    let separators = Set("=<>:;,()[]{}\"'")
    let words = SafeText.oneLine(String(line)).split(separator: " ").map { word -> String in
      let lowered = word.lowercased()
      let pieces = lowered.split { separators.contains($0) }.map(String.init)
      let shows =
        lowered.contains("@") || lowered.contains("%40") || pieces.contains(where: locals.contains)
      return shows ? "[address]" : String(word)
    }
    let clean = words.joined(separator: " ")
    return clean.count > 200 ? String(clean.prefix(199)) + "…" : clean
  }
}
