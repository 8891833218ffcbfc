import Formatting

extension SoundMap {
  /// The numbered key under the map: one entry per drawn cluster, by number — the number, the
  /// whole label and the like ratio — in as many columns of at least ``minimumColumnWidth`` as
  /// fit (entries run down the first column, then the next).
  ///
  /// A label is never shortened to fit (up to ``labelLimit`` characters, far more than any
  /// label the recommender makes): it wraps onto more lines instead, after a ` · ` separator
  /// or a space where it can, so two labels never look the same in the key.
  public struct Names: Sendable, Equatable {
    /// One cluster's entry.
    public struct Entry: Sendable, Equatable {
      /// The cluster's number.
      public var id: Int
      /// The label, wrapped.
      public var lines: [String]
      /// The like ratio, `73.4%`, or `–` without ratings.
      public var ratio: String
      /// The left edge of the entry's column.
      public var x: Double
      /// The top of the entry's first line.
      public var y: Double
    }

    /// The entries, by number.
    public private(set) var entries: [Entry] = []
    /// The height the entries take.
    public private(set) var height = 0.0
    /// The top of the first line.
    public let top: Double
    /// The width of one column.
    public let columnWidth: Double
    /// The width of the number column: the widest number.
    public let numberWidth: Double
    /// The width left for a label's lines in a column.
    public let labelWidth: Double

    static let minimumColumnWidth = 220.0
    static let columnGap = 20.0
    static let lineHeight = 14.0
    static let entryGap = 3.0
    /// The least space between a label and its ratio.
    static let ratioGap = 10.0
    /// The ratio column's width: room for `100.0%`.
    static var ratioWidth: Double { FontMetrics.width(of: "100.0%", size: Layout.smallSize) }

    /// Lays out the entries of `points` in the box `width` wide whose top-left corner is
    /// (`left`, `top`).
    init(points: [Point], top: Double, left: Double, width: Double) {
      let size = Layout.smallSize
      self.top = top
      let columns = max(
        1, Int((width + Self.columnGap) / (Self.minimumColumnWidth + Self.columnGap)))
      let sorted = points.sorted { $0.id < $1.id }
      numberWidth =
        sorted.map { FontMetrics.width(of: String($0.id), size: size, bold: true) }.max() ?? 0
      // A column no wider than its widest label needs, so the ratio stays near the label.
      let room = (width - Self.columnGap * Double(columns - 1)) / Double(columns)
      let widest =
        sorted.map {
          FontMetrics.width(of: Layout.dataLabel($0.label, limit: labelLimit), size: size)
        }.max() ?? 0
      let spare = numberWidth + Layout.gap + Self.ratioGap + Self.ratioWidth
      columnWidth = min(room, widest + spare)
      labelWidth = max(columnWidth - spare, 40)
      let perColumn = (sorted.count + columns - 1) / max(columns, 1)
      var bottom = 0.0
      for (index, point) in sorted.enumerated() {
        let column = perColumn > 0 ? index / perColumn : 0
        if index % max(perColumn, 1) == 0 { bottom = 0 }
        let cleaned = Layout.dataLabel(point.label, limit: labelLimit)
        let lines = Self.wrap(cleaned.isEmpty ? "–" : cleaned, width: labelWidth, size: size)
        let ratio =
          point.ratings > 0
          ? point.likeRatio.flatMap { $0.isNaN ? nil : $0 }.map {
            NumberFormat.percent(min(max($0, 0), 1), places: 1)
          } ?? "–" : "–"
        entries.append(
          Entry(
            id: point.id, lines: lines, ratio: ratio,
            x: left + Double(column) * (columnWidth + Self.columnGap), y: top + bottom))
        bottom += Double(lines.count) * Self.lineHeight + Self.entryGap
        height = max(height, bottom - Self.entryGap)
      }
    }

    /// The width of `text` at the small size.
    private static func width(of text: String, bold: Bool = false) -> Double {
      FontMetrics.width(of: text, size: Layout.smallSize, bold: bold)
    }

    /// `text` in lines at most `width` wide: words are kept whole and a ` · ` stays at the end
    /// of the line before a break; a word wider than a line is broken between characters. Each
    /// line is cleaned again, so an isolate around right-to-left words is balanced in every
    /// line.
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
      var words: [String] = []
      for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
        if word == "·", let last = words.popLast() {
          words.append(last + " ·")
        } else {
          words.append(contentsOf: pieces(of: word, width: width, size: size))
        }
      }
      var lines: [String] = []
      var line = ""
      for word in words {
        let candidate = line.isEmpty ? word : line + " " + word
        if line.isEmpty || FontMetrics.width(of: candidate, size: size) <= width {
          line = candidate
        } else {
          lines.append(line)
          line = word
        }
      }
      if !line.isEmpty { lines.append(line) }
      return lines.isEmpty ? [""] : lines.map { SafeText.clean($0, limit: Int.max) }
    }

    /// `word` in pieces at most `width` wide (the word itself when it fits).
    private static func pieces(of word: String, width: Double, size: Double) -> [String] {
      guard FontMetrics.width(of: word, size: size) > width else { return [word] }
      var pieces: [String] = []
      var piece = ""
      for character in word {
        if !piece.isEmpty && FontMetrics.width(of: piece + String(character), size: size) > width {
          pieces.append(piece)
          piece = ""
        }
        piece.append(character)
      }
      if !piece.isEmpty { pieces.append(piece) }
      return pieces
    }

    /// Draws the entries: the number in bold, right-aligned in its column; the label; the
    /// ratio right-aligned at the column's right edge, on the label's first line. Each line is
    /// one `<text>` of `<tspan>`s, and numbers and ratios start where their measured width
    /// ends them at the column's edge (no anchor class: the page carries this drawing inline,
    /// so the markup is kept short; digits have one width, so they stay aligned in any font);
    /// the label's width is pinned with `textLength`, so it never runs into the ratio.
    func draw(in svg: inout SVGWriter) {
      svg.open("g", ["class": .text("td-map-key")])
      for entry in entries {
        for (index, line) in entry.lines.enumerated() {
          svg.open("text", ["y": .number(entry.y + 11 + Double(index) * Self.lineHeight)])
          if index == 0 {
            svg.element(
              "tspan",
              [
                "x": .number(entry.x + numberWidth - Self.width(of: String(entry.id), bold: true)),
                "class": .text("td-bold"),
              ], text: String(entry.id))
          }
          svg.element(
            "tspan",
            [
              "x": .number(entry.x + numberWidth + Layout.gap),
              "textLength": .number(Self.width(of: line)),
            ], text: line)
          if index == 0 {
            svg.element(
              "tspan", ["x": .number(entry.x + columnWidth - Self.width(of: entry.ratio))],
              text: entry.ratio)
          }
          svg.close("text")
        }
      }
      svg.close("g")
    }
  }
}
