/// Facts about Unicode scripts that several modules need to agree on.
public enum Script {
  /// Whether `scalar` belongs to a script written without spaces between words and set about
  /// one em wide: Han ideographs, hiragana, katakana, Hangul, and their compatibility forms.
  public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      true
    default: false
    }
  }

  /// Whether `character` is shown as an emoji picture (not a digit or `#` that merely can be).
  public static func isEmoji(_ character: Character) -> Bool {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return false }
    if first.properties.isEmojiPresentation { return true }
    if (0x1F1E6...0x1F1FF).contains(first.value) { return true }  // regional indicators (flags)
    return first.properties.isEmoji && scalars.contains { $0.value == 0xFE0F || $0.value == 0x20E3 }
  }
}
