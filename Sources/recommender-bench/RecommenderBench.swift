import EventStore
import Foundation
import Recommender
import SQLiteSource
import Workers

/// Benchmark: the recommender on a catalog read from a database — K-means (k = 17, the
/// recommender's default number of restarts unless RESTARTS is given) over every track with
/// features, then one recommendation for each of 200 seed tracks.
///
/// Run with `swift run -c release recommender-bench DB [RUNS] [RESTARTS]` (scripts/bench does, on
/// W10M's 200,000 tracks). Prints medians of the wall-clock time and of the processor time (all
/// threads; on a busy machine the wall-clock time also counts waiting for a core); a benchmark,
/// never a test.
///
/// `recommender-bench DB --similar LISTENERS [RUNS]` measures the digest's nearest-song search
/// instead: the model is built once, then `LISTENERS` synthetic listeners (see
/// ``SimilarBench``) each get `similar(to:count:excluding:)`, one after the other and then on
/// every core, `RUNS` times; it prints the medians and a checksum of every answer, so two
/// binaries' answers can be compared.
@main
enum RecommenderBench {
  static func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
      FileHandle.standardError.write(
        Data("usage: recommender-bench DB [RUNS [RESTARTS]] | DB --similar LISTENERS [RUNS]\n".utf8)
      )
      exit(64)
    }
    let clock = ContinuousClock()
    var rows: TrackFeatureRows?
    let read = clock.measure {
      rows = try? SourceDatabase(path: arguments[1]).read { try $0.trackFeatures() }
    }
    guard let rows else {
      FileHandle.standardError.write(Data("recommender-bench: cannot read \(arguments[1])\n".utf8))
      exit(66)
    }
    let catalog = FeatureCatalog(
      columns: rows.columns,
      rows: rows.rows.map { ($0.id, $0.title, $0.artist, $0.genres, $0.values) })
    if arguments.count > 3, arguments[2] == "--similar" {
      let listeners = max(1, Int(arguments[3]) ?? 20_000)
      let runs = arguments.count > 4 ? max(1, Int(arguments[4]) ?? 3) : 3
      SimilarBench(catalog: catalog, listeners: listeners).run(runs: runs)
      return
    }
    let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 3) : 3
    let restarts =
      arguments.count > 3
      ? max(1, Int(arguments[3]) ?? ContentRecommender.defaultRestarts)
      : ContentRecommender.defaultRestarts
    var model: ContentRecommender?
    var clustering: [Double] = []
    var processor: [Double] = []
    for _ in 0..<runs {
      let before = processorSeconds()
      clustering.append(
        seconds(
          clock.measure {
            model = ContentRecommender(
              catalog: catalog, clusters: 17, restarts: restarts,
              loop: Workers.loop())
          }))
      processor.append(processorSeconds() - before)
    }
    guard let model else { return }
    var latencies: [Double] = []
    var found = 0
    let step = max(1, catalog.tracks.count / 200)
    for seed in stride(from: 0, to: catalog.tracks.count, by: step).prefix(200) {
      latencies.append(
        seconds(clock.measure { found += model.similar(to: [seed], count: 10).count }) * 1000)
    }
    clustering.sort()
    processor.sort()
    latencies.sort()
    print(
      "recommender, \(catalog.tracks.count) tracks × \(catalog.features.count) features: "
        + String(format: "read %.2f s; ", seconds(read))
        + String(
          format:
            "K-means k=17, %d restarts: median %.2f s of %d, processor time %.2f s (inertia %.1f, %d iterations); ",
          restarts, clustering[clustering.count / 2], runs, processor[processor.count / 2],
          model.clustering.inertia, model.clustering.iterations)
        + String(
          format: "one recommendation: median %.2f ms, p90 %.2f ms (%d seeds, %d songs)",
          latencies[latencies.count / 2], latencies[latencies.count * 9 / 10], latencies.count,
          found))
  }

  /// `duration` in seconds.
  static func seconds(_ duration: Duration) -> Double {
    let (s, atto) = duration.components
    return Double(s) + Double(atto) / 1e18
  }

  /// Processor time of the whole process so far (every thread), in seconds.
  static func processorSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
