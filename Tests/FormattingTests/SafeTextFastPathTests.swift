import Testing

@testable import Formatting

/// The shortcut of ``SafeText/clean(_:limit:isolate:)`` for text that cleaning would not change
/// gives what cleaning character by character gives.
@Suite("SafeText's shortcut for clean text")
struct SafeTextFastPathTests {
  @Test func theShortcutAgreesWithCleaning() {
    let pieces = ["a", "B", " ", "  ", "7", "-", "~", "é", "\t", "\u{7F}", "ab cd", "‮", "…"]
    var random = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in
        pieces.randomElement(using: &random)!
      }.joined()
      let limit = Int.random(in: 1...14, using: &random)
      for isolate in [true, false] {
        #expect(
          SafeText.clean(text, limit: limit, isolate: isolate)
            == SafeText.cleaned(text, limit: limit, isolate: isolate), "\(text.debugDescription)")
      }
    }
  }

  @Test func onlyTextThatCleaningKeepsTakesTheShortcut() {
    #expect(SafeText.isClean("Bloom Avenue", limit: 80))
    #expect(SafeText.isClean("", limit: 80))
    #expect(!SafeText.isClean(" leading", limit: 80) && !SafeText.isClean("trailing ", limit: 80))
    #expect(!SafeText.isClean("two  spaces", limit: 80) && !SafeText.isClean("tab\tx", limit: 80))
    #expect(!SafeText.isClean("café", limit: 80) && !SafeText.isClean("abc", limit: 2))
  }
}
