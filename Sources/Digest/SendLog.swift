import Foundation
import Synchronization

/// The private record of what was handed to sendmail, so that no one gets a week's digest
/// twice: one line per step, appended in order.
///
/// A line is `WEEK KEY STEP`: the week's last day, the recipient's key (an HMAC token, never an
/// address or a user id), and one of
/// - `handing [BOOT]`: the message is about to be handed over. Flushed to disk (`fsync`) before
///   its program starts; one flush covers a whole group of them. `BOOT` is the machine's boot
///   id (`/proc/sys/kernel/random/boot_id`) when it is known;
/// - `started`: written just before the program starts (not flushed on its own);
/// - `sent`: the program took it (exit 0);
/// - `failed EXIT`: the program refused it; the next run tries again.
///
/// A message whose last line is `started`, or a `handing` from an earlier boot or without a
/// boot id, was handed over by a run that stopped before learning the outcome: it was probably
/// delivered (the program runs on after TuneDash is killed), so it is not sent again unless
/// asked (`--retry-unconfirmed`). A `handing` of this boot with no `started` after it was never
/// given to a program: a line written by a process that was killed is still read back until
/// the machine restarts, so its absence is certain, and the message is sent. The file has mode
/// 0600 and is locked for the whole run, so two runs never send the same week at once.
///
/// Safe to share between the threads of one run: appends and the states are behind a lock.
public final class SendLog: Sendable {
  /// What the log says of one message.
  public enum State: Equatable, Sendable {
    /// Handed to the program (or perhaps), outcome unknown.
    case handing
    /// Logged as about to be handed over by a run of this boot that stopped before starting its
    /// program: never handed over.
    case notStarted
    /// Taken by the program.
    case sent
    /// Refused by the program, with its exit code.
    case failed(Int32)
  }

  /// One line to append.
  public enum Step: Equatable, Sendable {
    /// About to be handed over (flushed before the program starts).
    case handing
    /// The program is being started.
    case started
    /// Taken by the program.
    case sent
    /// Refused by the program, with its exit code.
    case failed(Int32)
  }

  /// The log file.
  public let path: String
  /// The boot id written with `handing` lines, `nil` where the system has none.
  public let bootID: String?
  /// The unfinished last line the log ended in, left out (and, when repairing, cut off the
  /// file); `nil` when it ended as it should.
  public let unfinishedLine: String?
  private let descriptor: Int32
  private let states = Mutex<[String: State]>([:])

  /// Takes the log's exclusive lock, waiting up to 2 s for it: a process forked elsewhere in the
  /// same program holds a copy of an earlier run's descriptor (and its lock) until it starts its
  /// program, for a moment on a busy machine; another digest run holds it for minutes.
  private static func lock(_ descriptor: Int32) -> Bool {
    for _ in 0..<40 {
      if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
      guard errno == EWOULDBLOCK else { return false }
      usleep(50_000)
    }
    return flock(descriptor, LOCK_EX | LOCK_NB) == 0
  }

  /// Opens (creating with mode 0600) and locks the log at `path`, and reads what it holds.
  /// `bootID` is the machine's boot id (read from `/proc` by default; tests pass their own).
  /// With `repairing` (a run), an unfinished last line is cut off the file or ended, as
  /// ``unfinishedLine`` tells; without (a dry run), the file is left as it is.
  /// - Throws: ``DigestError`` when it cannot be opened, is locked by another run, or is damaged.
  public init(path: String, bootID: String? = SendLog.currentBootID(), repairing: Bool = true)
    throws
  {
    self.path = path
    self.bootID = bootID
    descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw DigestError(
        .cannotWrite, "cannot open the send log \(path): \(String(cString: strerror(errno)))",
        hint: "check that its folder exists and is writable, or pass --send-log FILE")
    }
    guard Self.lock(descriptor) else {
      close(descriptor)
      throw DigestError(
        .busy, "another tunedash digest run is using the send log \(path)",
        hint: "wait for it to finish, then run again")
    }
    // Private whatever the umask or an earlier copy said.
    fchmod(descriptor, 0o600)
    do {
      let read = try Self.read(descriptor, path: path, bootID: bootID, repairing: repairing)
      unfinishedLine = read.unfinished
      states.withLock { $0 = read.states }
    } catch {
      close(descriptor)
      throw error
    }
  }

  /// The states the log at `descriptor` holds, read whole, and the unfinished last line left
  /// out (``unfinishedLine``). A last line without its newline was being appended when its run
  /// was stopped. When it is a whole comment or outcome (`sent`, `failed N`: its program ran,
  /// and a cut `failed 75` still reads as refused), it is kept, and with `repairing` ended with
  /// its newline. Anything else — a `handing` or `started` line cut short, whose write had not
  /// returned, so its program never started — is left out, and with `repairing` cut off the
  /// file, so that this run's lines start on a line of their own. Comment lines (`#`) are
  /// skipped whatever their bytes.
  /// - Throws: ``DigestError`` when the file cannot be read, or a line is not a line of the log
  ///   (a log that cannot be read is never taken for an empty one: that would send the week
  ///   again).
  private static func read(_ descriptor: Int32, path: String, bootID: String?, repairing: Bool)
    throws -> (states: [String: State], unfinished: String?)
  {
    var bytes = try contents(of: descriptor, path: path)
    let newline = UInt8(ascii: "\n")
    var unfinished: String?
    let complete = (bytes.lastIndex(of: newline) ?? -1) + 1
    if complete < bytes.count {
      let tail = bytes[complete...]
      let fields = Self.fields(tail)
      let outcome =
        fields.count >= 3 && ["sent", "failed"].contains(fields[2])
        && state(fields[2...], bootID: bootID) != nil
      if tail.first == UInt8(ascii: "#") || outcome {
        if repairing { try append([newline], to: descriptor, path: path) }
        bytes.append(newline)
      } else {
        // Printed in a warning: printable ASCII only (the log's own lines are nothing else).
        unfinished = String(
          tail.prefix(200).map { (0x20...0x7E).contains($0) ? Character(UnicodeScalar($0)) : "?" })
        bytes.removeSubrange(complete...)
        if repairing && ftruncate(descriptor, off_t(complete)) != 0 {
          throw DigestError(
            .cannotWrite,
            "cannot cut the unfinished last line of the send log \(path): \(String(cString: strerror(errno)))",
            hint: "check that the file is writable")
        }
      }
    }
    var read: [String: State] = [:]
    for (number, line) in bytes.split(separator: newline, omittingEmptySubsequences: false)
      .dropLast().enumerated() where line.first.map({ $0 != UInt8(ascii: "#") }) ?? false
    {
      let fields = Self.fields(line)
      guard fields.count >= 3, let state = Self.state(fields[2...], bootID: bootID) else {
        throw DigestError(
          .badLog, "line \(number + 1) of the send log \(path) is damaged",
          hint: "restore it from a backup; without it TuneDash cannot tell what was already sent")
      }
      read[Self.entry(week: String(fields[0]), key: String(fields[1]))] = state
    }
    return (read, unfinished)
  }

  /// The space-separated fields of a line of the log; none when it is not UTF-8.
  private static func fields(_ line: ArraySlice<UInt8>) -> [Substring] {
    String(validating: line, as: UTF8.self)?.split(separator: " ") ?? []
  }

  /// Every byte of the file at `descriptor`.
  private static func contents(of descriptor: Int32, path: String) throws -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, $0.count, off_t(bytes.count))
      }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else {
        throw DigestError(
          .badLog, "cannot read the send log \(path): \(String(cString: strerror(errno)))",
          hint: "check the file and its disk; without it TuneDash cannot tell what was already sent"
        )
      }
      if count == 0 { return bytes }
      bytes += chunk[..<count]
    }
  }

  /// Writes `bytes` at the end of the file at `descriptor` (opened to append), whole.
  private static func append(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
    let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else { throw writeError(path) }
  }

  deinit { close(descriptor) }

  /// The id of this boot of the machine, or `nil` where the system does not say.
  public static func currentBootID() -> String? {
    guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
    else { return nil }
    let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return !id.isEmpty && id.allSatisfy({ $0.isHexDigit || $0 == "-" }) ? id : nil
  }

  /// What the log says of `key` in `week`, or `nil` if nothing.
  public func state(week: String, key: String) -> State? {
    states.withLock { $0[Self.entry(week: week, key: key)] }
  }

  /// Appends `step` for `key` in `week` and flushes it to disk.
  public func record(_ step: Step, week: String, key: String) throws {
    try append([(step, key)], week: week, flush: true)
  }

  /// Appends one line per step, in order, with one `write`; with `flush`, then flushes the
  /// file (and everything appended before) to disk with one `fsync`.
  public func append(_ steps: [(step: Step, key: String)], week: String, flush: Bool) throws {
    var text = ""
    for (step, key) in steps { text += "\(week) \(key) \(word(step))\n" }
    let line = Array(text.utf8)
    try states.withLock { states in
      if !line.isEmpty { try Self.append(line, to: descriptor, path: path) }
      for (step, key) in steps { states[Self.entry(week: week, key: key)] = Self.state(of: step) }
    }
    if flush { try self.flush() }
  }

  /// Flushes everything appended so far to disk.
  public func flush() throws {
    guard fsync(descriptor) == 0 else { throw Self.writeError(path) }
  }

  /// The last write to the log at `path` failed (`errno` says why).
  private static func writeError(_ path: String) -> DigestError {
    DigestError(
      .cannotWrite, "cannot write the send log \(path): \(String(cString: strerror(errno)))",
      hint: "free some disk space; nothing more is sent until the log can be written")
  }

  private func word(_ step: Step) -> String {
    switch step {
    case .handing: bootID.map { "handing \($0)" } ?? "handing"
    case .started: "started"
    case .sent: "sent"
    case .failed(let code): "failed \(code)"
    }
  }

  /// What this run makes of a step it wrote itself.
  private static func state(of step: Step) -> State {
    switch step {
    case .handing: .notStarted
    case .started: .handing
    case .sent: .sent
    case .failed(let code): .failed(code)
    }
  }

  private static func entry(week: String, key: String) -> String { week + " " + key }

  private static func state(_ fields: ArraySlice<Substring>, bootID: String?) -> State? {
    switch fields.first {
    case "handing":
      switch fields.count {
      case 1: .handing
      case 2: bootID != nil && fields.last! == bootID! ? .notStarted : .handing
      default: nil
      }
    case "started": fields.count == 1 ? .handing : nil
    case "sent": fields.count == 1 ? .sent : nil
    case "failed": fields.count == 2 ? Int32(fields.last!).map(State.failed) : nil
    default: nil
    }
  }
}
