import BuildPipeline
import DemoData
import Engine
import EventStore
import Formatting
import Foundation
import ReportModel
import SVGCharts

/// Fuzz target for everything that handles text typed by strangers: the tokenizer and word
/// weights, the cleaning and escaping of display text, and the word-cloud layout.
///
/// With libFuzzer (coverage-guided, with AddressSanitizer):
///
///     swift build -c release --scratch-path .build-fuzz --product fuzz-text \
///       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
///     mkdir -p /tmp/corpus && cp Tests/FuzzCorpus/* /tmp/corpus/
///     .build-fuzz/release/fuzz-text -max_total_time=600 /tmp/corpus
///
/// Without it, `swift run -c release fuzz-text [SECONDS]` feeds it random inputs for that long.
enum FuzzText {
  /// Stops with `message` when `condition` fails (kept in release builds, unlike `precondition`).
  static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
  }

  /// Checks one input; traps (and so reports a crash) when a property does not hold.
  static func check(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    checkCleaning(text)
    let terms = checkTokenizer(bytes)
    checkWordWeights(bytes)
    checkCloud(terms)
  }

  static func checkCleaning(_ text: String) {
    for limit in [1, 5, 80] {
      let clean = SafeText.clean(text, limit: limit)
      require(
        SafeText.clean(clean, limit: Int.max) == clean,
        "cleaning is not idempotent: \(text.debugDescription) → \(clean.debugDescription) → \(SafeText.clean(clean, limit: Int.max).debugDescription)"
      )
      var depth = 0
      for scalar in clean.unicodeScalars {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066, 0x2067, 0x200E, 0x200F:
          require(false, "forbidden U+\(String(scalar.value, radix: 16)) survived cleaning")
        case 0x2068: depth += 1
        case 0x2069:
          depth -= 1
          require(depth >= 0, "isolate closed before it was opened")
        default: break
        }
      }
      require(depth == 0, "unbalanced isolates")
      let escaped = SafeText.xmlEscaped(clean)
      require(
        !escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\""),
        "escaping let markup through")
    }
  }

  static func checkTokenizer(_ bytes: UnsafeRawBufferPointer) -> [String] {
    var tokenizer = Tokenizer()
    var terms: [String] = []
    tokenizer.forEachTerm(in: bytes) { term, spelling in
      let text = String(decoding: term, as: UTF8.self)
      require(!text.isEmpty && spelling.count > 0, "empty term")
      require(
        String(decoding: term, as: UTF8.self).utf8.elementsEqual(term), "term is not valid UTF-8")
      require(text.count <= Tokenizer.maxLength * 2, "term longer than allowed")
      terms.append(text)
    }
    return terms
  }

  /// Feeds the bytes, cut into queries by newlines, to the engine as searches of a few users,
  /// and checks that every weight is between 1 and the number of users and at most the count.
  static func checkWordWeights(_ bytes: UnsafeRawBufferPointer) {
    let asOf: Int64 = 1_767_225_600
    var engine = AnalyticsEngine(
      asOf: asOf, catalog: Catalog(), options: ReportOptions(minRatings: 1, minUsers: 1))
    var users = ByteInterner()
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (index, line) in lines.prefix(64).enumerated() {
      let user = users.intern("u\(index % 3)")
      UnsafeRawBufferPointer(rebasing: line).withMemoryRebound(to: UInt8.self) { query in
        engine.add(
          ActivityRow(
            id: Int64(index + 1), user: user, kind: index % 2 == 0 ? .search : .playlist,
            time: asOf - Int64(index) * 3600, track: TrackRef.none,
            query: UnsafeRawBufferPointer(query)))
      }
    }
    let report = try! engine.finish(
      FinishInputs(
        users: users, labels: ByteInterner(), issues: RowIssueCounts(), registeredUsers: 0,
        neverActiveUsers: 0, trackDetails: { _ in [:] },
        userLabel: { ids in Dictionary(ids.map { ($0, $0) }) { a, _ in a } }))
    for range in [report.ranges.days7, report.ranges.days30, report.ranges.all] {
      for word in range.words {
        require(word.weight >= 1 && word.weight <= users.count, "weight outside 1…users")
        require(word.weight <= word.count, "more users than uses")
      }
    }
  }

  static func checkCloud(_ terms: [String]) {
    guard !terms.isEmpty else { return }
    let words = Dictionary(terms.prefix(60).enumerated().map { ($1, Double(60 - $0)) }) { a, _ in a
    }
    .map { WordCloud.Word(text: $0.key, weight: $0.value, tooltip: $0.key) }
    let layout = WordCloud(words: words, seed: 1).layout(width: 360, height: 240)
    require(layout.placed.count + layout.omitted.count == words.count, "a word vanished")
    for (index, word) in layout.placed.enumerated() {
      require(
        word.box.x >= 0 && word.box.y >= 0 && word.box.x + word.box.width <= 360
          && word.box.y + word.box.height <= 240, "word outside the canvas")
      for other in layout.placed[..<index] {
        require(!word.box.intersects(other.box), "words overlap")
      }
    }
  }
}

#if FUZZING
  /// libFuzzer's driver, from the fuzzer runtime that `-sanitize=fuzzer` links in.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// SwiftPM links an executable through `<module>_main`; here it starts libFuzzer.
  @_cdecl("fuzz_text_main")
  func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
      FuzzText.check(UnsafeRawBufferPointer(start: data, count: size))
      return 0
    }
  }
#else
  @main
  enum RandomizedRun {
    /// Random inputs for `SECONDS` (default 10): a mix of ASCII words, Unicode from several
    /// scripts, emoji, control and bidi characters, markup, and arbitrary bytes.
    static func main() {
      let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 10
      var random = SplitMix64(
        seed: UInt64(CommandLine.arguments.dropFirst(2).first.flatMap(UInt64.init) ?? 1))
      let pieces: [[UInt8]] = [
        "rock ", "Midnight ", "k-pop ", "don't ", "夜のドライブ", "운동 ", "🎸", "💪🏽", "👩‍👩‍👧", "مرحبا ", "שלום",
        "<script>", "\"'`", "&amp;", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200B}", "\u{0}", "\n",
        "é", "ＦＵＬＬ", "ﬁ",
        String(repeating: "x", count: 45), "1999 ", "-", "'",
      ].map { Array($0.utf8) }
      let deadline = Date().addingTimeInterval(seconds)
      var runs = 0
      while Date() < deadline {
        var input: [UInt8] = []
        for _ in 0..<random.below(40) {
          if random.chance(0.15) {
            input.append(UInt8(truncatingIfNeeded: random.next()))
          } else {
            input += pieces[random.below(pieces.count)]
          }
        }
        input.withUnsafeBytes { FuzzText.check($0) }
        runs += 1
      }
      print("fuzz-text: \(runs) random inputs in \(Int(seconds)) s, no property failed")
    }
  }
#endif
