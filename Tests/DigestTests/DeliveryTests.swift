import Foundation
import Testing
import Workers

@testable import Digest

/// Delivery through a stand-in sendmail (a shell script that files each message it is given,
/// and refuses one recipient): what is sent, skipped, refused and retried.
@Suite struct DeliveryTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "delivery-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("got"), withIntermediateDirectories: true)
    // Records its arguments and the message, and refuses bob (exit 75) while the file
    // `refuse-bob` exists.
    let script = """
      #!/bin/sh
      last=""; for a in "$@"; do last="$a"; done
      if [ "$last" = "bob@example.com" ] && [ -e "\(folder.path)/refuse-bob" ]; then
        echo "sendmail: recipient <bob@example.com> refused: mailbox full" >&2; exit 75
      fi
      echo "$@" >> "\(folder.path)/arguments"
      cat > "\(folder.path)/got/$last"
      """
    try script.write(to: program, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
    try Data().write(to: folder.appendingPathComponent("refuse-bob"))
  }

  var program: URL { folder.appendingPathComponent("fake-sendmail") }

  func message(_ name: String) -> MailMessage {
    MailMessage(
      from: Mailbox(parsing: "Radio <digest@example.com>")!,
      to: [Mailbox(parsing: "\(name)@example.com")!],
      subject: "Hi \(name)", date: MailDate.format(0), messageID: "<\(name)@example.com>",
      text: "Hi", html: "<p>Hi</p>")
  }

  /// Writes the messages of `envelopes` to an outbox for the week ending 2026-11-29; their
  /// files by name.
  func written(_ envelopes: [Envelope]) throws -> [String: String] {
    try Outbox(path: folder.appendingPathComponent("outbox").path).write(
      week: "2026-11-29",
      envelopes.map { ($0.fileName, message(String($0.fileName.dropLast(4))).rendered) })
  }

  func envelope(_ name: String) -> Envelope {
    Envelope(
      key: "key-\(name)", label: "label-\(name)", fileName: "\(name).eml", message: message(name))
  }

  @Test func sendsEachMessageOnceAndRetriesOnlyTheRefused() throws {
    let outbox = try Outbox(path: folder.appendingPathComponent("outbox").path)
    let envelopes = ["ana", "bob", "eve"].map(envelope)
    let files = try outbox.write(
      week: "2026-11-29",
      envelopes.map { ($0.fileName, message(String($0.fileName.dropLast(4))).rendered) })
    let logPath = folder.appendingPathComponent("sent").path
    let sendmail = try Sendmail(command: program.path + " -oi", environment: [:])

    let first = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(first.sent == ["label-ana", "label-eve"])
    // The address in the program's message is replaced.
    #expect(
      first.failed == [
        .init(
          label: "label-bob", status: 75,
          message: "sendmail: recipient [address] refused: mailbox full")
      ])
    let arguments = try String(
      contentsOf: folder.appendingPathComponent("arguments"), encoding: .utf8)
    #expect(
      arguments
        == "-oi -i -f digest@example.com -- ana@example.com\n-oi -i -f digest@example.com -- eve@example.com\n"
    )
    let got = try String(
      contentsOf: folder.appendingPathComponent("got/ana@example.com"), encoding: .utf8)
    #expect(got == message("ana").rendered)

    try FileManager.default.removeItem(at: folder.appendingPathComponent("refuse-bob"))
    let second = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(second.sent == ["label-bob"])
    #expect(second.alreadySent == 2)
    #expect(second.failed.isEmpty)

    let third = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(third.sent.isEmpty)
    #expect(third.alreadySent == 3)
    let log = try String(contentsOfFile: logPath, encoding: .utf8)
    #expect(!log.contains("@"))
  }

  /// A program that fails after it handed the message on — msmtp's exit 74 when the relay's
  /// reply to the message never comes, or a signal — may have delivered it: the message is left
  /// unconfirmed, and neither that run's report nor the next run counts it as refused (a
  /// retry would deliver it twice).
  @Test(arguments: [("exit 74", Int32(74)), ("kill -KILL $$", Int32(128 + 9))])
  func aFailureAfterTheHandOverIsUnconfirmedNotRefused(ending: String, status: Int32) throws {
    let relayed = folder.appendingPathComponent("relayed")
    let stalling = folder.appendingPathComponent("stalling-sendmail")
    try """
    #!/bin/sh
    cat >> "\(relayed.path)"
    echo "msmtp: network read error: the operation timed out" >&2
    \(ending)
    """.write(to: stalling, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stalling.path)
    let envelopes = [envelope("ana")]
    let files = try written(envelopes)
    let logPath = folder.appendingPathComponent("sent").path
    let sendmail = try Sendmail(command: stalling.path, environment: [:])

    let first = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(first.failed.isEmpty)
    #expect(first.sent.isEmpty)
    #expect(first.uncertain.map(\.label) == ["label-ana"])
    #expect(first.uncertain.map(\.status) == [status])
    let second = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(second.unconfirmed == ["label-ana"])
    #expect(second.failed.isEmpty && second.uncertain.isEmpty && second.sent.isEmpty)
    // The relay got it once.
    let copies =
      try String(contentsOf: relayed, encoding: .utf8)
      .components(separatedBy: "Subject: Hi ana").count - 1
    #expect(copies == 1)
  }

  @Test func anInterruptedHandOverIsNotRepeatedUnlessAsked() throws {
    let envelopes = [envelope("ana")]
    let files = try written(envelopes)
    let logPath = folder.appendingPathComponent("sent").path
    do {
      let log = try SendLog(path: logPath)
      try log.record(.handing, week: "2026-11-29", key: "key-ana")
      try log.record(.started, week: "2026-11-29", key: "key-ana")
    }
    let sendmail = try Sendmail(command: program.path, environment: [:])

    let skipped = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(skipped.unconfirmed == ["label-ana"])
    #expect(skipped.sent.isEmpty)
    let retried = try Delivery(
      log: SendLog(path: logPath), sendmail: sendmail, retryUnconfirmed: true
    )
    .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(retried.sent == ["label-ana"])
  }

  /// A run killed after a group's `handing` lines were flushed but before some of their
  /// programs started: those were never handed over, so the next run (on the same boot) sends
  /// them without being asked.
  @Test func aClearedMessageWhoseProgramNeverStartedIsSent() throws {
    let outbox = try Outbox(path: folder.appendingPathComponent("outbox").path)
    let envelopes = ["ana", "eve"].map(envelope)
    let files = try outbox.write(
      week: "2026-11-29",
      envelopes.map { ($0.fileName, message(String($0.fileName.dropLast(4))).rendered) })
    let logPath = folder.appendingPathComponent("sent").path
    try SendLog(path: logPath).append(
      [(.handing, "key-ana"), (.handing, "key-eve")], week: "2026-11-29", flush: true)
    let sendmail = try Sendmail(command: program.path, environment: [:])
    let report = try Delivery(log: SendLog(path: logPath), sendmail: sendmail)
      .deliver(envelopes, week: "2026-11-29", files: files)
    #expect(report.sent == ["label-ana", "label-eve"])
    #expect(report.unconfirmed.isEmpty)
  }

  /// Four jobs at once: every message goes exactly once, several programs really run side by
  /// side, the report keeps the envelopes' order, and in the log every message's `handing`
  /// line comes before its `started` line, which comes before its outcome.
  @Test func fourJobsSendEachMessageOnceSideBySide() throws {
    let names = (1...40).map { "user\($0)" }
    let outbox = try Outbox(path: folder.appendingPathComponent("outbox").path)
    let envelopes = names.map(envelope)
    let files = try outbox.write(
      week: "2026-11-29", names.map { ("\($0).eml", message($0).rendered) })
    // Notes how many programs run while it starts (its own marker included), then lingers.
    let running = folder.appendingPathComponent("running").path
    try FileManager.default.createDirectory(atPath: running, withIntermediateDirectories: true)
    let script = folder.appendingPathComponent("slow-sendmail")
    try """
    #!/bin/sh
    last=""; for a in "$@"; do last="$a"; done
    : > "\(running)/$last"
    ls "\(running)" | wc -l >> "\(folder.path)/overlap"
    cat > "\(folder.path)/got/$last"
    sleep 0.05
    rm "\(running)/$last"
    """.write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let logPath = folder.appendingPathComponent("sent").path
    let delivery = try Delivery(
      log: SendLog(path: logPath), sendmail: Sendmail(command: script.path, environment: [:]),
      jobs: 4, loop: Workers.concurrently)
    let report = try delivery.deliver(envelopes, week: "2026-11-29", files: files)
    #expect(report.sent == names.map { "label-\($0)" })
    let got = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("got").path)
    #expect(got.sorted() == names.map { "\($0)@example.com" }.sorted())
    let overlap = try String(contentsOf: folder.appendingPathComponent("overlap"), encoding: .utf8)
      .split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    #expect(overlap.count == 40)
    #expect(overlap.contains { $0 > 1 }, "the programs never ran side by side")
    #expect(overlap.allSatisfy { $0 <= 4 }, "more than four programs at once")

    let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3 * 40)
    for name in names {
      let steps = lines.enumerated().filter { $0.element.contains(" key-\(name) ") }
      #expect(steps.map { $0.element.split(separator: " ")[2] } == ["handing", "started", "sent"])
    }
    // 40 messages, 64 a group with four jobs: one group of `handing` lines, written first.
    #expect(lines.prefix(40).allSatisfy { $0.contains(" handing") })
  }

  @Test func theOutboxIsPrivateAndDropsStaleMessages() throws {
    let outbox = try Outbox(path: folder.appendingPathComponent("outbox").path)
    try outbox.write(week: "2026-11-29", [("a.eml", "A"), ("b.eml", "B")])
    try outbox.write(week: "2026-11-29", [("a.eml", "A2")])
    let week = outbox.folder(week: "2026-11-29")
    #expect(try FileManager.default.contentsOfDirectory(atPath: week) == ["a.eml"])
    for path in [outbox.path, week] {
      #expect(
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o700
      )
    }
    #expect(
      (try FileManager.default.attributesOfItem(atPath: week + "/a.eml")[.posixPermissions] as? Int)
        == 0o600)
  }

  /// A refusal line shows no recipient's address in any form the program may print it: with
  /// `@`, URL-encoded, or its local part alone (however short), in any case — and words that
  /// only contain a local part stay; the line is one clean line.
  @Test func aRefusalLineHidesTheRecipientInEveryForm() throws {
    let leo = try #require(MailAddress("Leo.Kim2@example.com"))
    #expect(
      Sendmail.firstLine(
        "550 leo.kim2%40example.com: no such user (local=LEO.KIM2, to=<leo.kim2@example.com>)\n",
        hiding: [leo])
        == "550 [address] no such user [address] [address]")
    #expect(Sendmail.firstLine("\n  \nrelay down\nsecond", hiding: [leo]) == "relay down")
    let jo = try #require(MailAddress("jo@example.com"))
    let mail = try #require(MailAddress("mail@example.com"))
    #expect(
      Sendmail.firstLine("sendmail: local=jo unknown\u{9B}31m", hiding: [jo, mail])
        == "sendmail: [address] unknown31m")
  }

  @Test func aMissingProgramIsOneClearError() {
    #expect {
      try Sendmail(command: "no-such-sendmail-program", environment: ["PATH": "/usr/bin"])
    } throws: { error in
      (error as? DigestError)?.kind == .noSendmail
        && "\(error)".contains("no-such-sendmail-program")
    }
  }
}
