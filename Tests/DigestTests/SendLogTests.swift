import Foundation
import Testing

@testable import Digest

/// The send log: states survive a reopen, the file is private, a second run is refused, and a
/// damaged line stops the run instead of resending.
@Suite struct SendLogTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "sendlog-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  var path: String { folder.appendingPathComponent("digest.sent").path }

  @Test func statesSurviveAReopen() throws {
    do {
      let log = try SendLog(path: path, bootID: "boot-a")
      try log.record(.handing, week: "2026-11-29", key: "aa")
      try log.record(.started, week: "2026-11-29", key: "aa")
      try log.record(.sent, week: "2026-11-29", key: "aa")
      try log.record(.handing, week: "2026-11-29", key: "bb")
      try log.record(.started, week: "2026-11-29", key: "bb")
      try log.record(.handing, week: "2026-11-29", key: "cc")
      try log.record(.started, week: "2026-11-29", key: "cc")
      try log.record(.failed(75), week: "2026-11-29", key: "cc")
      // Cleared but never started.
      try log.append(
        [(.handing, "dd"), (.handing, "ee")], week: "2026-11-29", flush: true)
    }
    let log = try SendLog(path: path, bootID: "boot-a")
    #expect(log.state(week: "2026-11-29", key: "aa") == .sent)
    #expect(log.state(week: "2026-11-29", key: "bb") == .handing)
    #expect(log.state(week: "2026-11-29", key: "cc") == .failed(75))
    #expect(log.state(week: "2026-11-29", key: "dd") == .notStarted)
    #expect(log.state(week: "2026-11-22", key: "aa") == nil)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("2026-11-29 aa handing boot-a\n2026-11-29 aa started\n"))
  }

  /// A `handing` line without `started` proves the program never ran only while the machine
  /// has not restarted: a line written by a killed process is read back, one lost in a crash
  /// is not. From another boot, or from an earlier TuneDash that wrote no boot id, the outcome
  /// is unknown.
  @Test func aHandingLineOfAnotherBootIsUnconfirmed() throws {
    try "2026-11-29 aa handing boot-a\n2026-11-29 bb handing\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let log = try SendLog(path: path, bootID: "boot-b")
    #expect(log.state(week: "2026-11-29", key: "aa") == .handing)
    #expect(log.state(week: "2026-11-29", key: "bb") == .handing)
  }

  @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheLog() throws {
    let first = try SendLog(path: path)
    #expect(throws: DigestError.self) { try SendLog(path: path) }
    _ = first
  }

  /// A lock held for a moment — as by a process forked elsewhere in the program, until it starts
  /// its own — is waited for, not taken for another run.
  @Test func aLockHeldForAMomentIsWaitedFor() throws {
    let holder = open(path, O_RDWR | O_CREAT, 0o600)
    try #require(holder >= 0 && flock(holder, LOCK_EX) == 0)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { close(holder) }
    let log = try SendLog(path: path)
    #expect(log.path == path)
  }

  /// A log that cannot be decoded is damaged, never an empty log (which would send the week
  /// again) — but a comment line is skipped whatever its bytes.
  @Test func aByteOfAnotherEncodingIsDamageOutsideAComment() throws {
    var bytes = Array("# note \u{FF}\n2026-11-29 aa sent\n# \u{FF}\n".utf8)
    bytes += [0x23, 0x20, 0xFF, 0x0A]  // "# \xFF\n": not UTF-8 at all
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      let log = try SendLog(path: path)
      #expect(log.state(week: "2026-11-29", key: "aa") == .sent)
    }
    try Data(bytes + Array("2026-11-29 bb sent ".utf8) + [0xFF, 0x0A])
      .write(to: URL(fileURLWithPath: path))
    #expect {
      try SendLog(path: path)
    } throws: { error in
      (error as? DigestError)?.kind == .badLog && "\(error)".contains("line 5")
    }
  }

  /// An unfinished last line — a run stopped while appending it — is left out and cut off
  /// before this run appends (a dry run only leaves it out) when it is a `handing` or `started`
  /// line cut short: its write had not returned, so its program never started. A whole outcome
  /// or comment without its newline is kept and ended.
  @Test func anUnfinishedLastLineIsLeftOutAndCutOff() throws {
    let complete = "2026-11-29 aa handing boot-a\n2026-11-29 aa started\n2026-11-29 aa sent\n"
    try (complete + "2026-11-29 bb hand").write(toFile: path, atomically: true, encoding: .utf8)
    do {
      let looking = try SendLog(path: path, bootID: "boot-a", repairing: false)
      #expect(looking.state(week: "2026-11-29", key: "bb") == nil)
      #expect(looking.unfinishedLine == "2026-11-29 bb hand")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("bb hand"))
    do {
      let log = try SendLog(path: path, bootID: "boot-a")
      #expect(log.state(week: "2026-11-29", key: "aa") == .sent)
      #expect(log.state(week: "2026-11-29", key: "bb") == nil)
      #expect(log.unfinishedLine == "2026-11-29 bb hand")
      try log.record(.handing, week: "2026-11-29", key: "cc")
    }
    #expect(
      try String(contentsOfFile: path, encoding: .utf8)
        == complete + "2026-11-29 cc handing boot-a\n")
    // A whole `started` line without its newline was cut short too: its newline was in the
    // same write. The message stays as the line before left it.
    try (complete + "2026-11-29 aa started").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try SendLog(path: path).state(week: "2026-11-29", key: "aa") == .sent)
    // A whole outcome or comment is kept, and ended with its newline.
    for (last, state) in [
      ("2026-11-29 dd sent", SendLog.State.sent), ("2026-11-29 dd failed 7", .failed(7)),
    ] {
      try (complete + "2026-11-29 dd started\n" + last).write(
        toFile: path, atomically: true, encoding: .utf8)
      let log = try SendLog(path: path)
      #expect(log.state(week: "2026-11-29", key: "dd") == state)
      #expect(log.unfinishedLine == nil)
      #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix(last + "\n"))
    }
    try (complete + "# moved here by hand").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try SendLog(path: path).unfinishedLine == nil)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8) == complete + "# moved here by hand\n")
  }

  @Test func aDamagedLineStopsTheRun() throws {
    try "2026-11-29 aa sent\n2026-11-29 bb maybe\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect {
      try SendLog(path: path)
    } throws: { error in
      (error as? DigestError)?.kind == .badLog && "\(error)".contains("line 2")
    }
  }
}
