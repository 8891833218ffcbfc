import ReportModel

/// Words too common to say anything in a word cloud: the built-in lists of the languages chosen
/// (``StopwordLanguage``, all of them by default) and words from a file
/// (`--stopwords FILE`, one word per line, `#` starts a comment).
///
/// Every stopword is normalised exactly like a term (``Tokenizer/normalize(_:)``: NFKC,
/// lower-cased), so a list written in any case or compatibility form matches the terms.
public enum Stopwords {
  /// The built-in lists of `languages`, together.
  public static func words(for languages: Set<StopwordLanguage>) -> Set<String> {
    languages.reduce(into: []) { $0.formUnion($1.words) }
  }

  /// Parses a stopword file: one word per line; blank lines and `#` comments ignored; words are
  /// normalised like terms (lower-cased, NFKC).
  public static func parse(_ text: String) -> Set<String> {
    var words: Set<String> = []
    for line in text.split(whereSeparator: \.isNewline) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let word = content.trimmingCharacters(in: .whitespaces)
      if !word.isEmpty { words.insert(Tokenizer.normalize(word)) }
    }
    return words
  }

  /// `words` normalised like terms.
  static func normalized(_ words: [String]) -> Set<String> {
    Set(words.map(Tokenizer.normalize))
  }
}
