import Formatting
import Foundation

/// A word cloud: the top terms, sized by weight, packed without overlap, the same picture for
/// the same input.
///
/// **Size.** A word's font size is proportional to the square root of its weight, so the area
/// of its letters — what the eye compares — is proportional to the weight; no word is set below
/// ``minimumFontSize`` (small words are slightly exaggerated there, never shrunk away).
///
/// **Layout.** Words are placed largest first, each along an Archimedean spiral from the centre
/// until its box is free, tested against an occupancy bitmask of 2-unit cells. About one word
/// in five (never the three largest) is set vertically. When a word finds no room, the whole
/// cloud is shrunk by 12% and laid out again; words that still do not fit are returned in
/// ``Layout/omitted`` so the page can list them — none is dropped silently.
///
/// **Boxes.** A box is the word's measured width (pinned in the SVG with `textLength`) by
/// 1.2 em (1.45 em for words with Chinese, Japanese or Korean characters, whose fonts are
/// taller), so the glyphs the browser draws stay inside it whatever the font.
public struct WordCloud: Sendable {
  /// A word to place.
  public struct Word: Sendable, Equatable {
    /// The text shown.
    public var text: String
    /// Its weight (for terms: distinct users).
    public var weight: Double
    /// The tooltip.
    public var tooltip: String

    /// Creates a word.
    public init(text: String, weight: Double, tooltip: String) {
      self.text = text
      self.weight = weight
      self.tooltip = tooltip
    }
  }

  /// A placed word.
  public struct Placed: Sendable, Equatable {
    /// The word.
    public var word: Word
    /// The text as drawn (cleaned).
    public var text: String
    /// The box it occupies, in chart units.
    public var box: Box
    /// Its font size.
    public var fontSize: Double
    /// Whether it reads bottom to top.
    public var isVertical: Bool
    /// Colour band, 1 (lightest weight) … 4 (heaviest).
    public var band: Int
  }

  /// The result of a layout.
  public struct Layout: Sendable, Equatable {
    /// The placed words, in placement order (largest first).
    public var placed: [Placed]
    /// Words that did not fit even at the smallest size.
    public var omitted: [Word]
    /// The factor all font sizes were shrunk by (1 = not shrunk).
    public var scale: Double
  }

  /// The words, any order.
  public var words: [Word]
  /// Varies the layout; the same seed and words give the same picture.
  public var seed: UInt64
  /// The smallest font size used.
  public var minimumFontSize: Double

  /// Creates a cloud.
  public init(words: [Word], seed: UInt64 = 1, minimumFontSize: Double = 11) {
    self.words = words
    self.seed = seed
    self.minimumFontSize = minimumFontSize
  }

  /// Space around every word.
  static let padding = 1.5

  /// Lays the words out on a `width` × `height` canvas.
  public func layout(width: Double, height: Double) -> Layout {
    let ranked = words.filter { $0.weight > 0 && !$0.text.isEmpty }.sorted {
      $0.weight != $1.weight ? $0.weight > $1.weight : $0.text < $1.text
    }
    guard let heaviest = ranked.first?.weight else {
      return Layout(placed: [], omitted: [], scale: 1)
    }
    let texts = ranked.map { SafeText.clean($0.text, limit: 40) }
    let bold = ranked.map { Self.band(weight: $0.weight, heaviest: heaviest) >= 3 }
    let emWidths = zip(texts, bold).map { FontMetrics.width(of: $0, size: 1, bold: $1) }
    let lineHeights = texts.map { Self.lineHeight(of: $0) }
    // The largest size at which the heaviest words' total area is about half the canvas.
    let area = zip(ranked, zip(emWidths, lineHeights)).reduce(0.0) { sum, item in
      sum + item.0.weight / heaviest * item.1.0 * item.1.1
    }
    var maximum = (0.5 * width * height / max(area, 1e-9)).squareRoot()
    maximum = min(maximum, height / 3.2, 0.9 * width / max(emWidths[0], 1e-9))
    var scale = 1.0
    var best: Layout?
    for _ in 0..<14 {
      let sizes = ranked.map {
        max(minimumFontSize, maximum * scale * ($0.weight / heaviest).squareRoot())
      }
      let attempt = place(
        ranked, texts: texts, bold: bold, emWidths: emWidths, lineHeights: lineHeights,
        sizes: sizes, heaviest: heaviest, width: width, height: height)
      let result = Layout(placed: attempt.placed, omitted: attempt.omitted, scale: scale)
      if best == nil || result.omitted.count < best!.omitted.count { best = result }
      if result.omitted.isEmpty { break }
      if maximum * scale <= minimumFontSize { break }
      scale *= 0.88
    }
    return best!
  }

  private func place(
    _ ranked: [Word], texts: [String], bold: [Bool], emWidths: [Double], lineHeights: [Double],
    sizes: [Double], heaviest: Double, width: Double, height: Double
  ) -> (placed: [Placed], omitted: [Word]) {
    var grid = OccupancyGrid(width: width, height: height)
    var placed: [Placed] = []
    var omitted: [Word] = []
    let centerX = width / 2
    let centerY = height / 2
    let aspect = width / height
    let limit = max(width, height)
    for (index, word) in ranked.enumerated() {
      let size = sizes[index]
      let textWidth = emWidths[index] * size
      let textHeight = lineHeights[index] * size
      let hash = StableHash.of(texts[index], seed: seed)
      var vertical = index >= 3 && hash % 100 < 20
      if vertical && textWidth > height * 0.9 { vertical = false }
      let boxWidth = (vertical ? textHeight : textWidth) + 2 * Self.padding
      let boxHeight = (vertical ? textWidth : textHeight) + 2 * Self.padding
      guard boxWidth <= width, boxHeight <= height else {
        omitted.append(word)
        continue
      }
      // The same spiral for every word, turned by a start angle of its own.
      let startAngle = Double((hash >> 8) % 628) / 100
      let (turnCos, turnSin) = (cos(startAngle), sin(startAngle))
      var found: Box?
      for (dx, dy, radius) in Self.spiral {
        if radius > limit { break }
        let x = centerX + (dx * turnCos - dy * turnSin) * aspect - boxWidth / 2
        let y = centerY + (dy * turnCos + dx * turnSin) - boxHeight / 2
        let box = Box(x: x, y: y, width: boxWidth, height: boxHeight)
        if grid.isFree(box) {
          found = box
          break
        }
      }
      guard let box = found else {
        omitted.append(word)
        continue
      }
      grid.mark(box)
      placed.append(
        Placed(
          word: word, text: texts[index],
          box: Box(
            x: box.x + Self.padding, y: box.y + Self.padding, width: box.width - 2 * Self.padding,
            height: box.height - 2 * Self.padding),
          fontSize: size, isVertical: vertical,
          band: Self.band(weight: word.weight, heaviest: heaviest)))
    }
    return (placed, omitted)
  }

  /// Points of an Archimedean spiral (radius 1.2 × angle) out to a radius of 1,200 units, as
  /// offsets from the centre with their radius, about 2.5 units apart along the curve. Computed
  /// once: every layout walks the same spiral, turned.
  static let spiral: [(Double, Double, Double)] = {
    var points: [(Double, Double, Double)] = []
    var angle = 0.0
    while true {
      let radius = 1.2 * angle
      if radius > 1200 { break }
      points.append((radius * cos(angle), radius * sin(angle), radius))
      angle += radius < 10 ? 0.35 : min(0.35, 2.5 / radius)
    }
    return points
  }()

  /// Colour band by weight relative to the heaviest: > ½ → 4, > ¼ → 3, > ⅒ → 2, else 1.
  static func band(weight: Double, heaviest: Double) -> Int {
    let share = weight / heaviest
    return share > 0.5 ? 4 : share > 0.25 ? 3 : share > 0.1 ? 2 : 1
  }

  /// The box height of a line of `text` in ems: taller for CJK fonts.
  static func lineHeight(of text: String) -> Double {
    text.unicodeScalars.contains(where: Script.isWide) ? 1.45 : 1.2
  }

  /// The part of the box above the baseline, in ems.
  static func ascent(of text: String) -> Double {
    text.unicodeScalars.contains(where: Script.isWide) ? 1.13 : 0.95
  }

  /// Draws the cloud `width` × `height` units; returns the drawing and the words left out.
  public func render(_ text: ChartText, width: Double, height: Double) -> (
    SVGDocument, omitted: [Word]
  ) {
    let result = layout(width: width, height: height)
    let document = SVGDocument.make(text, width: width, height: height, className: "td-cloud") {
      svg in
      svg.open("g", ["class": .text("td-words")])
      for word in result.placed {
        let size = word.fontSize
        let textWidth = FontMetrics.width(of: word.text, size: size, bold: word.band >= 3)
        let ascent = Self.ascent(of: word.text) * size
        let position =
          word.isVertical
          ? "x=\"0\" y=\"0\" transform=\"translate(\(SVGNumber.format(word.box.x + ascent)) \(SVGNumber.format(word.box.y + word.box.height))) rotate(-90)\""
          : "x=\"\(SVGNumber.format(word.box.x))\" y=\"\(SVGNumber.format(word.box.y + ascent))\""
        svg.raw(
          "<text \(position) font-size=\"\(SVGNumber.format(size))\" textLength=\"\(SVGNumber.format(textWidth))\" class=\"td-word td-word-\(word.band)\(word.band >= 3 ? " td-bold" : "")\">"
        )
        svg.tooltip(SafeText.clean(word.word.tooltip, limit: 200))
        svg.raw(SafeText.xmlEscaped(word.text))
        svg.close("text")
      }
      svg.close("g")
    }
    return (document, result.omitted)
  }
}

/// A small stable hash (FNV-1a) of text and a seed, for choices that must not change between
/// runs or machines.
enum StableHash {
  static func of(_ text: String, seed: UInt64) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
