import Testing

@testable import Recommender

/// The k-d tree search against the brute force it replaced, on many random catalogs made to
/// be hard: features on a coarse grid (so many tracks sit at exactly the same distance, and
/// whole rows repeat), few artists (so the cap skips often), clusters of every size, playlists
/// with repeated seeds, long exclusion lists, counts larger than the catalog, caps of 0 to 3.
@Suite("similar() through the k-d trees = brute force")
struct SimilarIndexTests {
  /// A random catalog of `n` tracks with `d` features; `grid` > 0 puts values on 0 … grid − 1,
  /// else they are continuous. Ids are unique and shuffled, so id order is not position order.
  static func catalog(
    n: Int, d: Int, artists: Int, grid: Int, random: inout SeededRandom
  ) -> FeatureCatalog {
    let features = Array(AudioFeature.allCases.prefix(d))
    var names = (0..<n).map { "t\($0)" }
    names.shuffle(using: &random)
    let tracks = (0..<n).map { i in
      FeatureCatalog.Track(
        id: names[i], artist: "a\(random.next() % UInt64(artists))",
        values: (0..<d).map { _ in
          grid > 0 ? Double(random.next() % UInt64(grid)) : random.unit() * 10 - 5
        })
    }
    return FeatureCatalog(features: features, tracks: tracks)
  }

  @Test(arguments: 0..<40)
  func theIndexFindsWhatTheBruteForceFinds(seed: Int) {
    var random = SeededRandom(seed: UInt64(seed) &* 7919 &+ 3)
    let n = [1, 2, 17, 60, 300, 1_500][seed % 6] + Int(random.next() % 40)
    let d = 5 + seed % 5
    let grid = [0, 2, 3, 5][seed % 4]
    let catalog = Self.catalog(
      n: n, d: d, artists: 1 + Int(random.next() % 30), grid: grid, random: &random)
    let model = ContentRecommender(
      catalog: catalog, clusters: 1 + Int(random.next() % 20), restarts: 1, seed: UInt64(seed))
    let size = model.catalog.tracks.count
    for _ in 0..<60 {
      let seeds = (0..<(1 + Int(random.next() % 4))).map { _ in Int(random.next() % UInt64(size)) }
      let excluded = Set(
        (0..<Int(random.next() % UInt64(size / 2 + 2))).map { _ in
          Int(random.next() % UInt64(size))
        })
      let count = [1, 3, 10, 25, size + 5][Int(random.next() % 5)]
      let perArtist = Int(random.next() % 4)
      let indexed = model.similar(
        to: seeds, count: count, excluding: excluded, perArtist: perArtist)
      let brute = model.bruteForceSimilar(
        to: seeds, count: count, excluding: excluded, perArtist: perArtist)
      #expect(indexed == brute, "seeds \(seeds), count \(count), cap \(perArtist)")
      #expect(indexed.map(\.distance.bitPattern) == brute.map(\.distance.bitPattern))
    }
  }
}
