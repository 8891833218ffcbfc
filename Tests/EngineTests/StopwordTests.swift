import BuildPipeline
import Engine
import EventStore
import ReportModel
import SQLiteSource
import TestSupport
import Testing

@Suite("Stopwords of the listeners' languages")
struct StopwordTests {
  /// Each language's list and a few of its commonest function words.
  static let common: [(StopwordLanguage, [String])] = [
    (.english, ["the", "and", "of", "with", "you"]),
    (.spanish, ["de", "la", "para", "los", "con", "que", "del", "más"]),
    (.portuguese, ["com", "para", "não", "uma", "do", "da", "você", "são"]),
    (.french, ["les", "des", "la", "avec", "pour", "une", "dans", "c'est"]),
    (.german, ["und", "der", "die", "das", "mit", "für", "ich", "nicht"]),
    (.italian, ["il", "della", "che", "per", "gli", "non", "più", "c'è"]),
  ]

  /// Words that are function words somewhere but meaningful, above all in music: never on a list.
  static let meaningful = [
    "rock", "love", "soul", "pop", "jazz", "blues", "funk", "house", "dance", "party", "chill",
    "mix", "hits", "night", "summer", "amor", "música", "musica", "fiesta", "noche", "son", "era",
    "ai", "car", "come", "dove", "war", "hat", "man", "solo", "été", "encore", "nada",
  ]

  @Test(arguments: StopwordTests.common.indices)
  func eachListLeavesOutItsCommonWords(index: Int) {
    let (language, words) = Self.common[index]
    for word in words { #expect(language.words.contains(word), "\(language.name) keeps \(word)") }
  }

  @Test func musicTermsAreNeverStopwords() {
    let all = Stopwords.words(for: Set(StopwordLanguage.allCases))
    for word in Self.meaningful { #expect(!all.contains(word), "\(word) is a stopword") }
  }

  /// Stopwords are normalised like terms, so every listed word is exactly one term as the
  /// tokenizer makes it (a word the tokenizer could never produce would be dead weight).
  @Test(arguments: StopwordLanguage.allCases)
  func everyListedWordIsOneTerm(language: StopwordLanguage) {
    for word in language.words {
      #expect(TokenizedText.pairs(word).map(\.term) == [word], "\(language.code): \(word)")
    }
  }

  @Test func languageListsAreReadFromCodes() throws {
    #expect(try StopwordLanguage.parseList("en,es, PT") == [.english, .spanish, .portuguese])
    #expect(try StopwordLanguage.parseList("none") == [])
    #expect(throws: StopwordLanguage.UnknownCode(code: "xx")) {
      try StopwordLanguage.parseList("en,xx")
    }
    #expect(throws: StopwordLanguage.UnknownCode(code: "")) {
      try StopwordLanguage.parseList("en,")
    }
    #expect(StopwordLanguage.knownCodes == "de, en, es, fr, it, pt")
  }

  @Test func everyLanguageIsOnByDefault() {
    #expect(ReportOptions().stopwordLanguages == Set(StopwordLanguage.allCases))
  }

  /// Playlist titles and searches in five languages, all in the last day before A:
  ///
  ///  user kind      text                       terms left with every list on
  ///  u1   playlist  "Música para estudar"      música, estudar
  ///  u1   playlist  "Canções de amor"          canções, amor
  ///  u2   playlist  "Para bailar con amor"     bailar, amor
  ///  u2   search    "rock com soul"            rock, soul
  ///  u3   playlist  "Die Nacht und der Rock"   nacht, rock
  ///  u3   playlist  "Les nuits de la soul"     nuits, soul
  ///  u3   search    "il rock della notte"      rock, notte
  static let sql = """
    INSERT INTO users (user_id, display_name, email, created_at) VALUES
      ('u1', 'Ann', NULL, 0), ('u2', 'Bo', NULL, 0), ('u3', 'Cy', NULL, 0);
    INSERT INTO activity (event_id, user_id, kind, occurred_at, query) VALUES
      (1, 'u1', 'playlist', 1767225600 - 7000, 'Música para estudar'),
      (2, 'u1', 'playlist', 1767225600 - 6000, 'Canções de amor'),
      (3, 'u2', 'playlist', 1767225600 - 5000, 'Para bailar con amor'),
      (4, 'u2', 'search', 1767225600 - 4000, 'rock com soul'),
      (5, 'u3', 'playlist', 1767225600 - 3000, 'Die Nacht und der Rock'),
      (6, 'u3', 'playlist', 1767225600 - 2000, 'Les nuits de la soul'),
      (7, 'u3', 'search', 1767225600 - 1000, 'il rock della notte');
    """

  func words(languages: Set<StopwordLanguage>) throws -> [WordWeight] {
    let fixture = try Fixture(sql: Self.sql)
    let options = ReportOptions(asOf: 1_767_225_600, stopwordLanguages: languages, minUsers: 1)
    let report = try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database), options: options
    ) {
      ids in Dictionary(uniqueKeysWithValues: ids.map { ($0, $0) })
    }
    return report[.all].words
  }

  @Test func theDemosLanguagesLeaveTheCloud() throws {
    // rock: u2, u3 (3 uses: "rock", "Rock", "rock" — shown "rock"); amor: u1, u2 (2 uses);
    // soul: u2, u3 (2 uses); then one user and one use each, by their bytes.
    #expect(
      try words(languages: Set(StopwordLanguage.allCases)) == [
        WordWeight(term: "rock", weight: 2, count: 3),
        WordWeight(term: "amor", weight: 2, count: 2),
        WordWeight(term: "soul", weight: 2, count: 2),
        WordWeight(term: "bailar", weight: 1, count: 1),
        WordWeight(term: "Canções", weight: 1, count: 1),
        WordWeight(term: "estudar", weight: 1, count: 1),
        WordWeight(term: "Música", weight: 1, count: 1),
        WordWeight(term: "Nacht", weight: 1, count: 1),
        WordWeight(term: "notte", weight: 1, count: 1),
        WordWeight(term: "nuits", weight: 1, count: 1),
      ])
  }

  @Test func aLanguageNotChosenKeepsItsWords() throws {
    let terms = Set(try words(languages: [.english]).map { $0.term.lowercased() })
    for word in ["para", "de", "con", "com", "die", "und", "der", "les", "la", "il", "della"] {
      #expect(terms.contains(word), "\(word) was left out")
    }
    let spanish = Set(try words(languages: [.spanish]).map { $0.term.lowercased() })
    #expect(!spanish.contains("para") && !spanish.contains("con") && spanish.contains("com"))
    #expect(spanish.contains("und") && spanish.contains("il"))
  }
}
