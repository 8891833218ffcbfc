import ReportModel
import SVGCharts

/// What the sections of one dashboard page share: the report, the page's range, where the page
/// sits, and the standalone chart files recorded so far.
struct SectionContext {
  /// Chart widths: `wide` fits a half-width column of a desktop page, `narrow` a phone.
  static let wide = 560.0
  static let narrow = 360.0

  let report: Report
  let range: RangeKey
  /// `""` for the top-level page, `"../"` for pages one folder down.
  let root: String
  /// The words the word cloud was counted without.
  let stopwords: StopwordNote
  /// The standalone chart files of the whole site, this page's included as they are drawn.
  var charts: ChartFiles

  /// The report's numbers for the page's range.
  var data: RangeReport { report[range] }

  /// The zone the report's days and hours are in, e.g. `UTC` or `Asia/Tokyo`.
  var timeZone: String { report.timeZone }

  /// The HTML id of the chart `name` on this page, e.g. `genres-30d`.
  func chartID(_ name: String) -> String { "\(name)-\(range.rawValue)" }

  /// Renders a chart in both sizes and records the standalone files.
  mutating func chart(
    name: String, title: String, note: String?, summary: String, table: TableView,
    isEmpty: Bool = false, emptyText: String = "No data in this range.", footnote: String? = nil,
    hasNarrow: Bool = true, draw: (ChartText, Double) -> SVGDocument
  ) -> ChartView {
    guard !isEmpty else {
      return emptyChart(name: name, title: title, note: note, table: table, emptyText: emptyText)
    }
    let id = chartID(name)
    let wide = draw(ChartText(id: "\(id)-w", title: title, summary: summary), Self.wide)
    let narrow =
      hasNarrow ? draw(ChartText(id: "\(id)-n", title: title, summary: summary), Self.narrow) : nil
    return view(
      name: name, title: title, note: note, summary: summary, wide: wide, narrow: narrow,
      table: table, footnote: footnote)
  }

  /// A drawn chart: the wide drawing inline, both drawings recorded as standalone files
  /// (`NAME.svg`, `NAME-narrow.svg`), the narrow one shown on phones as an image.
  mutating func view(
    name: String, title: String, note: String?, summary: String, wide: SVGDocument,
    narrow: SVGDocument?, table: TableView, footnote: String?
  ) -> ChartView {
    let folder = range.rawValue
    let href = charts.add(wide, folder: folder, name: name, root: root)
    let image = narrow.map { narrow in
      charts.image(
        narrow, folder: folder, name: "\(name)-narrow", root: root, alt: "\(title). \(summary)")
    }
    return ChartView(
      id: chartID(name), title: title, note: note, wide: wide.inline, narrow: image, href: href,
      table: table, isEmpty: false, emptyText: "", footnote: footnote)
  }

  /// A chart with nothing to draw in this range: the template says so in words.
  func emptyChart(name: String, title: String, note: String?, table: TableView, emptyText: String)
    -> ChartView
  {
    ChartView(
      id: chartID(name), title: title, note: note, wide: "", narrow: nil, href: "",
      table: table, isEmpty: true, emptyText: emptyText, footnote: nil)
  }
}
