import Foundation

/// A language whose common function words the word cloud leaves out (`--stopword-languages`).
/// The lists themselves belong to the analytics (`StopwordLanguage.words` there); the report
/// and the site only name the languages.
public enum StopwordLanguage: String, CaseIterable, Sendable, Comparable {
  case english = "en"
  case spanish = "es"
  case portuguese = "pt"
  case french = "fr"
  case german = "de"
  case italian = "it"

  /// The ISO 639-1 code, as `--stopword-languages` takes it.
  public var code: String { rawValue }

  /// The language's name in English.
  public var name: String {
    switch self {
    case .english: "English"
    case .spanish: "Spanish"
    case .portuguese: "Portuguese"
    case .french: "French"
    case .german: "German"
    case .italian: "Italian"
    }
  }

  /// The codes, sorted: `de, en, es, fr, it, pt`.
  public static var knownCodes: String { allCases.map(\.code).sorted().joined(separator: ", ") }

  /// Reads a comma-separated list of codes (`en,es,pt`; any case, spaces allowed), or `none`
  /// for no built-in list.
  ///
  /// - Throws: ``UnknownCode`` naming the first code that is not a known language.
  public static func parseList(_ text: String) throws(UnknownCode) -> Set<StopwordLanguage> {
    let codes = text.split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    if codes == ["none"] { return [] }
    var languages: Set<StopwordLanguage> = []
    for code in codes {
      guard let language = StopwordLanguage(rawValue: code) else { throw UnknownCode(code: code) }
      languages.insert(language)
    }
    return languages
  }

  /// A code in a language list that names no built-in language.
  public struct UnknownCode: Error, Equatable, Sendable {
    /// The code as given (trimmed, lower-cased); empty for an empty entry.
    public let code: String

    /// An unknown `code`.
    public init(code: String) { self.code = code }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.code < rhs.code }
}
