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
