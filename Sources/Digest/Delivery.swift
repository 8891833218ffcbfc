/// One message ready to go: its file in the outbox, who it is for, and its key in the send log.
/// The message itself stays in its file, so a week of many thousands of messages is never held
/// in memory at once.
public struct Envelope: Sendable, Equatable {
  /// The recipient's key in the send log: an HMAC token, never an address or a user id.
  public var key: String
  /// How reports name the recipient: a listener's pseudonym, or `owners`.
  public var label: String
  /// The file name in the week's outbox folder.
  public var fileName: String
  /// The envelope sender (`-f`).
  public var sender: MailAddress
  /// The envelope recipients.
  public var recipients: [MailAddress]

  /// An envelope from `sender` to `recipients`.
  public init(
    key: String, label: String, fileName: String, sender: MailAddress, recipients: [MailAddress]
  ) {
    self.key = key
    self.label = label
    self.fileName = fileName
    self.sender = sender
    self.recipients = recipients
  }

  /// The envelope of `message`.
  public init(key: String, label: String, fileName: String, message: MailMessage) {
    self.init(
      key: key, label: label, fileName: fileName, sender: message.from.address,
      recipients: message.to.map(\.address))
  }
}

/// Hands a week's messages to sendmail, each at most once across runs: the send log says what
/// earlier runs did, and every step is logged before the next.
public struct Delivery {
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

    /// A refused message.
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

  /// A delivery through `sendmail`, logged in `log`.
  public init(log: SendLog, sendmail: Sendmail, retryUnconfirmed: Bool = false) {
    self.log = log
    self.sendmail = sendmail
    self.retryUnconfirmed = retryUnconfirmed
  }

  /// Sends each envelope of `week` whose file is in `files` (name → path), unless the log says
  /// it was sent; `progress` hears the share of the envelopes dealt with (0 … 1) after each.
  public func deliver(
    _ envelopes: [Envelope], week: String, files: [String: String],
    progress: (Double) -> Void = { _ in }
  ) throws -> Report {
    var report = Report()
    for (done, envelope) in envelopes.enumerated() {
      defer { progress(Double(done + 1) / Double(envelopes.count)) }
      switch log.state(week: week, key: envelope.key) {
      case .sent?:
        report.alreadySent += 1
        continue
      case .handing? where !retryUnconfirmed:
        report.unconfirmed.append(envelope.label)
        continue
      default:
        break
      }
      guard let file = files[envelope.fileName] else { continue }
      try log.record(.handing, week: week, key: envelope.key)
      let outcome = sendmail.send(file: file, from: envelope.sender, to: envelope.recipients)
      switch outcome {
      case .accepted:
        try log.record(.sent, week: week, key: envelope.key)
        report.sent.append(envelope.label)
      case .refused(let status, let message):
        try log.record(.failed(status), week: week, key: envelope.key)
        report.failed.append(
          Report.Failure(label: envelope.label, status: status, message: message))
      }
    }
    return report
  }
}
