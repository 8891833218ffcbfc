import Foundation
import Testing

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

  @Test func anInterruptedHandOverIsNotRepeatedUnlessAsked() throws {
    let outbox = try Outbox(path: folder.appendingPathComponent("outbox").path)
    let envelopes = [envelope("ana")]
    let files = try outbox.write(
      week: "2026-11-29",
      envelopes.map { ($0.fileName, message(String($0.fileName.dropLast(4))).rendered) })
    let logPath = folder.appendingPathComponent("sent").path
    try SendLog(path: logPath).record(.handing, week: "2026-11-29", key: "key-ana")
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

  @Test func aMissingProgramIsOneClearError() {
    #expect {
      try Sendmail(command: "no-such-sendmail-program", environment: ["PATH": "/usr/bin"])
    } throws: { error in
      (error as? DigestError)?.kind == .noSendmail
        && "\(error)".contains("no-such-sendmail-program")
    }
  }
}
