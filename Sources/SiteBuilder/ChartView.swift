import SVGCharts

/// A chart as the templates see it: the drawing in two sizes (wide for screens and print,
/// narrow for phones), a link to the standalone file, and the numbers as a table.
struct ChartView: Sendable {
  let id: String
  let title: String
  /// A line under the title: what is counted, how.
  let note: String?
  /// The inline `<svg>` for wide screens and print.
  let wide: String
  /// The inline `<svg>` for phones; `nil` when the wide one reads well at any width.
  let narrow: String?
  /// The standalone `.svg`, relative to the page.
  let href: String
  let table: TableView
  /// No data in the range: the template shows ``emptyText`` instead of a drawing.
  let isEmpty: Bool
  let emptyText: String
  /// A line after the chart, e.g. words that did not fit.
  let footnote: String?
}

/// Collects the standalone chart files of a site while pages are built.
struct ChartFiles {
  private(set) var files: [String: String] = [:]
  let stylesheet: String

  /// Records `document` as `charts/RANGE/NAME.svg` and returns the path relative to a page
  /// at `root` (`""` or `"../"`).
  mutating func add(_ document: SVGDocument, range: String, name: String, root: String) -> String {
    let path = "charts/\(range)/\(name).svg"
    files[path] = document.standalone(stylesheet: stylesheet)
    return root + path
  }
}
