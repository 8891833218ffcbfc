import Formatting
import Foundation
import ReportModel
import SVGCharts
import Workers

/// Turns a ``Report`` into a complete static site in memory: one dashboard per range, an
/// about page, the stylesheets, every chart as a standalone SVG, and `report.json`.
///
/// The same report and theme always give the same bytes: nothing here reads a clock or the
/// locale, and every list has a defined order.
public struct SiteBuilder: Sendable {
  /// The templates and stylesheets.
  public let theme: Theme
  /// The words the word cloud was counted without, as the pages describe them.
  public let stopwords: StopwordNote

  /// A builder using `theme`, describing the word cloud's stopwords as the report was built
  /// with them (by default every language's list and no file).
  public init(theme: Theme, stopwords: StopwordNote = StopwordNote()) {
    self.theme = theme
    self.stopwords = stopwords
  }

  /// Builds every file of the site. `loop` renders the three dashboards, the about page and
  /// `report.json` side by side when it runs indexes on several threads; the files are the same
  /// either way (each dashboard draws its charts into its own set, and the sets are joined in
  /// the order of the ranges).
  public func build(_ report: Report, loop: IndexLoop = IndexLoops.serial) throws -> SiteFiles {
    let chartStylesheet = ChartStylesheet.withTheme(theme.chartStylesheet)
    let embedded = EmbeddedStylesheet(chartStylesheet)
    let ranges = RangeKey.allCases
    let pages = IndexLoops.map(loop, ranges.count + 2) { [self] index in
      Result { () throws -> (path: String, contents: Data, charts: [String: String]) in
        if index < ranges.count {
          let range = ranges[index]
          var builder = DashboardBuilder(
            report: report, range: range, root: SiteLayout.root(for: range),
            stopwords: stopwords, charts: ChartFiles(stylesheet: embedded))
          let view = builder.build()
          let content = theme.render("dashboard", view)
          let html = page(view.page, content: content)
          return (SiteLayout.page(for: range), Data(html.utf8), builder.charts.files)
        }
        if index == ranges.count {
          let about = AboutView(report: report, stopwords: stopwords.phrase)
          let html = page(about.page, content: theme.render("about", about))
          return ("about.html", Data(html.utf8), [:])
        }
        return ("report.json", try ReportJSON.encode(report), [:])
      }
    }
    var site = SiteFiles()
    site.add("style.css", text: theme.stylesheet)
    site.add("charts.css", text: chartStylesheet)
    var charts: [String: String] = [:]
    for result in pages {
      let page = try result.get()
      site.add(page.path, page.contents)
      charts.merge(page.charts) { _, later in later }
    }
    for (path, svg) in charts { site.add(path, text: svg) }
    return site
  }

  private func page(_ chrome: PageChrome, content: String) -> String {
    Self.withoutIndentation(theme.render("layout", LayoutView(page: chrome, content: content)))
  }

  /// `html` without the spaces and tabs that start its lines: the templates' indentation,
  /// which HTML collapses anyway and which would otherwise cost every page a few kilobytes of
  /// its weight budget. A page with a `<pre>` or `<textarea>` (a custom theme's), where spaces
  /// show, is left as it is.
  static func withoutIndentation(_ html: String) -> String {
    guard !containsTag(html, "pre"), !containsTag(html, "textarea") else { return html }
    var out: [UInt8] = []
    out.reserveCapacity(html.utf8.count)
    var atLineStart = false
    for byte in html.utf8 {
      if atLineStart && (byte == 0x20 || byte == 0x09) { continue }
      atLineStart = byte == 0x0A
      out.append(byte)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether `html` opens a `name` element, in any letter case: `<name` followed by `>`, `/` or
  /// white space. A byte scan: pages are hundreds of kilobytes, and ASCII names need no copy
  /// or Unicode case mapping.
  static func containsTag(_ html: String, _ name: String) -> Bool {
    let bytes = Array(html.utf8)
    let wanted = Array(name.utf8)
    guard bytes.count > wanted.count + 1 else { return false }
    for start in 0..<(bytes.count - wanted.count - 1) where bytes[start] == UInt8(ascii: "<") {
      let letters = zip(wanted.indices, wanted).allSatisfy { bytes[start + 1 + $0] | 0x20 == $1 }
      guard letters else { continue }
      if ">/ \t\n\r".utf8.contains(bytes[start + 1 + wanted.count]) { return true }
    }
    return false
  }
}

/// What the layout template wraps around every page's content.
struct LayoutView: Sendable {
  let page: PageChrome
  let content: String
}

/// The about page: how every number is defined.
struct AboutView: Sendable {
  let page: PageChrome
  let timeZone: String
  let minRatings: String
  let minUsers: String
  /// What the word cloud leaves out, e.g. `common words of English and Spanish left out`.
  let stopwords: String
  /// "4 restarts, " when the catalog was clustered (the report's own setting); empty otherwise.
  let kMeansRestarts: String

  init(report: Report, stopwords: String) {
    page = PageChrome.make(
      report: report, current: nil, root: "", title: "How the numbers are made")
    timeZone = report.timeZone
    minRatings = String(report.ranges.days30.feedback.minRatings)
    minUsers = String(report.minUsers)
    self.stopwords = stopwords
    kMeansRestarts = report.sound.map { "\(NumberFormat.count($0.restarts, "restart")), " } ?? ""
  }
}
