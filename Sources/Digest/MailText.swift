import Formatting

/// Database text on its way into a header.
enum MailText {
  /// A display name for `To:`: cleaned as on the site (no control characters, so no line
  /// breaks that could start a new header), no bidirectional isolates, at most 60 characters.
  static func headerName(_ name: String) -> String {
    SafeText.clean(name, limit: 60, isolate: false)
  }
}
