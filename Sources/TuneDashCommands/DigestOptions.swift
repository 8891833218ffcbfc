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

  /// An `https://`, `http://` or `mailto:` address of printable ASCII without spaces.
  static func isUnsubscribeTemplate(_ text: String) -> Bool {
    ["https://", "http://", "mailto:"].contains { text.hasPrefix($0) }
      && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
  }

  /// The longest unsubscribe address, its `{token}`s replaced: `List-Unsubscribe: <…>` stays
  /// within RFC 5322's 998 characters a line.
  static let longestUnsubscribeURL = 900

  /// The length of `template` once each `{token}` (7 characters) is a token (32).
  static func expandedLength(of template: String) -> Int {
    template.utf8.count + 25 * (template.components(separatedBy: "{token}").count - 1)
  }

  /// Whether the unsubscribe address carries the listener's `{token}`: only then may it offer
  /// one-click unsubscription, which must tell who is leaving (RFC 8058).
  var unsubscribeNamesTheListener: Bool { unsubscribeURL?.contains("{token}") ?? false }

  /// The unsubscribe address of a listener whose token is `token`.
  func unsubscribe(token: String) -> String? {
    unsubscribeURL?.replacingOccurrences(of: "{token}", with: token)
  }
}
