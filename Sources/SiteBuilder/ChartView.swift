import Formatting
import SVGCharts

/// A chart as the templates see it: the drawing inline for wide screens and print, the narrow
/// drawing for phones as a standalone file, a link to the standalone wide file, and the numbers
/// as a table.
struct ChartView: Sendable {
  let id: String
  let title: String
  /// A line under the title: what is counted, how.
  let note: String?
  /// The inline `<svg>` for wide screens and print: inline, so its tooltips show on hover.
  let wide: String
  /// The drawing for phones, shown with `<img>` instead of inline: a phone has no pointer to
  /// show tooltips with, so a second inline copy would add nothing but bytes; `nil` when the
  /// wide one reads well at any width.
  let narrow: ChartImage?
  /// The standalone `.svg`, relative to the page.
  let href: String
  let table: TableView
  /// No data in the range: the template shows ``emptyText`` instead of a drawing.
  let isEmpty: Bool
  let emptyText: String
  /// A line after the chart, e.g. words that did not fit.
  let footnote: String?
}

/// A standalone chart file shown with `<img>`: where it is, its size in whole pixels (as HTML
/// wants it; the file keeps its exact size), and the words that stand for it (the chart's title
/// and summary).
struct ChartImage: Sendable {
  /// The `.svg`, relative to the page.
  let href: String
  let width: String
  let height: String
  let alt: String
}

/// Collects the standalone chart files of a site while pages are built.
struct ChartFiles {
  private(set) var files: [String: String] = [:]
  /// What every standalone file embeds: ``ChartStylesheet/base`` and the theme's `charts.css`.
  let stylesheet: EmbeddedStylesheet

  /// Records `document` as `charts/FOLDER/NAME.svg` (the folder is a range, `7d`, or a
  /// drawing shared by every range) and returns the path relative to a page at `root` (`""` or
  /// `"../"`).
  mutating func add(_ document: SVGDocument, folder: String, name: String, root: String) -> String {
    let path = "charts/\(folder)/\(name).svg"
    files[path] = document.standalone(stylesheet)
    return root + path
  }

  /// Records `document` like ``add(_:folder:name:root:)`` and returns it as an image for a page
  /// at `root`, described by `alt`.
  mutating func image(
    _ document: SVGDocument, folder: String, name: String, root: String, alt: String
  ) -> ChartImage {
    ChartImage(
      href: add(document, folder: folder, name: name, root: root),
      width: String(Int(document.width.rounded())), height: String(Int(document.height.rounded())),
      alt: SafeText.clean(alt, limit: 2000))
  }
}
