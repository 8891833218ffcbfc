import Formatting

/// Splits search text and playlist titles into terms for the word cloud.
///
/// A term is a run of letters and digits, with inner apostrophes and hyphens kept (`don't`,
/// `k-pop`), or a single emoji. Terms are lower-cased and NFKC-normalised (`ＨＥＬＬＯ` and
/// `Hello` are the same term `hello`; emoji lose skin-tone modifiers and variation selectors).
/// Left out: terms of one character (unless an emoji or a Chinese, Japanese or Korean
/// character), terms without a letter (`2026`, `2-3`), and terms longer than ``maxLength``
/// characters.
///
/// Text in plain ASCII — most of it — takes a fast path over bytes that creates no strings.
public struct Tokenizer: Sendable {
  /// Longer tokens are ignored: they are URLs, spam or keyboard mashing, not words.
  public static let maxLength = 40

  private var scratch: [UInt8] = []

  /// Creates a tokenizer (it keeps a scratch buffer between calls).
  public init() {}

  /// Calls `body(term, spelling)` for every term in `text`: the normalised term and the
  /// original spelling, both as UTF-8 bytes valid only during the call.
  public mutating func forEachTerm(
    in text: UnsafeRawBufferPointer,
    _ body: (_ term: UnsafeRawBufferPointer, _ spelling: UnsafeRawBufferPointer) -> Void
  ) {
    var ascii = true
    for byte in text where byte >= 0x80 {
      ascii = false
      break
    }
    if ascii { forEachASCIITerm(in: text, body) } else { forEachUnicodeTerm(in: text, body) }
  }

  // MARK: ASCII

  @inline(__always)
  private static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
  }

  private mutating func forEachASCIITerm(
    in text: UnsafeRawBufferPointer,
    _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
  ) {
    let count = text.count
    var index = 0
    while index < count {
      while index < count && !Self.isWordByte(text[index]) { index += 1 }
      let start = index
      var hasLetter = false
      while index < count {
        let byte = text[index]
        if Self.isWordByte(byte) {
          if byte > 0x39 { hasLetter = true }
          index += 1
        } else if (byte == 0x27 || byte == 0x2D) && index + 1 < count
          && Self.isWordByte(text[index + 1])
        {
          index += 1
        } else {
          break
        }
      }
      let length = index - start
      guard length >= 2, length <= Self.maxLength, hasLetter else { continue }
      scratch.removeAll(keepingCapacity: true)
      for offset in start..<index {
        let byte = text[offset]
        scratch.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
      }
      let spelling = UnsafeRawBufferPointer(rebasing: text[start..<index])
      scratch.withUnsafeBytes { body($0, spelling) }
    }
  }

  // MARK: Unicode

  private func forEachUnicodeTerm(
    in text: UnsafeRawBufferPointer,
    _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
  ) {
    let string = String(decoding: text, as: UTF8.self)
    var word = ""
    var characters = 0
    func flush() {
      defer {
        word = ""
        characters = 0
      }
      guard characters <= Self.maxLength, !word.isEmpty else { return }
      let scalars = word.unicodeScalars
      if characters == 1 && !Script.isWide(scalars.first!) { return }
      if !word.contains(where: \.isLetter) { return }
      Self.emit(Self.normalize(word), spelling: word, body)
    }
    var iterator = string.makeIterator()
    var pending = iterator.next()
    while let character = pending {
      let next = iterator.next()
      defer { pending = next }
      if Script.isEmoji(character) {
        flush()
        Self.emit(Self.normalizeEmoji(character), spelling: String(character), body)
      } else if character.isLetter || character.isNumber {
        word.append(character)
        characters += 1
      } else if (character == "'" || character == "\u{2019}" || character == "-") && !word.isEmpty,
        let next, next.isLetter || next.isNumber
      {
        word.append(character == "\u{2019}" ? "'" : character)
        characters += 1
      } else {
        flush()
      }
    }
    flush()
  }

  private static func emit(
    _ term: String, spelling: String,
    _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
  ) {
    var term = term
    var spelling = spelling
    term.withUTF8 { termBytes in
      spelling.withUTF8 { spellingBytes in
        body(UnsafeRawBufferPointer(termBytes), UnsafeRawBufferPointer(spellingBytes))
      }
    }
  }

  /// Lower-cases and NFKC-normalises a word.
  public static func normalize(_ word: String) -> String {
    word.precomposedStringWithCompatibilityMapping.lowercased()
      .precomposedStringWithCompatibilityMapping
  }

  /// An emoji without skin-tone modifiers and variation selectors, so 👍🏽 and 👍 are one term.
  static func normalizeEmoji(_ character: Character) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in character.unicodeScalars {
      switch scalar.value {
      case 0x1F3FB...0x1F3FF, 0xFE0E, 0xFE0F: continue
      default: scalars.append(scalar)
      }
    }
    return scalars.isEmpty ? String(character) : String(scalars)
  }
}
