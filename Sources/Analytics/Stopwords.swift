/// Words too common to say anything in a word cloud. The built-in list is English; a file can
/// add more (`--stopwords FILE`, one word per line, `#` starts a comment).
public enum Stopwords {
  /// The built-in English list, lower-case.
  public static let english: Set<String> = [
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "don't", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "i'm", "if", "in", "into", "is", "it", "it's",
    "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
    "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
    "yourselves", "you're", "can't", "won't", "let's", "oh", "yeah", "feat", "ft", "vs",
  ]

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
}
