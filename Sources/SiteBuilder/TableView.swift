import Formatting

/// A data table as the templates see it: every cell already formatted and cleaned.
struct TableView: Sendable {
  struct Header: Sendable {
    let text: String
    let numeric: Bool
  }

  struct Cell: Sendable {
    let text: String
    let numeric: Bool
    /// The first cell of a row is its header (`<th scope="row">`).
    let isRowHeader: Bool
    /// A small chart shown as an image instead of the text (which is then its description);
    /// `nil` for a text cell.
    var figure: ChartImage? = nil
  }

  struct Row: Sendable {
    let cells: [Cell]
  }

  let caption: String
  let headers: [Header]
  let rows: [Row]
  let isEmpty: Bool

  /// Whether the table is likely wider than a phone's card (``phoneWidth``), so that the page
  /// says it scrolls sideways: each column as wide as its longest text at ``pixelsPerCharacter``
  /// plus its padding, figures at their width, summed. An estimate from the text alone (the
  /// page has no script to measure it); it errs towards showing the hint.
  var isWide: Bool {
    let columns = headers.indices.map { column in
      rows.reduce(Double(headers[column].text.count) * Self.pixelsPerCharacter) { widest, row in
        guard column < row.cells.count else { return widest }
        let cell = row.cells[column]
        let width =
          cell.figure.map { Double($0.width) ?? 0 } ?? Double(cell.text.count)
          * Self.pixelsPerCharacter
        return max(widest, width)
      } + Self.cellPadding
    }
    return columns.reduce(0, +) > Self.phoneWidth
  }

  /// The width a table has inside a card on a 390 px phone, in CSS pixels.
  static let phoneWidth = 340.0
  /// The average width of a character of the tables' 13 px text, a little generous.
  static let pixelsPerCharacter = 7.5
  /// A cell's left and right padding together.
  static let cellPadding = 16.0

  /// A table whose first column names the row; `numeric` marks right-aligned columns.
  init(caption: String, columns: [(String, numeric: Bool)], rows: [[String]]) {
    self.caption = SafeText.clean(caption, limit: 200)
    headers = columns.map { Header(text: $0.0, numeric: $0.numeric) }
    self.rows = rows.map { row in
      Row(
        cells: row.enumerated().map { index, text in
          Cell(
            text: SafeText.clean(text, limit: 120),
            numeric: index < columns.count && columns[index].numeric, isRowHeader: index == 0)
        })
    }
    isEmpty = rows.isEmpty
  }

  /// The same table with one more column of small charts (one per row, `nil` for none);
  /// `text` is what the cell says where there is no chart.
  func adding(figureColumn header: String, figures: [(image: ChartImage, text: String)?])
    -> TableView
  {
    TableView(
      caption: caption, headers: headers + [Header(text: header, numeric: false)],
      rows: zip(rows, figures).map { row, figure in
        Row(
          cells: row.cells + [
            Cell(
              text: SafeText.clean(figure?.text ?? "–", limit: 200), numeric: false,
              isRowHeader: false, figure: figure?.image)
          ])
      }, isEmpty: isEmpty)
  }

  private init(caption: String, headers: [Header], rows: [Row], isEmpty: Bool) {
    self.caption = caption
    self.headers = headers
    self.rows = rows
    self.isEmpty = isEmpty
  }
}
