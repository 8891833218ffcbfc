import BuildPipeline
import Engine

/// What the tokenizer finds in a text, as strings, for tests.
enum TokenizedText {
  /// Each term of `text`, normalised, with its original spelling, in order.
  static func pairs(_ text: String) -> [(term: String, spelling: String)] {
    var tokenizer = Tokenizer()
    var found: [(String, String)] = []
    var text = text
    text.withUTF8 { bytes in
      tokenizer.forEachTerm(in: UnsafeRawBufferPointer(bytes)) { term, spelling in
        found.append(
          (String(decoding: term, as: UTF8.self), String(decoding: spelling, as: UTF8.self)))
      }
    }
    return found
  }
}
