import Formatting

/// Shared measures and helpers of every chart, so they look like one family.
enum Layout {
  /// Axis and label text size.
  static let labelSize = 12.0
  /// Small text: legends, notes.
  static let smallSize = 11.0
  /// Space between a label and what it labels.
  static let gap = 6.0

  /// `text` shortened with an ellipsis until it is at most `width` wide at `size`; isolates
  /// around right-to-left text stay balanced.
  static func fit(_ text: String, width: Double, size: Double, bold: Bool = false) -> String {
    // A hundredth of a unit of slack: a column sized to the widest label (width + gaps − gaps)
    // can come out a rounding error narrower than that label, which then lost its last letters
    // ("31–90 d…").
    if FontMetrics.width(of: text, size: size, bold: bold) <= width + 0.01 { return text }
    var characters = Array(SafeText.withoutIsolates(text))
    while !characters.isEmpty {
      characters.removeLast()
      let candidate =
        SafeText.clean(String(characters).trimmingTrailingSpaces(), limit: Int.max) + "…"
      if FontMetrics.width(of: candidate, size: size, bold: bold) <= width {
        return SafeText.clean(candidate, limit: Int.max)
      }
    }
    return "…"
  }

  /// `texts` each fitted into `width` at `size` (see ``fit(_:width:size:bold:)``), so that a
  /// shortened text never hides what tells it apart: where the part of a shortened text left
  /// before its `…` is also how another, different text of the list starts (both without a
  /// leading item number such as `8 · `), the shortened text keeps its last word after the
  /// ellipsis, its start shortened further to make room (`8 · acoustic · calm… melancholic`
  /// beside `13 · acoustic · calm · not f… slow`).
  static func fitApart(_ texts: [String], width: Double, size: Double) -> [String] {
    let cores = texts.map { core(SafeText.withoutIsolates($0)) }
    return texts.indices.map { index in
      let fitted = fit(texts[index], width: width, size: size)
      guard fitted != texts[index], fitted.hasSuffix("…") else { return fitted }
      let visible = core(String(SafeText.withoutIsolates(fitted).dropLast()))
      let hides = cores.indices.contains { other in
        cores[other] != cores[index] && cores[other].hasPrefix(visible)
      }
      return hides ? keepingLastWord(texts[index], width: width, size: size) : fitted
    }
  }

  /// `text` without a leading item number: digits, spaces and `·`.
  private static func core(_ text: String) -> String {
    String(text.drop { $0.isNumber || $0 == " " || $0 == "·" })
  }

  /// `text` shortened in the middle: its start fitted with an ellipsis, then its last word.
  private static func keepingLastWord(_ text: String, width: Double, size: Double) -> String {
    let plain = SafeText.withoutIsolates(text)
    guard let space = plain.lastIndex(of: " ") else { return fit(text, width: width, size: size) }
    let tail = String(plain[plain.index(after: space)...])
    let room = width - FontMetrics.width(of: " " + tail, size: size)
    guard room > FontMetrics.width(of: "ab…", size: size) else {
      return fit(text, width: width, size: size)
    }
    let head = fit(String(plain[..<space]), width: room, size: size)
    return SafeText.clean(head + " " + tail, limit: Int.max)
  }

  /// A label from data: cleaned of hostile characters and shortened.
  static func dataLabel(_ text: String, limit: Int = 60) -> String {
    SafeText.clean(text, limit: limit)
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}

/// A horizontal legend of coloured swatches, wrapped onto as many rows as it needs.
struct Legend {
  struct Item {
    /// How an item's sample is drawn.
    enum Mark {
      /// A square swatch (bars, areas).
      case swatch
      /// A line (series drawn as lines).
      case line
      /// A dashed, muted line (the previous range).
      case dashedLine
      /// A × (days without a value).
      case cross
    }

    let label: String
    let className: String
    let mark: Mark
  }

  let items: [Item]

  static let rowHeight = 18.0

  /// The rows the items fall into within `width`.
  func rows(width: Double) -> [[(Item, Double)]] {
    var rows: [[(Item, Double)]] = [[]]
    var x = 0.0
    for item in items {
      let itemWidth = 18 + FontMetrics.width(of: item.label, size: Layout.smallSize) + 14
      if x + itemWidth > width && !rows[rows.count - 1].isEmpty {
        rows.append([])
        x = 0
      }
      rows[rows.count - 1].append((item, x))
      x += itemWidth
    }
    return rows
  }

  /// The legend's height within `width`.
  func height(width: Double) -> Double {
    items.isEmpty ? 0 : Double(rows(width: width).count) * Self.rowHeight
  }

  /// Draws the legend with its top-left corner at (`x`, `y`).
  func draw(_ svg: inout SVGWriter, x: Double, y: Double, width: Double) {
    guard !items.isEmpty else { return }
    svg.open("g", ["class": .text("td-legend"), "aria-hidden": .text("true")])
    for (row, entries) in rows(width: width).enumerated() {
      let top = y + Double(row) * Self.rowHeight
      for (item, offset) in entries {
        switch item.mark {
        case .line, .dashedLine:
          svg.empty(
            "line",
            [
              "x1": .number(x + offset), "y1": .number(top + 7), "x2": .number(x + offset + 14),
              "y2": .number(top + 7),
              "class": .text(
                "td-legend-line \(item.className)" + (item.mark == .dashedLine ? " td-dashed" : "")),
            ])
        case .swatch:
          svg.empty(
            "rect",
            [
              "x": .number(x + offset), "y": .number(top + 1), "width": .number(12),
              "height": .number(12), "rx": .number(2), "class": .text(item.className),
            ])
        case .cross:
          svg.empty(
            "path",
            [
              "d": .text(
                "M\(SVGNumber.format(x + offset + 4)) \(SVGNumber.format(top + 4))l6 6m0 -6l-6 6"),
              "class": .text("td-missing-mark"),
            ])
        }
        svg.text(
          item.label, x: x + offset + 18, y: top + 11, size: Layout.smallSize,
          className: "td-legend-label")
      }
    }
    svg.close("g")
  }
}
