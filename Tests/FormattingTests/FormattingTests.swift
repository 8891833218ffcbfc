import Formatting
import Testing

@Suite("Locale-free formats and hostile text")
struct FormattingTests {
  @Test func civilDatesRoundTrip() {
    #expect(CivilDate(dayNumber: 0).iso == "1970-01-01")
    // 1,795,132,800 s ÷ 86,400
    #expect(CivilDate(year: 2026, month: 11, day: 20).dayNumber == 20_777)
    #expect(CivilDate(dayNumber: 20_777).weekday == 4)  // a Friday
    #expect(
      CivilDate(year: 2024, month: 2, day: 29).dayNumber + 1
        == CivilDate(year: 2024, month: 3, day: 1).dayNumber)
    #expect(CivilDate(dayNumber: -1).iso == "1969-12-31")
    for day in stride(from: -800_000, through: 800_000, by: 997) {
      #expect(CivilDate(dayNumber: day).dayNumber == day)
    }
    #expect(CivilDate(iso: "2025-02-29") == nil)
  }

  @Test func numbersAreGroupedAndCompacted() {
    #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
    #expect(NumberFormat.grouped(-42) == "−42")
    #expect(NumberFormat.grouped(999) == "999")
    #expect(NumberFormat.compact(950) == "950")
    #expect(NumberFormat.compact(1_234) == "1.2k")
    #expect(NumberFormat.compact(12_345) == "12k")
    #expect(NumberFormat.compact(999_950) == "1M")
    #expect(NumberFormat.compact(3_450_000) == "3.5M")
    #expect(NumberFormat.compact(2.5) == "2.5")
    #expect(NumberFormat.percent(0.6234) == "62%")
    #expect(NumberFormat.percent(0.6234, places: 1) == "62.3%")
    #expect(NumberFormat.signed(3.25, places: 1, suffix: "%") == "+3.3%")
    #expect(NumberFormat.signed(-1.04, places: 1, suffix: " pts") == "−1.0 pts")
    #expect(NumberFormat.signed(0.01, places: 1) == "±0.0")
  }

  @Test func isoTimesParseAndPrint() {
    #expect(DateFormat.isoUTC(1_767_225_600) == "2026-01-01T00:00:00Z")
    #expect(DateFormat.parseISO("2026-01-01T00:00:00Z") == 1_767_225_600)
    #expect(DateFormat.parseISO("2026-01-01T01:00:00+01:00") == 1_767_225_600)
    #expect(DateFormat.parseISO("2026-01-01") == 1_767_225_600)
    #expect(DateFormat.parseISO("yesterday") == nil)
    #expect(DateFormat.offset(seconds: -19_800) == "UTC−5:30")
  }

  @Test func cleanRemovesControlAndInvisibleCharacters() {
    #expect(SafeText.clean("a\u{0}b\u{7}c\u{1B}[31m") == "abc[31m")
    #expect(SafeText.clean("zero\u{200B}width\u{FEFF}") == "zerowidth")
    #expect(SafeText.clean("tab\tnew\nline   spaces") == "tab new line spaces")
    // Found by fuzzing: CR LF is one character; it must become one space, and leading
    // whitespace must go.
    #expect(SafeText.clean("\u{0}\r\nx\r\n\r\ny") == "x y")
    #expect(SafeText.clean("\u{202E}evil\u{202C}") == "evil")
  }

  @Test func cleanKeepsEmojiSequences() {
    #expect(SafeText.clean("👩‍💻 dev") == "👩‍💻 dev")
    #expect(SafeText.clean("🇫🇷") == "🇫🇷")
  }

  @Test func cleanIsolatesRightToLeftText() {
    #expect(SafeText.clean("שלום") == "\u{2068}שלום\u{2069}")
    // Cleaning twice gives the same text.
    #expect(SafeText.clean(SafeText.clean("שלום")) == SafeText.clean("שלום"))
  }

  @Test func isolatesStayBalancedAndAreNotAddedTwice() {
    // A stray closer is dropped, an unclosed opener is closed, LRI and RLI become FSI.
    #expect(SafeText.clean("a\u{2069}b") == "ab")
    #expect(SafeText.clean("\u{2066}x") == "\u{2068}x\u{2069}")
    // Right-to-left text already inside an isolate is not wrapped again.
    let name = SafeText.clean("שלום")
    #expect(SafeText.clean("\(name) leads") == "\(name) leads")
    // Cut inside an isolate, the isolate is still closed.
    #expect(SafeText.clean("x \(name) y", limit: 4) == "x \u{2068}של…\u{2069}")
    // Data files get no isolates at all.
    #expect(SafeText.clean("שלום", isolate: false) == "שלום")
  }

  @Test func cleanShortensLongTextWithAnEllipsis() {
    #expect(SafeText.clean(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxxx…")
    let huge = String(repeating: "y", count: 1_000_000)
    #expect(SafeText.clean(huge).count == SafeText.defaultLimit + 1)
  }

  @Test func xmlEscapingCoversMarkupAndQuotes() {
    #expect(
      SafeText.xmlEscaped(#"<a href="x" onclick='y'>&</a>"#)
        == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
  }
}
