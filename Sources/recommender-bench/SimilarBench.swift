import Foundation
import Recommender
import Workers

/// The digest's nearest-song search on its own: `similar(to:count:excluding:)` for many
/// synthetic listeners over one model.
///
/// Listener `i` draws from `SeededRandom(seed: i)`: 1 to 3 picks (a quarter of the listeners
/// share their single pick with another listener, as popular picks do), and 20 to 200 heard
/// tracks, half of them the picks' nearest songs (listeners play what sounds like what they
/// pick) and half anywhere in the catalog. Fixed by the catalog alone, so two binaries measure
/// the same calls.
struct SimilarBench {
  /// A listener: the seeds and what to leave out.
  struct Listener: Sendable {
    var seeds: [Int]
    var heard: Set<Int>
  }

  let catalog: FeatureCatalog
  let listeners: Int

  func run(runs: Int) {
    let clock = ContinuousClock()
    var model: ContentRecommender?
    let build = clock.measure {
      model = ContentRecommender(catalog: catalog, clusters: 17, loop: Workers.loop())
    }
    guard let model else { return }
    let people = makeListeners()
    var serial: [Double] = []
    var serialProcessor: [Double] = []
    var parallel: [Double] = []
    var processor: [Double] = []
    var checksum: UInt64 = 0
    for _ in 0..<runs {
      var answers: [[ContentRecommender.Recommendation]] = []
      let start = RecommenderBench.processorSeconds()
      serial.append(
        RecommenderBench.seconds(
          clock.measure {
            answers = people.map { model.similar(to: $0.seeds, count: 10, excluding: $0.heard) }
          }))
      serialProcessor.append(RecommenderBench.processorSeconds() - start)
      checksum = Self.checksum(answers)
      let before = RecommenderBench.processorSeconds()
      parallel.append(
        RecommenderBench.seconds(
          clock.measure {
            answers = Workers.map(people) {
              model.similar(to: $0.seeds, count: 10, excluding: $0.heard)
            }
          }))
      processor.append(RecommenderBench.processorSeconds() - before)
      precondition(Self.checksum(answers) == checksum, "the parallel answers differ")
    }
    serial.sort()
    serialProcessor.sort()
    parallel.sort()
    processor.sort()
    let n = Double(people.count)
    print(
      "similar(), \(catalog.tracks.count) tracks × \(catalog.features.count) features, "
        + "\(people.count) listeners, \(runs) runs: "
        + String(format: "model %.2f s; ", RecommenderBench.seconds(build))
        + String(
          format: "one core: median %.3f s (%.1f µs a call, processor %.3f s); ",
          serial[serial.count / 2], serial[serial.count / 2] / n * 1e6,
          serialProcessor[serialProcessor.count / 2])
        + String(
          format: "Workers.map: median %.3f s (%.1f µs a call, processor %.3f s); ",
          parallel[parallel.count / 2], parallel[parallel.count / 2] / n * 1e6,
          processor[processor.count / 2])
        + "checksum \(String(checksum, radix: 16))")
  }

  /// The listeners, from the catalog alone.
  func makeListeners() -> [Listener] {
    let n = catalog.tracks.count
    // "Sounds alike" without a search: neighbours in the catalog sorted by the first feature.
    let order = catalog.tracks.indices.sorted {
      (catalog.tracks[$0].values[0], $0) < (catalog.tracks[$1].values[0], $1)
    }
    var rank = [Int](repeating: 0, count: n)
    for (position, track) in order.enumerated() { rank[track] = position }
    var popular = SeededRandom(seed: 0x5EED)
    let shared = (0..<max(1, listeners / 8)).map { _ in Int(popular.next() % UInt64(n)) }
    return (0..<listeners).map { i in
      var random = SeededRandom(seed: UInt64(i) &+ 1)
      let seeds: [Int]
      if random.next() % 4 == 0 {
        seeds = [shared[Int(random.next() % UInt64(shared.count))]]
      } else {
        seeds = (0..<(1 + Int(random.next() % 3))).map { _ in Int(random.next() % UInt64(n)) }
      }
      let heardCount = 20 + Int(random.next() % 181)
      var heard = Set((0..<(heardCount / 2)).map { _ in Int(random.next() % UInt64(n)) })
      let low = max(0, min(n - heardCount / 2, rank[seeds[0]] - heardCount / 4))
      heard.formUnion(order[low..<min(n, low + heardCount / 2)])
      return Listener(seeds: seeds, heard: heard)
    }
  }

  /// FNV-1a over every answer's ids, ranks and distance bits.
  static func checksum(_ answers: [[ContentRecommender.Recommendation]]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
      hash = (hash ^ value) &* 0x100_0000_01b3
    }
    for answer in answers {
      mix(UInt64(answer.count))
      for song in answer {
        mix(UInt64(song.index))
        mix(UInt64(song.rank))
        mix(UInt64(song.cluster))
        mix(song.distance.bitPattern)
        for byte in song.id.utf8 { mix(UInt64(byte)) }
      }
    }
    return hash
  }
}
