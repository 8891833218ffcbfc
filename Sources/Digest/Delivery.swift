import CSystemShims

/// Runs `body(0)` … `body(count - 1)` side by side, each on a thread of its own, and returns
/// when all have returned: the hand-off's jobs, which mostly wait for the mail program. The
/// digest starts no threads itself; the command passes `Workers.concurrently`, and
/// ``Delivery/serial`` runs the jobs one after the other.
public typealias JobLoop =
  @Sendable (_ count: Int, _ body: @escaping @Sendable (Int) -> Void) -> Void

/// Hands a week's messages to sendmail, each at most once across runs: the send log says what
/// earlier runs did, and every message's `handing` line is on disk before its program starts.
///
/// Up to `jobs` programs run at once. The log is written in groups: one `fsync` makes the
/// `handing` lines of the next ``batchSize`` messages durable, and with them every `started`,
/// `sent` and `failed` line appended since the last one; the last results are flushed at the
/// end. A `started` line is appended (not flushed) just before each program starts, so a run
/// killed at any instant leaves unconfirmed only the messages whose programs had started (at
/// most `jobs`); the messages of the group whose programs never started are sent by the next
/// run. Only when the machine itself stops can all of a group be left unconfirmed.
public struct Delivery: Sendable {
  /// What a delivery did.
  public struct Report: Sendable, Equatable {
    /// Labels of the messages sent now.
    public var sent: [String] = []
    /// How many an earlier run already sent.
    public var alreadySent = 0
    /// Labels of messages an interrupted run handed over without learning the outcome; not
    /// sent again.
    public var unconfirmed: [String] = []
    /// Messages the program refused now: label, exit status, its message.
    public var failed: [Failure] = []
    /// Messages whose program failed now in a way that may have come after it handed the
    /// message on (``Sendmail/Outcome/uncertain(status:message:)``): left unconfirmed in the
    /// log, so that no later run sends them again without `retryUnconfirmed`.
    public var uncertain: [Failure] = []
    /// Messages to send that were never handed over: a stop was asked for (``stopRequested``)
    /// before their turn. The next run sends them.
    public var notHandedOver = 0

    /// A refused message, or one whose outcome is uncertain.
    public struct Failure: Sendable, Equatable {
      /// The recipient's label.
      public var label: String
      /// The program's exit status.
      public var status: Int32
      /// The first line the program printed, addresses replaced.
      public var message: String
    }
  }

  /// The log of what was sent.
  public let log: SendLog
  /// The program that takes the messages.
  public let sendmail: Sendmail
  /// Send again the messages an interrupted run handed over without an outcome.
  public let retryUnconfirmed: Bool
  /// How many programs run at once (at least 1).
  public let jobs: Int
  /// How many `handing` lines one `fsync` makes durable: 16 a job.
  public var batchSize: Int { 16 * jobs }
  /// Asked before each message is handed over: once it says `true`, no program is started, the
  /// running ones finish and are logged, and ``deliver(_:week:files:progress:)`` returns.
  public var stopRequested: @Sendable () -> Bool = { false }
  private let loop: JobLoop

  /// Makes the first SIGTERM, SIGINT or SIGHUP of the process only ask for a stop, and returns
  /// what tells whether one came, for ``stopRequested``: a service manager's stop, a Ctrl-C or a
  /// closed terminal then lets the messages being handed over finish — their programs run on in
  /// sessions of their own — and logs them, instead of leaving them unconfirmed. A second such
  /// signal ends the process at once.
  public static func stopOnSignals() -> @Sendable () -> Bool {
    tunedash_catch_stop_signals()
    return { tunedash_stop_signal() != 0 }
  }

  /// The jobs one after the other, on the calling thread.
  public static let serial: JobLoop = { count, body in
    for index in 0..<count { body(index) }
  }

  /// A delivery through `sendmail`, logged in `log`, with up to `jobs` programs at once run by
  /// `loop` (which must run its bodies side by side for more than one to run at once).
  public init(
    log: SendLog, sendmail: Sendmail, retryUnconfirmed: Bool = false, jobs: Int = 1,
    loop: @escaping JobLoop = Delivery.serial
  ) {
    self.log = log
    self.sendmail = sendmail
    self.retryUnconfirmed = retryUnconfirmed
    self.jobs = max(1, jobs)
    self.loop = loop
  }

  /// What a run does with a message that the log says `state` of.
  public enum Decision: Equatable, Sendable {
    /// Nothing: it was sent.
    case alreadySent
    /// Nothing: it was being handed over when an earlier run stopped, and probably delivered.
    case unconfirmed
    /// Sends it: never handed over, refused, or unconfirmed with `retryUnconfirmed`.
    case send
  }

  /// What a run does with a message the log says `state` of (``deliver(_:week:files:progress:)``
  /// and a dry run decide alike).
  public static func decision(_ state: SendLog.State?, _ retryUnconfirmed: Bool) -> Decision {
    switch state {
    case .sent?: .alreadySent
    case .handing? where !retryUnconfirmed: .unconfirmed
    default: .send
    }
  }

  /// Sends each envelope of `week` whose file is in `files` (name → path), unless the log says
  /// it was sent or handed over; `progress` hears the share of the envelopes dealt with
  /// (0 … 1), one call at a time, from any thread.
  public func deliver(
    _ envelopes: [Envelope], week: String, files: [String: String],
    progress: @escaping @Sendable (Double) -> Void = { _ in }
  ) throws -> Report {
    var report = Report()
    var pending: [(envelope: Envelope, file: String)] = []
    for envelope in envelopes {
      switch Self.decision(log.state(week: week, key: envelope.key), retryUnconfirmed) {
      case .alreadySent:
        report.alreadySent += 1
        continue
      case .unconfirmed:
        report.unconfirmed.append(envelope.label)
        continue
      case .send:
        break
      }
      guard let file = files[envelope.fileName] else { continue }
      pending.append((envelope, file))
    }
    let total = Double(max(1, envelopes.count))
    let skipped = envelopes.count - pending.count
    progress(Double(skipped) / total)

    let queue = HandOffQueue(count: pending.count, batch: batchSize)
    let work = pending
    let (log, sendmail, stopRequested) = (log, sendmail, stopRequested)
    loop(min(jobs, pending.count)) { _ in
      let commit: (Range<Int>) throws -> Void = { range in
        try log.append(range.map { (.handing, work[$0].envelope.key) }, week: week, flush: true)
      }
      while !stopRequested(), let index = queue.take(commit: commit) {
        let (envelope, file) = work[index]
        do {
          try log.append([(.started, envelope.key)], week: week, flush: false)
          let outcome = sendmail.send(file: file, from: envelope.sender, to: envelope.recipients)
          let step: SendLog.Step? =
            switch outcome {
            case .accepted: .sent
            case .refused(let status, _): .failed(status)
            // No outcome logged: the message stays `handing`, unconfirmed, as if the run had
            // stopped while its program ran.
            case .uncertain: nil
            }
          if let step { try log.append([(step, envelope.key)], week: week, flush: false) }
          queue.finish(index, outcome) { progress(Double(skipped + $0) / total) }
        } catch {
          queue.fail(error)
        }
      }
    }
    // The results since the last group's flush.
    let flushed = Result { try log.flush() }
    if let failure = queue.failure { throw failure }
    try flushed.get()

    for ((envelope, _), outcome) in zip(pending, queue.results) {
      switch outcome {
      case .accepted?:
        report.sent.append(envelope.label)
      case .refused(let status, let message)?:
        report.failed.append(
          Report.Failure(label: envelope.label, status: status, message: message))
      case .uncertain(let status, let message)?:
        report.uncertain.append(
          Report.Failure(label: envelope.label, status: status, message: message))
      case nil:
        report.notHandedOver += 1
      }
    }
    return report
  }
}
