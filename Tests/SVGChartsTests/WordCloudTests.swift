import SVGCharts
import Testing

@Suite("Word cloud layout")
struct WordCloudTests {
  /// A deterministic generator for the property tests.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  static let alphabets: [[String]] = [
    Array("abcdefghijklmnopqrstuvwxyz").map(String.init),
    ["夏", "の", "歌", "夜", "ド", "ラ", "イ", "ブ", "운", "동", "음", "악"],
    ["🎸", "💪🏽", "🎉", "☀️", "🇫🇷", "👩‍💻", "✨"],
    ["é", "ñ", "ß", "ø", "ç", "Ж", "Ω"],
  ]

  static func words(count: Int, seed: UInt64) -> [WordCloud.Word] {
    var random = Random(state: seed)
    var words: [WordCloud.Word] = []
    var seen: Set<String> = []
    while words.count < count {
      let alphabet = alphabets[random.below(alphabets.count)]
      let length = random.below(10) == 0 ? 25 + random.below(16) : 1 + random.below(9)
      let text = (0..<length).map { _ in alphabet[random.below(alphabet.count)] }.joined()
      guard seen.insert(text).inserted else { continue }
      words.append(WordCloud.Word(text: text, weight: Double(1 + random.below(500)), tooltip: text))
    }
    return words
  }

  func check(_ layout: WordCloud.Layout, width: Double, height: Double) {
    for (index, word) in layout.placed.enumerated() {
      #expect(word.box.x >= 0 && word.box.y >= 0, "\(word.text) starts outside")
      #expect(
        word.box.x + word.box.width <= width && word.box.y + word.box.height <= height,
        "\(word.text) ends outside")
      for other in layout.placed[..<index] {
        #expect(!word.box.intersects(other.box), "\(word.text) overlaps \(other.text)")
      }
    }
  }

  @Test(arguments: [1, 5, 40, 100, 150, 300])
  func placedWordsNeverOverlapAndStayInside(count: Int) {
    for seed in [1, 2, 3] as [UInt64] {
      let words = Self.words(count: count, seed: seed * 1000 + UInt64(count))
      let layout = WordCloud(words: words, seed: 7).layout(width: 760, height: 420)
      check(layout, width: 760, height: 420)
      #expect(layout.placed.count + layout.omitted.count == count)
    }
  }

  @Test func hundredWordsAllFitWithoutDrops() {
    let words = Self.words(count: 100, seed: 42)
    let layout = WordCloud(words: words, seed: 7).layout(width: 760, height: 420)
    #expect(layout.omitted.isEmpty)
    check(layout, width: 760, height: 420)
  }

  @Test func sameInputSamePicture() {
    let words = Self.words(count: 120, seed: 9)
    let a = WordCloud(words: words, seed: 7).layout(width: 500, height: 400)
    let b = WordCloud(words: words.reversed(), seed: 7).layout(width: 500, height: 400)
    #expect(a == b)
  }

  @Test func horizontalWordsAreTheMajority() {
    let layout = WordCloud(words: Self.words(count: 150, seed: 5), seed: 7).layout(
      width: 760, height: 420)
    let vertical = layout.placed.filter(\.isVertical).count
    #expect(vertical > 0)
    #expect(vertical * 2 < layout.placed.count)
  }

  @Test func fontSizeGrowsWithTheSquareRootOfWeight() throws {
    let words = [
      WordCloud.Word(text: "big", weight: 400, tooltip: ""),
      WordCloud.Word(text: "small", weight: 100, tooltip: ""),
    ]
    let layout = WordCloud(words: words, seed: 1, minimumFontSize: 1).layout(
      width: 600, height: 400)
    let big = try #require(layout.placed.first { $0.text == "big" })
    let small = try #require(layout.placed.first { $0.text == "small" })
    // Four times the weight: twice the font size.
    #expect(abs(big.fontSize / small.fontSize - 2) < 1e-9)
  }

  @Test func aWordTooLongForTheCanvasIsReportedNotDropped() {
    let words = [WordCloud.Word(text: String(repeating: "W", count: 40), weight: 1, tooltip: "")]
    let layout = WordCloud(words: words, seed: 1, minimumFontSize: 30).layout(
      width: 200, height: 100)
    #expect(layout.placed.isEmpty)
    #expect(layout.omitted.map(\.text) == [String(repeating: "W", count: 40)])
  }

  @Test func everyWordCarriesTextLengthAndEscapedText() {
    let words = [
      WordCloud.Word(text: "<script>", weight: 10, tooltip: "\"quoted\" & <b>"),
      WordCloud.Word(text: "plain", weight: 5, tooltip: "plain"),
    ]
    let (document, _) = WordCloud(words: words, seed: 1).render(
      ChartText(id: "w", title: "T", summary: "S"), width: 300, height: 200)
    #expect(!document.inline.contains("<script>"))
    #expect(document.inline.contains("&lt;script&gt;"))
    #expect(document.inline.components(separatedBy: "<text").count - 1 == 2)
    // Each word's width is pinned with `textLength`; `lengthAdjust` was dropped on purpose (the
    // default, `spacing`, draws the same with the chart font, in a sixth of the bytes).
    #expect(document.inline.components(separatedBy: " textLength=\"").count - 1 == 2)
    #expect(!document.inline.contains("lengthAdjust"))
  }
}
