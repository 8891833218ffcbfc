import ReportModel

/// The built-in lists: each language's articles, prepositions, conjunctions, pronouns,
/// possessives and the commonest forms of "to be" and "to have".
///
/// The lists hold function words only. A word that is a function word in one language but a
/// meaningful word in another one the service's listeners write in — above all a music term —
/// is left off every list: "son" (Spanish "they are", but also a genre), "era", "ai", "car",
/// "come", "dove", "war", "hat", "man", "solo", "été"; "rock", "love", "soul" or "pop" are never
/// stopwords. Chinese, Japanese and Korean have no list: their text is not split into words
/// (`夜のドライブ` is one term), so their particles never stand alone.
extension StopwordLanguage {
  /// The language's stopwords, normalised like terms.
  public var words: Set<String> {
    switch self {
    case .english: Self.englishWords
    case .spanish: Self.spanishWords
    case .portuguese: Self.portugueseWords
    case .french: Self.frenchWords
    case .german: Self.germanWords
    case .italian: Self.italianWords
    }
  }

  private static let englishWords = Stopwords.normalized(Stopwords.englishList)
  private static let spanishWords = Stopwords.normalized(Stopwords.spanishList)
  private static let portugueseWords = Stopwords.normalized(Stopwords.portugueseList)
  private static let frenchWords = Stopwords.normalized(Stopwords.frenchList)
  private static let germanWords = Stopwords.normalized(Stopwords.germanList)
  private static let italianWords = Stopwords.normalized(Stopwords.italianList)
}
