import Formatting
import Foundation
import Recommender
import ReportModel

/// How `evaluate` prints its scores, with 95% intervals: Wilson for the hit rate, the normal
/// approximation (mean ± 1.96 standard errors) for NDCG and popularity.
enum EvaluationOutput {
  /// One method's scores, as `--json` writes them.
  struct Method: Codable, Equatable {
    var method: String
    var listeners: Int
    var hitRate: Double?
    var hitRateLower: Double?
    var hitRateUpper: Double?
    var ndcg: Double?
    var ndcgLower: Double?
    var ndcgUpper: Double?
    var coverage: Double
    var meanPopularity: Double?
  }

  static func methods(_ evaluation: OfflineEvaluation) -> [Method] {
    [
      ("content", evaluation.content), ("mostLiked", evaluation.mostLiked),
      ("random", evaluation.random),
    ]
    .map { name, score in
      let n = score.listeners
      let wilson = WilsonInterval(successes: score.hits, trials: n)
      let (ndcg, ndcgLow, ndcgHigh) = normal(
        sum: score.ndcgSum, squares: score.ndcgSquares, count: n, limit: 1)
      let (popularity, _, _) = normal(
        sum: score.popularitySum, squares: score.popularitySquares, count: score.slots)
      return Method(
        method: name, listeners: n, hitRate: n > 0 ? round(Double(score.hits) / Double(n)) : nil,
        hitRateLower: wilson.map { round($0.lower) }, hitRateUpper: wilson.map { round($0.upper) },
        ndcg: ndcg, ndcgLower: ndcgLow, ndcgUpper: ndcgHigh,
        coverage: evaluation.catalogTracks > 0
          ? round(Double(score.distinctTracks) / Double(evaluation.catalogTracks)) : 0,
        meanPopularity: popularity)
    }
  }

  /// Mean and 95% normal-approximation interval (rounded; within 0 … `limit`, the range the
  /// score can take), `nil` without data.
  static func normal(sum: Double, squares: Double, count: Int, limit: Double = .infinity)
    -> (Double?, Double?, Double?)
  {
    guard count > 0 else { return (nil, nil, nil) }
    let n = Double(count)
    let mean = sum / n
    let variance = count > 1 ? max(0, (squares - n * mean * mean) / (n - 1)) : 0
    let margin = WilsonInterval.z95 * (variance / n).squareRoot()
    return (round(mean), round(max(0, mean - margin)), round(min(limit, mean + margin)))
  }

  static func round(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

  static func json(_ evaluation: OfflineEvaluation) -> String {
    struct Document: Codable {
      var catalogTracks: Int
      var minimumLikes: Int
      var listLength: Int
      var methods: [Method]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let document = Document(
      catalogTracks: evaluation.catalogTracks, minimumLikes: OfflineEvaluation.minimumLikes,
      listLength: OfflineEvaluation.listLength, methods: methods(evaluation))
    return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
  }

  static func table(_ evaluation: OfflineEvaluation) -> String {
    let listeners = evaluation.content.listeners
    guard listeners > 0 else {
      return
        "nothing to evaluate: no listener has at least \(OfflineEvaluation.minimumLikes) liked tracks "
        + "with audio features (the catalog has \(NumberFormat.count(evaluation.catalogTracks, "track"))); "
        + "evaluate hides one liked song per listener and checks who finds it\n"
    }
    let names = ["content": "content model", "mostLiked": "10 most liked", "random": "10 random"]
    let percent = { (value: Double?) in value.map { NumberFormat.percent($0, places: 1) } ?? "–" }
    let number = { (value: Double?) in value.map { NumberFormat.decimal($0, places: 3) } ?? "–" }
    let methods = methods(evaluation)
    let rows = methods.map { m in
      [
        names[m.method] ?? m.method,
        "\(percent(m.hitRate)) (\(percent(m.hitRateLower))–\(percent(m.hitRateUpper)))",
        "\(number(m.ndcg)) (\(number(m.ndcgLower))–\(number(m.ndcgUpper)))",
        percent(m.coverage), m.meanPopularity.map { NumberFormat.decimal($0, places: 1) } ?? "–",
      ]
    }
    let table = TextTable.render(
      header: ["method", "hit rate@10 (95%)", "NDCG@10 (95%)", "coverage", "mean likes"], rows: rows
    )
    return "leave-one-out on likes: \(NumberFormat.count(listeners, "listener")) with at least "
      + "\(OfflineEvaluation.minimumLikes) liked tracks that have audio features, "
      + "\(NumberFormat.count(evaluation.catalogTracks, "track")) in the catalog\n"
      + table
      + meaning(methods) + "\n"
      + "A sanity check of the content model on this service's own data, not an A/B test.\n"
  }

  /// One plain sentence: what a hit is, each method's hit rate, and when popularity is expected
  /// to win.
  static func meaning(_ methods: [Method]) -> String {
    let rate = { (name: String) in
      NumberFormat.percent(methods.first { $0.method == name }?.hitRate ?? 0, places: 1)
    }
    return "Read it as: a hit is a listener whose hidden liked song is among a method's 10 picks — "
      + "here the content model hits for \(rate("content")) of listeners, the 10 most liked songs for "
      + "\(rate("mostLiked")) and 10 random songs for \(rate("random")); the most liked songs are expected "
      + "to win where listeners' likes crowd onto a few hits, the content model where they like songs that "
      + "sound like what they liked before."
  }
}
