import BuildPipeline
import Engine
import ReportModel
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
  func terms(_ text: String) -> [String] { TokenizedText.pairs(text).map(\.term) }

  func spellings(_ text: String) -> [String] { TokenizedText.pairs(text).map(\.spelling) }

  @Test func asciiWordsAreLowerCasedAndKeepInnerApostrophesAndHyphens() {
    #expect(terms("Don't Stop k-pop LO-FI") == ["don't", "stop", "k-pop", "lo-fi"])
    #expect(spellings("Don't Stop") == ["Don't", "Stop"])
  }

  @Test func singleLettersPureNumbersAndVeryLongTokensAreLeftOut() {
    #expect(terms("a 2026 x 90s ok") == ["90s", "ok"])
    #expect(terms(String(repeating: "a", count: 41) + " fine") == ["fine"])
    #expect(terms(String(repeating: "b", count: 40)) == [String(repeating: "b", count: 40)])
  }

  @Test func numbersJoinedByHyphensAreLeftOutOnBothPaths() {
    // No letter in "2-3": left out in plain ASCII and beside a character outside it alike.
    #expect(terms("2-3 rock") == ["rock"])
    #expect(terms("4-5 rock ✨") == ["rock", "✨"])
    #expect(terms("٣٤ música 90s 1-2-3") == ["música", "90s"])
  }

  @Test func punctuationSeparates() {
    #expect(terms("rock&roll, (live)!") == ["rock", "roll", "live"])
    #expect(terms("-leading trailing- 'quoted'") == ["leading", "trailing", "quoted"])
  }

  @Test func unicodeIsLowerCasedAndNFKCNormalised() {
    // Full-width letters, a ligature and accented capitals.
    #expect(terms("ＨＥＬＬＯ ﬁre Música CANÇÕES") == ["hello", "fire", "música", "canções"])
    // Curly apostrophes become straight ones.
    #expect(terms("don’t") == ["don't"])
  }

  @Test func emojiAreTermsWithoutSkinTones() {
    #expect(terms("Gym 💪🏽 party🎉") == ["gym", "💪", "party", "🎉"])
    #expect(terms("Summer ☀️") == ["summer", "☀"])
    #expect(spellings("💪🏽") == ["💪🏽"])
  }

  @Test func chineseJapaneseAndKoreanKeepWordsAndSingleCharacters() {
    #expect(terms("夜のドライブ") == ["夜のドライブ"])
    #expect(terms("운동 플레이리스트") == ["운동", "플레이리스트"])
    #expect(terms("夏 と") == ["夏", "と"])
  }

  @Test func invalidUTF8IsASeparatorNotACrash() {
    let bytes: [UInt8] = [0x72, 0x6F, 0x63, 0x6B, 0xFF, 0xFE, 0x6A, 0x61, 0x7A, 0x7A, 0xC3]
    var tokenizer = Tokenizer()
    var found: [String] = []
    bytes.withUnsafeBytes { raw in
      tokenizer.forEachTerm(in: raw) { term, _ in
        found.append(String(decoding: term, as: UTF8.self))
      }
    }
    #expect(found == ["rock", "jazz"])
  }

  @Test func stopwordFilesNormaliseLikeTerms() {
    let words = Stopwords.parse("# comment\nDE\n  para  \n\nＬＡ # trailing comment\n")
    #expect(words == ["de", "para", "la"])
  }
}
