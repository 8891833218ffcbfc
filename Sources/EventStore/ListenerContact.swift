/// How a listener can be written to: what the `users` table says about them, for the weekly
/// digest. Only `tunedash digest` reads it; nothing else in TuneDash reads `users.email`.
public struct ListenerContact: Sendable, Equatable {
  /// `users.display_name`, as stored (not yet cleaned); `nil` when NULL or empty.
  public var displayName: String?
  /// `users.email`, as stored (not yet validated); `nil` when NULL or not text.
  public var email: String?
  /// `users.email_opt_out` is 1: the listener asked not to receive email. `false` when the
  /// optional column is absent, NULL or 0.
  public var optedOut: Bool

  /// Creates a contact.
  public init(displayName: String?, email: String?, optedOut: Bool) {
    self.displayName = displayName
    self.email = email
    self.optedOut = optedOut
  }
}
