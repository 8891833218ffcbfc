import DemoData
import Foundation
import TestSupport
import Testing

/// Real delivery: `digest --send` through msmtp into a loopback SMTP server (aiosmtpd) that
/// files every message it accepts. Every recipient gets exactly one message, a rerun sends
/// nothing, and a run killed with SIGKILL mid-way and run again still delivers each message
/// exactly once.
@Suite("Digest delivery", .serialized)
struct DigestDeliveryTests {
  static let environment = ["TUNEDASH_PSEUDONYM_KEY": "digest-delivery-test-key"]
  static var toolsPresent: Bool {
    ExternalTool.pythonHas("aiosmtpd")
      && FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp")
  }
  static let required = ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_PYTHON_TOOLS"] == "1"

  /// A running sink and an msmtp configuration that points at it.
  final class Sink {
    let process = Process()
    /// Closed when the sink goes away, which stops the server.
    let input = Pipe()
    let folder: URL
    let configuration: String

    init(in fixture: Fixture, name: String) throws {
      folder = URL(fileURLWithPath: fixture.path(name))
      let script = Bundle.module.url(forResource: "smtp_sink", withExtension: "py")!.path
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", script, folder.path]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      process.standardInput = input
      try process.run()
      var line = Data()
      while !line.contains(UInt8(ascii: "\n")) {
        let chunk = output.fileHandleForReading.availableData
        guard !chunk.isEmpty else { break }
        line.append(chunk)
      }
      let port = String(decoding: line, as: UTF8.self).split(separator: " ").last.map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      configuration = fixture.path("\(name).msmtprc")
      try
        "account default\nhost 127.0.0.1\nport \(port ?? "0")\nauth off\ntls off\nfrom digest@example.com\n"
        .write(toFile: configuration, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configuration)
    }

    deinit {
      try? input.fileHandleForWriting.close()
      process.terminate()
      process.waitUntilExit()
    }

    /// The envelope recipients of every message received, one entry per message and recipient.
    func recipients() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
        $0.hasSuffix(".rcpt")
      }.sorted()
        .flatMap {
          try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).split(
            separator: "\n"
          ).map(String.init)
        }
    }
  }

  static func digest(_ demo: String, _ fixture: Fixture, _ sink: Sink, _ name: String) -> [String] {
    [
      "digest", "--db", demo, "--outbox", fixture.path("\(name)-outbox"), "--from",
      "Radio Owl <digest@example.com>",
      "--owners", "owner@example.com,ops@example.com", "--send", "--sendmail",
      "msmtp -C \(sink.configuration)",
      "--unsubscribe-url", "https://example.com/u/{token}",
    ]
  }

  /// `--send-jobs` for a run: `nil` for the default (4).
  static func jobs(_ arguments: [String], _ jobs: Int?) -> [String] {
    jobs.map { arguments + ["--send-jobs", "\($0)"] } ?? arguments
  }

  /// One whole run, a rerun, then a run killed with SIGKILL while the mail program holds
  /// messages about a third of the way through, and its rerun: with one job at a time and with
  /// the default of four at once.
  @Test(
    .enabled(
      if: toolsPresent || required,
      "needs msmtp (apt install msmtp) and aiosmtpd (pip install aiosmtpd)"),
    arguments: [1, nil] as [Int?])
  func eachRecipientGetsExactlyOneMessageAcrossRerunsAndAKill(jobs: Int?) throws {
    let fixture = try Fixture(schema: false)
    let demo = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: demo, options: DemoOptions(users: 400, tracks: 500, events: 30_000, feedback: 6_000))

    // One whole run, then a rerun.
    let sink = try Sink(in: fixture, name: "first")
    let first = try TuneDashBinary.run(
      Self.jobs(Self.digest(demo, fixture, sink, "first"), jobs), environment: Self.environment)
    #expect(first.status == 0, "\(first.stderr)")
    let written = try FileManager.default.contentsOfDirectory(atPath: fixture.path("first-outbox"))
      .flatMap {
        try FileManager.default.contentsOfDirectory(atPath: fixture.path("first-outbox/\($0)"))
      }
    let received = try sink.recipients()
    // Every listener message has one recipient; the owners' report has two.
    #expect(received.count == written.count + 1)
    #expect(Set(received).count == received.count, "someone got two messages")
    #expect(written.count > 20)
    let rerun = try TuneDashBinary.run(
      Self.jobs(Self.digest(demo, fixture, sink, "first"), jobs), environment: Self.environment)
    #expect(rerun.status == 0)
    #expect(rerun.stdout.contains("were already sent; nothing sent now"))
    #expect(try sink.recipients().count == received.count)
    // The send log is private and holds no address.
    let log = fixture.path(".first-outbox.sent")
    #expect(
      (try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int) == 0o600)
    #expect(!(try String(contentsOfFile: log, encoding: .utf8)).contains("@"))

    // A run killed while sendmail holds messages, about a third of the way: from the held call
    // on, every program waits, so with N jobs exactly N messages are held — logged as started,
    // not as sent — when the kill lands, however fast the run: the wrapper does not pass them
    // on until the test says so. The group whose `handing` lines were flushed with theirs
    // reaches beyond them (it is 16 messages a job), so the kill lands mid-group.
    let parallel = jobs ?? 4
    let second = try Sink(in: fixture, name: "second")
    // Not the last call of a one-job group (16 messages), so that the group reaches beyond it.
    let third = max(2, received.count / 3)
    let hold = HeldSendmail(in: fixture, call: third % 16 == 0 ? third + 1 : third)
    var arguments = Self.jobs(Self.digest(demo, fixture, second, "second"), jobs)
    arguments[arguments.firstIndex(of: "--sendmail")! + 1] = try hold.command(
      wrapping: "msmtp -C \(second.configuration)")
    let process = Process()
    process.executableURL = TuneDashBinary.url
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let held = hold.wait(for: "holding-", parallel)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(held, "sendmail was never asked for messages \(hold.call)… (\(parallel) at once)")
    #expect(hold.count("holding-") == parallel)
    // The kill landed inside a group: messages cleared (`handing` on disk) whose programs
    // never started, which the rerun must send.
    let lines = try String(contentsOfFile: fixture.path(".second-outbox.sent"), encoding: .utf8)
      .split(separator: "\n")
    let handing = lines.filter { $0.contains(" handing") }.count
    let started = lines.filter { $0.hasSuffix(" started") }.count
    #expect(
      handing > started, "the kill did not land mid-group: \(handing) handing, \(started) started")
    // The orphaned wrappers now hand their messages to msmtp, as a real sendmail would finish
    // its job.
    #expect(FileManager.default.createFile(atPath: hold.path("release"), contents: nil))
    #expect(
      hold.wait(for: "done-", parallel), "the held messages were never passed on: \(hold.output)")
    #expect(try second.recipients().count < received.count, "the run finished before it was killed")
    let resumed = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    // Exactly the held messages are unconfirmed: their programs had started when the run was
    // killed (the contract's bound after a kill is one a job; only a machine that stops can
    // leave a whole group unconfirmed).
    #expect(resumed.stdout.contains(", \(parallel) unconfirmed)"), "\(resumed.stdout)")
    #expect(resumed.stderr.contains("\(parallel) message"), "\(resumed.stderr)")
    let all = try second.recipients()
    #expect(
      all.sorted() == received.sorted(),
      "not exactly once: \(all.count) received, \(received.count) expected; held: \(hold.output)")
  }

  /// A SIGTERM (a service manager's stop) stops the run gently: the messages being handed over
  /// finish and are logged, no other program starts, the run exits 75 naming how many were not
  /// handed over, and the rerun sends exactly those — none of them unconfirmed.
  @Test func aSIGTERMLetsTheMessagesBeingHandedOverFinish() throws {
    let fixture = try Fixture(schema: false)
    let errors = Pipe()
    let (run, hold, delivered) = try Self.startHeldRun(in: fixture, standardError: errors)
    let (process, arguments) = (run.process, run.arguments)
    #expect(hold.wait(for: "holding-", 2), "sendmail was never asked for message \(hold.call)")
    kill(process.processIdentifier, SIGTERM)
    usleep(300_000)
    #expect(FileManager.default.createFile(atPath: hold.path("release"), contents: nil))
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 75, "\(stderr)")
    #expect(stderr.contains("tunedash: stopped by a signal before "), "\(stderr)")
    // The two held messages were handed over and logged; no other program started.
    #expect(hold.count("done-") == 2)
    #expect(hold.count("holding-") == 2)
    let resumed = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains(", 0 unconfirmed)"), "\(resumed.stdout)")
    try Self.expectEachRecipientOnce(delivered: delivered, outbox: fixture.path("outbox"))
  }

  /// Starts `digest --send` of a small demo with two jobs and a mail program that files each
  /// message in the `delivered` folder, held from its fifth call on (``HeldSendmail``): the run
  /// and its arguments, the wrapper, the folder.
  static func startHeldRun(in fixture: Fixture, standardError: Any) throws -> (
    run: (process: Process, arguments: [String]), hold: HeldSendmail, delivered: String
  ) {
    let demo = fixture.path("demo.sqlite")
    try DemoDatabase.create(
      at: demo, options: DemoOptions(users: 200, tracks: 300, events: 12_000, feedback: 2_400))
    let delivered = fixture.path("delivered")
    try FileManager.default.createDirectory(atPath: delivered, withIntermediateDirectories: true)
    let deliver = fixture.path("deliver.sh")
    try "#!/bin/sh\ncat > \"$(mktemp \"$1/message.XXXXXX\")\"\n".write(
      toFile: deliver, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: deliver)
    let hold = HeldSendmail(in: fixture, call: 5)
    let arguments = [
      "digest", "--db", demo, "--outbox", fixture.path("outbox"), "--from",
      "Radio Owl <digest@example.com>", "--send", "--send-jobs", "2", "--sendmail",
      try hold.command(wrapping: "\(deliver) \(delivered)"),
    ]
    let process = Process()
    process.executableURL = TuneDashBinary.url
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = standardError
    try process.run()
    return ((process, arguments), hold, delivered)
  }

  /// Every message written to the outbox was delivered to its recipient, and nobody got two.
  static func expectEachRecipientOnce(
    delivered: String, outbox: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let written = try FileManager.default.contentsOfDirectory(atPath: outbox)
      .flatMap { try FileManager.default.contentsOfDirectory(atPath: outbox + "/" + $0) }
    let recipients = try FileManager.default.contentsOfDirectory(atPath: delivered).compactMap {
      try String(contentsOfFile: delivered + "/" + $0, encoding: .utf8)
        .split(whereSeparator: \.isNewline).first { $0.hasPrefix("To: ") }.map(String.init)
    }
    #expect(written.count > 10, sourceLocation: sourceLocation)
    #expect(
      recipients.count == written.count,
      "\(recipients.count) delivered, \(written.count) written", sourceLocation: sourceLocation)
    #expect(
      Set(recipients).count == recipients.count, "someone got two messages",
      sourceLocation: sourceLocation)
  }

  /// A signal to the run's whole process group — a Ctrl-C at a terminal, `kill -TERM -PGID`;
  /// here SIGKILL, which no signal mask holds back — ends TuneDash but not the mail programs
  /// holding messages (each in a session of its own): they deliver them, the rerun takes them as
  /// probably delivered, and every recipient gets exactly one message.
  @Test func aSignalToTheRunsProcessGroupLetsHeldMessagesBeDelivered() throws {
    let fixture = try Fixture(schema: false)
    let (run, hold, delivered) = try Self.startHeldRun(
      in: fixture, standardError: FileHandle.nullDevice)
    let (process, arguments) = (run.process, run.arguments)
    let held = hold.wait(for: "holding-", 2)
    // The run leads a process group of its own (Foundation starts it so): signal all of it.
    let group = getpgid(process.processIdentifier)
    try #require(group == process.processIdentifier, "the run shares the test's process group")
    kill(-group, SIGKILL)
    process.waitUntilExit()
    #expect(held, "sendmail was never asked for message \(hold.call) (2 at once)")
    #expect(process.terminationReason == .uncaughtSignal)
    // The held programs outlived the run: let them deliver.
    #expect(FileManager.default.createFile(atPath: hold.path("release"), contents: nil))
    #expect(hold.wait(for: "done-", 2), "the held messages were never delivered: \(hold.output)")
    let resumed = try TuneDashBinary.run(arguments, environment: Self.environment)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains(", 2 unconfirmed)"), "\(resumed.stdout)")
    try Self.expectEachRecipientOnce(delivered: delivered, outbox: fixture.path("outbox"))
  }
}
