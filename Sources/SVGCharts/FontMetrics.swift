import Formatting

/// Text widths without a browser: per-character advance widths of Liberation Sans (the same
/// metrics as Arial, close to Helvetica), with rules for characters outside the table.
///
/// Rules: characters in the table use their advance width; Chinese, Japanese and Korean
/// characters are 1 em; emoji are 1.25 em; combining marks and invisible characters are 0;
/// anything else is 0.6 em. Charts also set `textLength` on every `<text>`, so whatever font
/// the viewer has, a label fills exactly the width it was given.
public enum FontMetrics {
  /// The font stack charts use; the first families share the measured metrics.
  public static let fontFamily = "'Liberation Sans', Arial, Helvetica, sans-serif"

  /// A run of consecutive code points and their widths.
  struct Block {
    let first: UInt32
    let widths: [Int]
  }

  /// The width of `text` at `size` (user units per em).
  public static func width(of text: String, size: Double, bold: Bool = false) -> Double {
    var thousandths = 0
    for character in text { thousandths += advance(of: character, bold: bold) }
    return Double(thousandths) * size / 1000
  }

  /// The height from the top of the tallest glyph to the bottom of the deepest, at `size`.
  public static func lineHeight(size: Double) -> Double {
    Double(ascent + descent) * size / 1000
  }

  /// The advance of one character in thousandths of an em.
  static func advance(of character: Character, bold: Bool) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if Script.isEmoji(character) { return 1250 }
    if Script.isWide(first) { return 1000 }
    let blocks = bold ? boldBlocks : regularBlocks
    for block in blocks where first.value >= block.first {
      let offset = Int(first.value - block.first)
      if offset < block.widths.count {
        let width = block.widths[offset]
        if width > 0 { return width }
      }
    }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: return 600
    }
  }
}
