import Foundation

/// The private record of what was handed to sendmail, so that no one gets a week's digest
/// twice: one line per step, appended and flushed to disk before the next step.
///
/// A line is `WEEK KEY STATE [EXIT]`: the week's last day, the recipient's key (an HMAC token,
/// never an address or a user id), and one of
/// - `handing`: written before the message is given to the program;
/// - `sent`: the program took it (exit 0);
/// - `failed EXIT`: the program refused it; the next run tries again.
///
/// A `handing` line without an outcome means a run stopped while the program had the message:
/// it was probably delivered (the program runs on after TuneDash is killed), so it is not sent
/// again unless asked (`--retry-unconfirmed`). The file has mode 0600 and is locked for the
/// whole run, so two runs never send the same week at once.
public final class SendLog {
  /// What the log says of one message.
  public enum State: Equatable, Sendable {
    /// Handed to the program, outcome unknown.
    case handing
    /// Taken by the program.
    case sent
    /// Refused by the program, with its exit code.
    case failed(Int32)
  }

  /// The log file.
  public let path: String
  private let descriptor: Int32
  private var states: [String: State] = [:]

  /// Opens (creating with mode 0600) and locks the log at `path`, and reads what it holds.
  /// - Throws: ``DigestError`` when it cannot be opened, is locked by another run, or is damaged.
  public init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw DigestError(
        .cannotWrite, "cannot open the send log \(path): \(String(cString: strerror(errno)))",
        hint: "check that its folder exists and is writable, or pass --send-log FILE")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      close(descriptor)
      throw DigestError(
        .busy, "another tunedash digest run is using the send log \(path)",
        hint: "wait for it to finish, then run again")
    }
    // Private whatever the umask or an earlier copy said.
    fchmod(descriptor, 0o600)
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    for (number, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
      let fields = line.split(separator: " ")
      guard fields.count >= 3, let state = Self.state(fields[2...]) else {
        close(descriptor)
        throw DigestError(
          .badLog, "line \(number + 1) of the send log \(path) is damaged",
          hint: "restore it from a backup; without it TuneDash cannot tell what was already sent")
      }
      states[Self.entry(week: String(fields[0]), key: String(fields[1]))] = state
    }
  }

  deinit { close(descriptor) }

  /// What the log says of `key` in `week`, or `nil` if nothing.
  public func state(week: String, key: String) -> State? {
    states[Self.entry(week: week, key: key)]
  }

  /// Appends `state` for `key` in `week` and flushes it to disk.
  public func record(_ state: State, week: String, key: String) throws {
    let word: String =
      switch state {
      case .handing: "handing"
      case .sent: "sent"
      case .failed(let code): "failed \(code)"
      }
    let line = Array("\(week) \(key) \(word)\n".utf8)
    let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    guard written == line.count, fsync(descriptor) == 0 else {
      throw DigestError(
        .cannotWrite, "cannot write the send log \(path): \(String(cString: strerror(errno)))",
        hint: "free some disk space; nothing more is sent until the log can be written")
    }
    states[Self.entry(week: week, key: key)] = state
  }

  private static func entry(week: String, key: String) -> String { week + " " + key }

  private static func state(_ fields: ArraySlice<Substring>) -> State? {
    switch fields.first {
    case "handing": fields.count == 1 ? .handing : nil
    case "sent": fields.count == 1 ? .sent : nil
    case "failed": fields.count == 2 ? Int32(fields.last!).map(State.failed) : nil
    default: nil
    }
  }
}
