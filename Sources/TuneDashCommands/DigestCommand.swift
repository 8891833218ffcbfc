import ArgumentParser
import BuildPipeline
import Digest
import Engine
import EventStore
import Formatting
import Foundation
import Privacy
import Recommender
import ReportModel
import Workers

/// `tunedash digest`: the weekly emails — songs for each listener from what they searched
/// for, and the week's numbers for the owners — written to an outbox and, with `--send`,
/// handed to sendmail exactly once.
struct DigestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "digest",
    abstract: "Write the weekly digests to an outbox and, with --send, send them.",
    discussion: """
      A listener gets a digest when, in the week, they searched and picked a track, have a \
      valid users.email and have not opted out (users.email_opt_out = 1): ten songs that sound \
      like their picks, leaving out what they played or rated. --owners adds the week's numbers \
      as the dashboard's 7-day range shows them. The same inputs write the same messages.

      With --send each message goes to the sendmail program once: a private send log beside \
      the outbox records what was sent, so a rerun, or a run after a crash, sends only what is \
      missing. --send-jobs programs run at once (default 4). A refused message is reported, \
      the rest go on, the exit code is 75, and the next run tries it again.

      \(ExitStatus.helpText)
      """)

  @OptionGroup var database: SourceOption

  /// The source database's location, as given.
  var db: String { database.db }

  @Option(
    name: .long, help: "The folder the messages are written to (mode 0700; it holds addresses).")
  var outbox: String

  @Option(
    name: .long,
    help: "The week's last day, YYYY-MM-DD in --timezone. Default: the day of the latest event.")
  var weekEnding: String?

  @Option(name: .long, help: "The IANA time zone the week's days are counted in, as for build.")
  var timezone = "UTC"

  @Option(name: .long, help: "The sender, e.g. \"Radio Owl <digest@example.com>\".")
  var from: String

  @Option(name: .long, help: "The dashboard's address, linked from the owners' report.")
  var siteURL: String?

  @Option(
    name: .long,
    help:
      "The unsubscribe address; {token} becomes the listener's token (see the README). HTTPS with {token} gets one-click unsubscription (RFC 8058)."
  )
  var unsubscribeURL: String?

  @Option(name: .long, help: "A link for each song, e.g. https://open.spotify.com/track/{id}.")
  var trackURL: String?

  @Option(name: .long, help: "Addresses for the owners' report, comma-separated.")
  var owners: String?

  @Option(
    name: .long,
    help:
      "With --owners: the state file the site's scheduled build keeps (.NAME.state beside its output folder). The owners' report goes on from the state of the week's last day (or the latest before it) that the build kept beside it (FILE.day-YYYY-MM-DD), or from FILE, reading only what was added since, when it fits. Only read, never written."
  )
  var state: String?

  @Flag(name: .long, help: "Hand the messages to --sendmail (without it they are only written).")
  var send = false

  @Option(name: .long, help: "The sendmail-compatible program and its arguments (no shell).")
  var sendmail = "/usr/sbin/sendmail"

  @Option(
    name: .long, parsing: .unconditional,
    help: "How many sendmail programs run at once (1 hands messages over one at a time).")
  var sendJobs = 4

  @Option(name: .long, help: "The private send log. Default: .NAME.sent beside the outbox folder.")
  var sendLog: String?

  @Flag(
    name: .long,
    help: "Also send messages that an interrupted run handed over without learning the outcome.")
  var retryUnconfirmed = false

  @Flag(name: .long, help: "Print what would be sent (counts and pseudonyms) and write nothing.")
  var dryRun = false

  @Flag(
    name: .long,
    help: "Write (and send) the digests of a week without any event, which is refused otherwise.")
  var allowEmptyWeek = false

  @Option(name: .long, parsing: .unconditional, help: "How many songs each listener gets.")
  var count = 10

  @Option(name: .long, parsing: .unconditional, help: "Sound clusters, as for build and recommend.")
  var clusters = 17

  @Option(
    name: .long, parsing: .unconditional, help: "As for build: ratings a track needs to be listed.")
  var minRatings = 20

  @Option(
    name: .long, parsing: .unconditional,
    help: "As for build: the fewest listeners behind a published group.")
  var minUsers = 5

  @Option(name: .long, help: "The pseudonym key file, as for build.")
  var pseudonymKey: String?

  @Flag(name: .long, help: "Print only failures.")
  var quiet = false

  func validate() throws {
    guard Mailbox(parsing: from) != nil else {
      throw ValidationError(
        "--from \"\(SafeText.clean(from, isolate: false))\" is not an address like \"Name <digest@example.com>\""
      )
    }
    guard count >= 1, clusters >= 1, minRatings >= 1, minUsers >= 1 else {
      throw ValidationError("--count, --clusters, --min-ratings and --min-users must be at least 1")
    }
    guard (1...64).contains(sendJobs) else {
      throw ValidationError("--send-jobs must be from 1 to 64")
    }
    if let trackURL, TrackLink(template: trackURL) == nil {
      throw ValidationError(
        "--track-url must be an http(s) address containing {id}, like https://open.spotify.com/track/{id}"
      )
    }
    if let unsubscribeURL, !DigestOptions.isUnsubscribeTemplate(unsubscribeURL) {
      throw ValidationError(
        "--unsubscribe-url must be an https://, http:// or mailto: address without spaces or \(DigestOptions.unsafeInURL.map(String.init).joined(separator: " ")) (braces only in {token}), like https://example.com/unsubscribe?t={token}"
      )
    }
    if let unsubscribeURL,
      DigestOptions.expandedLength(of: unsubscribeURL) > DigestOptions.longestUnsubscribeURL
    {
      throw ValidationError(
        "--unsubscribe-url is too long for a mail header: at most \(DigestOptions.longestUnsubscribeURL) characters"
      )
    }
    if let siteURL, !(siteURL.hasPrefix("https://") || siteURL.hasPrefix("http://")) {
      throw ValidationError("--site-url must be an http(s) address")
    }
    _ = try ownerMailboxes()
    if state != nil, owners == nil {
      throw ValidationError(
        "--state is for the owners' report: add --owners, or leave --state out")
    }
    if let weekEnding, CivilDate(iso: weekEnding) == nil {
      throw ValidationError("--week-ending \"\(weekEnding)\" is not a date like 2026-11-29")
    }
  }

  /// The `--owners` addresses.
  func ownerMailboxes() throws -> [Mailbox] {
    guard let owners else { return [] }
    let parts = owners.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let boxes = parts.compactMap { Mailbox(parsing: $0) }
    guard boxes.count == parts.count, !boxes.isEmpty else {
      throw ValidationError(
        "--owners takes addresses separated by commas, like a@example.com,b@example.com")
    }
    // The same address twice would be the same recipient twice, in To: and the envelope.
    var seen = Set<String>()
    return boxes.filter { seen.insert($0.address.text.lowercased()).inserted }
  }

  func run() throws {
    do {
      // The messages carry listeners' addresses: never where the site is published from.
      try PrivateFile(option: "--outbox", path: outbox)
        .refuseInsideSite(example: "/var/lib/tunedash/outbox")
      let sendLogFile = PrivateFile(option: "--send-log", path: sendLogPath)
      try sendLogFile.refuseFolder()
      try sendLogFile.refuse(source: db)
      if let state { try PrivateFile(option: "--state", path: state).refuseFolder() }
      try sendLogFile.refuseInsideSite(example: "/var/lib/tunedash/.outbox.sent")
      if let unsubscribeURL, unsubscribeURL.hasPrefix("https://"),
        !unsubscribeURL.contains("{token}")
      {
        StandardStream.standardError.write(
          "tunedash: warning: --unsubscribe-url has no {token}: every listener gets the same address, so one-click unsubscription (List-Unsubscribe-Post) is left out\n"
        )
      }
      let zone = try ZoneRules.option(timezone)
      let key = try PseudonymKey.load(
        environment: ProcessInfo.processInfo.environment, file: pseudonymKey, create: false)
      let options = DigestOptions(
        from: Mailbox(parsing: from)!, owners: try ownerMailboxes(), siteURL: siteURL,
        unsubscribeURL: unsubscribeURL, trackLink: trackURL.flatMap(TrackLink.init(template:)),
        count: count,
        clusters: clusters, minRatings: minRatings, minUsers: minUsers, zone: zone, state: state)
      let source = try SourceLocation.open(db)
      let plan = try DigestPlan.make(
        from: source, reopen: { [db] in try SourceLocation.open(db) },
        weekEnding: weekEnding.flatMap(CivilDate.init(iso:)), options: options,
        pseudonyms: Pseudonymizer(key: key))
      guard let plan else {
        // The owners expect their report every week: a database without a single valid event
        // (the wrong --db, or the app not logging yet) is said, not passed over with exit 0.
        if owners != nil && !allowEmptyWeek {
          StandardStream.standardError.write(
            "tunedash: \(source.location) has no valid events, so there is no week to report to the owners; "
              + "check --db, or pass --allow-empty-week to let such a run pass\n")
          throw ExitStatus.badInput.exitCode
        }
        log("no events in \(source.location): nothing to write")
        return
      }
      if plan.isEmptyWeek && !allowEmptyWeek {
        // A stalled app or a stopped log would send every owner a report of zeros.
        StandardStream.standardError.write(plan.emptyWeekRefusal)
        throw ExitStatus.badInput.exitCode
      }
      log(plan.summary)
      if send && !dryRun && weekEnding == nil {
        // The default week moves with the data: a rerun after the next event's midnight would
        // be another week, and mail everyone again.
        StandardStream.standardError.write(
          "tunedash: warning: no --week-ending, so the week ends on the latest event's day (\(plan.weekKey)); "
            + "a scheduled run should name its week (--week-ending \"$(date -d 'last sunday' +%F)\"): "
            + "a rerun on the next day's data would be a new week, sent to everyone again\n")
      }
      if let (state, read) = plan.ownersRead {
        switch read {
        case .incremental: log("the owners' report went on from \(state): \(read.rowsRead!)")
        case .full(let reason):
          log("the owners' report read every row: \(Self.unusable(reason)) (\(state))")
        }
      }
      if let state = plan.clustersFrom {
        log("the recommender took the sound clusters of \(state)")
      }
      if dryRun {
        try dryRun(plan)
        return
      }
      // The send log's lock before the outbox is touched: a second run, refused the lock, must
      // not rewrite the messages a first one is handing to the mail program.
      let sendLog = try openSendLog(repairing: true)
      let outbox = try Outbox(path: outbox)
      let files = try plan.write(to: outbox)
      log(
        "wrote \(NumberFormat.count(files.count, "message")) to \(outbox.folder(week: plan.weekKey))"
      )
      guard send else { return }
      try deliver(plan, files: files, log: sendLog)
    } catch let exit as ExitCode {
      throw exit
    } catch {
      throw Failure.report(error)
    }
  }

  /// Why the owners' report could not go on from the state, in the week's terms where the
  /// build's phrase would mislead.
  static func unusable(_ reason: FullReadReason) -> String {
    switch reason {
    case .asOfWentBack:
      "the state counted events after the week's end (a build keeps the states of its last two days only)"
    case .tooOld: "the state is from more than 7 days before the week's end"
    default: reason.description
    }
  }

  /// Lists the messages by pseudonym; with `--send`, as a real run would decide them from the
  /// send log (``Delivery/decision(_:_:)``): those sent and those unconfirmed are left out.
  private func dryRun(_ plan: DigestPlan) throws {
    let logPath = sendLogPath
    let log =
      send && FileManager.default.fileExists(atPath: logPath)
      ? try openSendLog(repairing: false) : nil
    var (sent, unconfirmed) = (0, 0)
    for envelope in plan.envelopes {
      let state = log?.state(week: plan.weekKey, key: envelope.key)
      switch Delivery.decision(state, retryUnconfirmed) {
      case .alreadySent: sent += 1
      case .unconfirmed:
        unconfirmed += 1
        self.log("  unconfirmed: \(envelope.label) (probably delivered; not sent again)")
      case .send: self.log("  would \(send ? "send" : "write") to \(envelope.label)")
      }
    }
    if send {
      let n = NumberFormat.grouped
      self.log(
        "\(NumberFormat.count(plan.envelopes.count - sent - unconfirmed, "message")) would be sent, \(n(sent)) already were"
          + (unconfirmed > 0
            ? ", \(n(unconfirmed)) unconfirmed (probably delivered; not sent again without --retry-unconfirmed)"
            : "")
      )
    }
  }

  private func deliver(_ plan: DigestPlan, files: [String: String], log: SendLog) throws {
    let program = try Sendmail(command: sendmail, environment: ProcessInfo.processInfo.environment)
    let bar = ProgressBar(quiet: quiet)
    var delivery = Delivery(
      log: log, sendmail: program, retryUnconfirmed: retryUnconfirmed, jobs: sendJobs,
      loop: Workers.concurrently)
    delivery.stopRequested = Delivery.stopOnSignals()
    let report = try delivery.deliver(plan.envelopes, week: plan.weekKey, files: files) {
      bar.update("sending", $0)
    }
    bar.finish()
    let name = program.program
    Self.writeFirstFew(
      report.failed,
      each: {
        "tunedash: \(name) refused the message to \($0.label) (exit \($0.status)): \($0.message); the next run tries it again"
      },
      rest: {
        "tunedash: \(name) refused \(NumberFormat.count($0, "more message")) (`--dry-run --send` lists what the next run sends); the next run tries them again"
      })
    Self.writeFirstFew(
      report.uncertain,
      each: {
        "tunedash: \(name) failed on the message to \($0.label) after it may have handed it on (exit \($0.status)): \($0.message); left unconfirmed, not sent again (check the relay's log, then pass --retry-unconfirmed to send it)"
      },
      rest: {
        "tunedash: \(name) failed on \(NumberFormat.count($0, "more message")) after it may have handed them on; left unconfirmed, not sent again (`--dry-run --send` names them)"
      })
    if !report.unconfirmed.isEmpty {
      StandardStream.standardError.write(
        "tunedash: warning: \(NumberFormat.count(report.unconfirmed.count, "message")) (\(report.unconfirmed.prefix(3).joined(separator: ", "))\(report.unconfirmed.count > 3 ? ", …" : "")) \(report.unconfirmed.count == 1 ? "was" : "were") being handed to sendmail when an earlier run stopped, and \(report.unconfirmed.count == 1 ? "was" : "were") probably delivered; not sent again (`--dry-run --send` names every one; pass --retry-unconfirmed to send \(report.unconfirmed.count == 1 ? "it" : "them"))\n"
      )
    }
    let total = plan.envelopes.count
    if total == 0 {
      self.log("no message for the week ending \(plan.weekKey): nothing sent")
    } else if report.alreadySent == total {
      self.log(
        "all \(NumberFormat.count(total, "message")) for the week ending \(plan.weekKey) were already sent; nothing sent now"
      )
    } else {
      let n = NumberFormat.grouped
      self.log(
        "sent \(n(report.sent.count)) of \(n(total)) (\(n(report.alreadySent)) already sent, \(n(report.failed.count)) refused, \(n(report.unconfirmed.count + report.uncertain.count)) unconfirmed)"
      )
    }
    if report.notHandedOver > 0 {
      StandardStream.standardError.write(
        "tunedash: stopped by a signal before \(NumberFormat.count(report.notHandedOver, "message")) \(report.notHandedOver == 1 ? "was" : "were") handed over (those being handed over were finished and logged); the next run sends \(report.notHandedOver == 1 ? "it" : "them")\n"
      )
    }
    if !report.failed.isEmpty || !report.uncertain.isEmpty || report.notHandedOver > 0 {
      throw ExitStatus.tryAgain.exitCode
    }
  }

  /// Writes a line for each of the first ``refusalsShown`` of `failures`, then one line for
  /// how many more: a mail program that refuses everything must not fill the cron mail (the
  /// send log names each).
  private static func writeFirstFew(
    _ failures: [Delivery.Report.Failure], each: (Delivery.Report.Failure) -> String,
    rest: (Int) -> String
  ) {
    for failure in failures.prefix(refusalsShown) {
      StandardStream.standardError.write(each(failure) + "\n")
    }
    if failures.count > refusalsShown {
      StandardStream.standardError.write(rest(failures.count - refusalsShown) + "\n")
    }
  }

  /// Opens and locks the send log, warning (even with `--quiet`) when it ended in an unfinished
  /// line, which is left out (``SendLog/unfinishedLine``).
  private func openSendLog(repairing: Bool) throws -> SendLog {
    let log = try SendLog(path: sendLogPath, repairing: repairing)
    if let line = log.unfinishedLine {
      StandardStream.standardError.write(
        "tunedash: warning: the send log \(log.path) ended in an unfinished line, left out\(repairing ? " and cut off" : ""): \(line)\n"
      )
    }
    return log
  }

  /// `--send-log`, or the default one beside the outbox.
  private var sendLogPath: String { sendLog ?? Self.defaultSendLog(outbox: outbox) }

  /// How many refused messages a run names one by one before it only counts the rest.
  static let refusalsShown = 3

  /// `.NAME.sent` beside the outbox folder: never inside it, nor inside the site.
  static func defaultSendLog(outbox: String) -> String {
    let url = URL(fileURLWithPath: outbox).standardizedFileURL
    return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).sent")
      .path
  }

  private func log(_ line: String) {
    if !quiet { StandardStream.standardOutput.write(line + "\n") }
  }
}
