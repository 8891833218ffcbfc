import Digest
import Foundation
import ReportModel

/// What `tunedash digest` was asked for, checked.
struct DigestOptions {
  var from: Mailbox
  var owners: [Mailbox]
  var siteURL: String?
  var unsubscribeURL: String?
  var trackLink: TrackLink?
  var count: Int
  var clusters: Int
  var minRatings: Int
  var minUsers: Int
  var zone: ZoneRules
  /// The state file of the site's scheduled build, for the owners' report to go on from.
  var state: String? = nil

  /// An `https://`, `http://` or `mailto:` address of printable ASCII without spaces, and
  /// without the characters no URL holds as they are (``unsafeInURL``), one of which (`>`)
  /// would end the address in `List-Unsubscribe: <…>` early; braces only in `{token}`.
  static func isUnsubscribeTemplate(_ text: String) -> Bool {
    let rest = text.replacingOccurrences(of: "{token}", with: "")
    return ["https://", "http://", "mailto:"].contains { text.hasPrefix($0) }
      && rest.unicodeScalars.allSatisfy {
        (0x21...0x7E).contains($0.value) && !unsafeInURL.unicodeScalars.contains($0)
      }
  }

  /// The printable characters a URL never holds as they are (RFC 3986): they must be
  /// percent-encoded.
  static let unsafeInURL = "<>\"\\^`|{}"

  /// The longest unsubscribe address, its `{token}`s replaced: `List-Unsubscribe: <…>` stays
  /// within RFC 5322's 998 characters a line.
  static let longestUnsubscribeURL = 900

  /// The length of `template` once each `{token}` (7 characters) is a token (32).
  static func expandedLength(of template: String) -> Int {
    template.utf8.count + 25 * (template.components(separatedBy: "{token}").count - 1)
  }

  /// Whether the unsubscribe address is one of one-click unsubscription (RFC 8058): an
  /// `https://` address (the only kind a `List-Unsubscribe-Post` may name) that carries the
  /// listener's `{token}` (it must tell who is leaving). Only then does the footer say "with
  /// one click".
  var unsubscribeIsOneClick: Bool {
    guard let unsubscribeURL else { return false }
    return unsubscribeURL.hasPrefix("https://") && unsubscribeURL.contains("{token}")
  }

  /// The unsubscribe address of a listener whose token is `token`.
  func unsubscribe(token: String) -> String? {
    unsubscribeURL?.replacingOccurrences(of: "{token}", with: token)
  }
}
