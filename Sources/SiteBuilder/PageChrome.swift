import Formatting
import ReportModel

/// What every page shares: title, links to the ranges, the as-of line, the footer.
struct PageChrome: Sendable {
  struct NavItem: Sendable {
    let label: String
    let href: String
    let current: Bool
  }

  /// The document title.
  let title: String
  /// `""` or `"../"`: prefix for links to the site's top.
  let root: String
  let nav: [NavItem]
  let asOf: String
  let timeZone: String
  let aboutHref: String
  let aboutCurrent: Bool
  let reportHref: String
  let version: String

  static let version = "0.1.0"

  static func make(report: Report, current: RangeKey?, root: String, title: String) -> PageChrome {
    PageChrome(
      title: "\(title) · TuneDash",
      root: root,
      nav: RangeKey.allCases.sorted(by: SiteLayout.navOrder).map { range in
        NavItem(
          label: range.label, href: root + SiteLayout.page(for: range), current: range == current)
      },
      asOf: asOfText(report),
      timeZone: report.timeZone,
      aboutHref: root + "about.html",
      aboutCurrent: current == nil,
      reportHref: root + "report.json",
      version: version)
  }

  /// "Data up to Fri 20 Nov 2026, 23:59 (Europe/Paris)", or "No events yet".
  static func asOfText(_ report: Report) -> String {
    guard let asOf = report.asOf, let local = LocalTime.text(asOf, zone: report.timeZone) else {
      return "No events yet"
    }
    return "Data up to \(local) (\(report.timeZone))"
  }
}

/// Where each page lives: the 30-day dashboard at the top, the other ranges in folders.
enum SiteLayout {
  static let defaultRange = RangeKey.days30

  /// The page of a range, relative to the site's top.
  static func page(for range: RangeKey) -> String {
    range == defaultRange ? "index.html" : "\(range.rawValue)/index.html"
  }

  /// The link prefix back to the top from a range's page.
  static func root(for range: RangeKey) -> String { range == defaultRange ? "" : "../" }

  /// Tabs read 7 days, 30 days, all time.
  static func navOrder(_ a: RangeKey, _ b: RangeKey) -> Bool {
    let order: [RangeKey] = [.days7, .days30, .all]
    return order.firstIndex(of: a)! < order.firstIndex(of: b)!
  }
}
