import Testing

@testable import Recommender

/// Small catalogs whose z-scores, clusters and distances are worked out by hand.
@Suite("The content recommender, by hand")
struct RecommenderTests {
  @Test func zScoresUseThePopulationStandardDeviation() {
    // x: 10, 30, 10, 30 → mean 20, deviations ±10, variance (4 × 100) ÷ 4 = 100, sd 10.
    // y: 100, 100, 140, 140 → mean 120, deviations ±20, sd 20.
    let scaler = Standardizer(rows: [[10, 100], [30, 100], [10, 140], [30, 140]])
    #expect(scaler.means == [20, 120])
    #expect(scaler.deviations == [10, 20])
    #expect(scaler.standardize([10, 140]) == [-1, 1])
    // A feature with no spread tells no track apart: z = 0.
    #expect(Standardizer(rows: [[1, 5], [3, 5]]).standardize([3, 5]) == [1, 0])
  }

  /// Eight tracks on a line (x = 0 … 7), y the same for all (so z_y = 0), one cluster.
  /// x: mean 3.5; squared deviations 12.25, 6.25, 2.25, 0.25 (twice each) = 42; variance
  /// 42 ÷ 8 = 5.25; sd = √5.25 ≈ 2.291288. Distance in z-space from t1 (x = 0) to a track at x
  /// is x ÷ 2.291288.
  static func line(artists: [String]? = nil, extra: [FeatureCatalog.Track] = [])
    -> ContentRecommender
  {
    let names = artists ?? (1...8).map { "artist \($0)" }
    let tracks = (1...8).map { i in
      FeatureCatalog.Track(id: "t\(i)", artist: names[i - 1], values: [Double(i - 1), 5])
    }
    let catalog = FeatureCatalog(features: [.energy, .tempo], tracks: tracks + extra)
    return ContentRecommender(catalog: catalog, clusters: 1)
  }

  @Test func nearestFirstWithDistancesInZSpace() throws {
    let model = Self.line()
    let seed = try #require(model.index(of: "t1"))
    let songs = model.similar(to: [seed], count: 3)
    #expect(songs.map(\.id) == ["t2", "t3", "t4"])
    #expect(songs.map(\.rank) == [1, 2, 3])
    // 1 ÷ 2.291288 = 0.436436; 2 ÷ 2.291288 = 0.872872; 3 ÷ 2.291288 = 1.309307.
    let expected = [0.436436, 0.872872, 1.309307]
    for (song, distance) in zip(songs, expected) { #expect(abs(song.distance - distance) < 1e-6) }
  }

  @Test func atMostTwoTracksPerArtistAndNeverTheSeedOrAnExcludedTrack() throws {
    // t2, t3, t4 are by "A": only t2 and t3 may appear; t5 is excluded (already played).
    let model = Self.line(artists: ["S", "A", "A", "A", "B", "C", "D", "E"])
    let seed = try #require(model.index(of: "t1"))
    let excluded = try #require(model.index(of: "t5"))
    let songs = model.similar(to: [seed], count: 4, excluding: [excluded])
    #expect(songs.map(\.id) == ["t2", "t3", "t6", "t7"])
    #expect(!songs.contains { $0.id == "t1" })
  }

  @Test func tiesAreBrokenByTrackID() throws {
    // "t0" sits at x = 2 like t3 (adding it moves the mean and sd, not the order): t0 < t3.
    let twin = FeatureCatalog.Track(id: "t0", artist: "twin", values: [2, 5])
    let model = Self.line(extra: [twin])
    let seed = try #require(model.index(of: "t1"))
    #expect(model.similar(to: [seed], count: 3).map(\.id) == ["t2", "t0", "t3"])
  }

  @Test func aPlaylistIsSeededByTheMeanOfItsTracks() throws {
    // t1 (x = 0) and t5 (x = 4): the mean sound is x = 2, which is t3; then t2 and t4 at
    // distance 1 (ties by id: t2 first); the seeds themselves are left out.
    let model = Self.line()
    let seeds = try ["t1", "t5"].map { try #require(model.index(of: $0)) }
    #expect(model.similar(to: seeds, count: 3).map(\.id) == ["t3", "t2", "t4"])
  }

  @Test func theSeedsClusterIsSearchedFirstThenTheNextNearest() throws {
    // Two groups far apart: near 0 (a1, a2, a3) and near 100 (b1, b2). k = 2 puts each group
    // in its own cluster. Three songs near a1: a2 and a3 from its cluster, then the nearest of
    // the other cluster (b1 at 100 is nearer than b2 at 101).
    let tracks = [
      ("a1", 0.0), ("a2", 1), ("a3", 2), ("b1", 100), ("b2", 101),
    ].map { FeatureCatalog.Track(id: $0.0, artist: $0.0, values: [$0.1]) }
    let model = ContentRecommender(
      catalog: FeatureCatalog(features: [.valence], tracks: tracks), clusters: 2)
    let a1 = try #require(model.index(of: "a1"))
    #expect(model.cluster(of: a1) != model.cluster(of: try #require(model.index(of: "b1"))))
    #expect(model.similar(to: [a1], count: 3).map(\.id) == ["a2", "a3", "b1"])
    #expect(model.similar(to: [a1], count: 2).map(\.id) == ["a2", "a3"])
  }

  @Test func tracksWithoutEveryFeatureHaveNoPosition() {
    let catalog = FeatureCatalog(
      features: [.energy, .tempo],
      tracks: [
        .init(id: "ok", artist: "x", values: [1, 2]),
        .init(id: "nan", artist: "x", values: [.nan, 2]),
        .init(id: "short", artist: "x", values: [1]),
      ], alreadyMissing: 2)
    #expect(catalog.tracks.map(\.id) == ["ok"])
    #expect(catalog.withoutFeatures == 4)
  }
}

@Suite("K-means")
struct KMeansTests {
  @Test func twoObviousGroupsAndTheirInertia() {
    // (0,0), (0,1) and (10,0), (10,1): centres (0, 0.5) and (10, 0.5); each point is 0.5 away,
    // so inertia = 4 × 0.25 = 1.
    let points: [Double] = [0, 0, 0, 1, 10, 0, 10, 1]
    let result = KMeans(clusters: 2).fit(points, dimensions: 2)
    #expect(abs(result.inertia - 1) < 1e-12)
    #expect(result.assignments[0] == result.assignments[1])
    #expect(result.assignments[2] == result.assignments[3])
    #expect(result.assignments[0] != result.assignments[2])
  }

  @Test func theSameInputAndSeedGiveTheSameClusters() {
    var random = SeededRandom(seed: 99)
    let points = (0..<600).map { _ in random.unit() * 10 }
    let first = KMeans(clusters: 5, seed: 3).fit(points, dimensions: 3)
    let second = KMeans(clusters: 5, seed: 3).fit(points, dimensions: 3)
    #expect(first == second)
    #expect(first.assignments.count == 200)
  }

  @Test func theBoundsSkipDistancesButNotAssignments() {
    // Hamerly's bounds must give the assignments of plain Lloyd iterations from the same start.
    var random = SeededRandom(seed: 5)
    for (n, d, k) in [(500, 5, 17), (300, 2, 4), (64, 3, 1)] {
      let points = (0..<(n * d)).map { _ in random.unit() * 4 - 2 }
      var seeding = SeededRandom(seed: 11)
      let start = KMeans.seedCentroids(points, n: n, d: d, k: k, random: &seeding)
      let bounded = KMeans.lloyd(points, n: n, d: d, k: k, centroids: start, maxIterations: 300)
      let plain = KMeans.lloydReference(
        points, n: n, d: d, k: k, centroids: start, maxIterations: 300)
      #expect(bounded.assignments == plain.assignments, "n \(n), d \(d), k \(k)")
      #expect(abs(bounded.inertia - plain.inertia) <= 1e-9 * plain.inertia)
    }
  }

  @Test func anEmptyClusterTakesTheFarthestPoint() {
    // Centres 0, 10 and 1000: nothing is near 1000. The farthest point from its centre is 0.2
    // (0.2 from 0), so it becomes the third cluster; then 0 and 0.1 stay together.
    let points: [Double] = [0, 0.1, 0.2, 10, 10.1]
    let start: [Double] = [0, 10, 1000]
    let bounded = KMeans.lloyd(points, n: 5, d: 1, k: 3, centroids: start, maxIterations: 300)
    let plain = KMeans.lloydReference(
      points, n: 5, d: 1, k: 3, centroids: start, maxIterations: 300)
    #expect(bounded.assignments == plain.assignments)
    #expect(bounded.assignments == [0, 0, 2, 1, 1])
    // Inertia: 2 × 0.05² + 0 + 2 × 0.05² = 0.01.
    #expect(abs(bounded.inertia - 0.01) < 1e-12)
  }

  @Test func moreClustersThanPointsMakesOneClusterPerPoint() {
    let result = KMeans(clusters: 17).fit([1, 2, 3], dimensions: 1)
    #expect(result.centroids.count == 3)
    #expect(result.inertia == 0)
  }
}

@Suite("Cluster labels")
struct ClusterLabelTests {
  @Test func theLargestZScoresNameTheCluster() {
    // |z| ≥ 0.5: acousticness −2.0 ("electronic"), danceability 1.2, energy −0.7 ("calm"),
    // tempo 0.55 (fourth: left out); valence 0.1 too small.
    let features: [AudioFeature] = [.danceability, .energy, .valence, .tempo, .acousticness]
    #expect(
      ClusterLabel.label(centroid: [1.2, -0.7, 0.1, 0.55, -2.0], features: features)
        == "electronic · danceable · calm")
    #expect(
      ClusterLabel.label(centroid: [0.1, -0.2, 0, 0.3, 0.49], features: features) == "balanced")
  }

  @Test func equalLabelsWithNoWordLeftAreNumbered() {
    // One feature: the first two clusters have no further word, so both get their number.
    let labels = ClusterLabel.labels(centroids: [1, 0.9, -1], features: [.energy], count: 3)
    #expect(labels == ["energetic (1)", "energetic (2)", "calm"])
  }

  @Test func equalLabelsGrowByTheNextFeatureUntilTheyDiffer() {
    // Features: danceability, energy, valence, tempo, acousticness. Each row's words by |z|:
    // 1: acoustic 1.5, calm 1.1, not for dancing 1.0 | melancholic 0.8, fast 0.7
    // 2: acoustic 1.4, calm 1.2, not for dancing 1.0 | slow 0.8, cheerful 0.75
    // 3: balanced | fast 0.3, energetic 0.2, acoustic 0.2 (tie: energy is listed first), …
    // 4: balanced | fast 0.3, calm 0.2, electronic 0.2, …
    // 5, 6: danceable 1 (every other z is 0: no word left)
    // 7: energetic 1
    // 8: energetic 0.9 | danceable 0.2
    // 9: energetic 0.9, danceable 0.6 | slow 0.3
    // Round 1 shares "acoustic · calm · not for dancing" (1, 2), "balanced" (3, 4),
    // "danceable" (5, 6) and "energetic" (7, 8): 1 and 2 get their fourth word, 3 and 4
    // "fast", 8 "danceable"; 5, 6 and 7 have none left.
    // Round 2 shares "balanced · fast" (3, 4), "danceable" (5, 6) and now
    // "energetic · danceable" (8 and 9, whose label was unique): 3 → "energetic", 4 → "calm",
    // 9 → "slow"; 8 has no word left.
    // Round 3 shares only "danceable", and neither has a word left: numbers 5 and 6.
    let features: [AudioFeature] = [.danceability, .energy, .valence, .tempo, .acousticness]
    let centroids: [[Double]] = [
      [-1.0, -1.1, -0.8, 0.7, 1.5],
      [-1.0, -1.2, 0.75, -0.8, 1.4],
      [0.1, 0.2, -0.1, 0.3, 0.2],
      [0.1, -0.2, 0.1, 0.3, -0.2],
      [1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0.2, 0.9, 0, 0, 0],
      [0.6, 0.9, 0, -0.3, 0],
    ]
    let labels = ClusterLabel.labels(
      centroids: centroids.flatMap { $0 }, features: features, count: centroids.count)
    #expect(
      labels == [
        "acoustic · calm · not for dancing · melancholic",
        "acoustic · calm · not for dancing · slow",
        "balanced · fast · energetic",
        "balanced · fast · calm",
        "danceable (5)",
        "danceable (6)",
        "energetic",
        "energetic · danceable",
        "energetic · danceable · slow",
      ])
    #expect(Set(labels).count == labels.count)
    // On its own, a centroid keeps its short label.
    #expect(
      ClusterLabel.label(centroid: centroids[0], features: features)
        == "acoustic · calm · not for dancing")
  }
}
