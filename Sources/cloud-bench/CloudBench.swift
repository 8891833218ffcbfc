import Foundation
import SVGCharts

/// Benchmark: laying out a 150-word cloud at the size the site uses (760 × 420).
///
/// Run with `swift run -c release cloud-bench` (scripts/bench does). Prints the median, the
/// 90th percentile and the fastest of 60 layouts after 5 warm-up runs. A benchmark, never a test.
@main
enum CloudBench {
  static func main() {
    let words = sampleWords(count: 150)
    let cloud = WordCloud(words: words, seed: 7)
    var layout = cloud.layout(width: 760, height: 420)
    for _ in 0..<5 { layout = cloud.layout(width: 760, height: 420) }
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<60 {
      let elapsed = clock.measure { layout = cloud.layout(width: 760, height: 420) }
      let (seconds, attoseconds) = elapsed.components
      times.append((Double(seconds) + Double(attoseconds) / 1e18) * 1000)
    }
    times.sort()
    func milliseconds(_ value: Double) -> String { String(format: "%.2f ms", value) }
    print(
      "word cloud, 150 words, 760x420: median \(milliseconds(times[times.count / 2])), "
        + "p90 \(milliseconds(times[times.count * 9 / 10])), min \(milliseconds(times[0])); "
        + "placed \(layout.placed.count), omitted \(layout.omitted.count), scale \(String(format: "%.2f", layout.scale))"
    )
  }

  /// 150 words like a real cloud's: mostly English terms with Zipf-like weights, some CJK,
  /// Korean and emoji.
  static func sampleWords(count: Int) -> [WordCloud.Word] {
    let stems = [
      "midnight", "neon", "summer", "lights", "fire", "heart", "golden", "rain", "city", "ocean",
      "dreams", "stars", "river", "wild", "electric", "blue", "velvet", "echoes", "paradise",
      "shadow", "silver", "moon", "sunset", "highway", "diamond", "gravity", "thunder", "honey",
      "paper", "ghost", "crystal", "desert", "sugar", "kingdom", "waves", "horizon", "mirror",
    ]
    let extras = ["夜のドライブ", "夏の歌", "드라이브", "운동", "🎉", "💪", "✨", "música", "canções", "verano"]
    return (0..<count).map { index in
      let text =
        index % 15 == 7
        ? extras[index / 15 % extras.count] + (index >= 150 ? "\(index)" : "")
        : stems[index % stems.count] + (index >= stems.count ? "\(index / stems.count)" : "")
      return WordCloud.Word(text: text, weight: 2000 / Double(index + 3), tooltip: text)
    }
  }
}
