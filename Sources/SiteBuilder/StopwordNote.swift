import ReportModel

/// Which words the word cloud was counted without, as the pages say it: the languages whose
/// common words were left out, and whether the words of a stopword file were too.
public struct StopwordNote: Sendable, Equatable {
  /// The languages whose built-in lists were used.
  public var languages: Set<StopwordLanguage>
  /// Whether a stopword file (`--stopwords`) was used.
  public var hasFile: Bool

  /// By default every language's list and no file, as `build` does without options.
  public init(
    languages: Set<StopwordLanguage> = Set(StopwordLanguage.allCases), hasFile: Bool = false
  ) {
    self.languages = languages
    self.hasFile = hasFile
  }

  /// What was left out, in the order the languages are listed: `common words of English and
  /// Spanish`, `the words of a stopword file`, both, or nothing.
  private var parts: [String] {
    let names = StopwordLanguage.allCases.filter(languages.contains).map(\.name)
    return (names.isEmpty ? [] : ["common words of \(Narrative.list(names))"])
      + (hasFile ? ["the words of a stopword file"] : [])
  }

  /// For the About page: `common words of English and Spanish (articles, prepositions, pronouns
  /// and the like) and the words of a stopword file left out`, or `no common words left out`.
  var phrase: String {
    var parts = parts
    guard !parts.isEmpty else { return "no common words left out" }
    if !languages.isEmpty { parts[0] += " (articles, prepositions, pronouns and the like)" }
    return Narrative.list(parts) + " left out"
  }

  /// For the word cloud's note: `Common words of English and Spanish are left out.`; `nil`
  /// when nothing is.
  var sentence: String? {
    let text = Narrative.list(parts)
    guard !text.isEmpty else { return nil }
    return text.prefix(1).uppercased() + text.dropFirst() + " are left out."
  }
}
