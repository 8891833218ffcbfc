import Workers

/// The service's content-based recommender: tracks standardised to z-scores, grouped with
/// K-means, and a recommendation is a nearby track — near one track, or near the mean sound of a
/// playlist. Built once from a catalog; pure and deterministic (the same catalog, k and seed give
/// the same clusters and the same recommendations).
///
/// ```swift
/// let model = ContentRecommender(catalog: catalog, clusters: 17)
/// let songs = model.similar(to: [model.index(of: "t42")!], count: 10)
/// ```
public struct ContentRecommender: Sendable {
  /// The catalog the model was built from.
  public let catalog: FeatureCatalog
  /// The means and deviations used for z-scores.
  public let standardizer: Standardizer
  /// The clustering of the standardised tracks.
  public let clustering: KMeans.Result
  /// Each cluster's label, from its centroid (see ``ClusterLabel``).
  public let labels: [String]
  /// Tracks' z-scores, `z[i * dimensions + d]`.
  public let z: [Double]
  /// The number of features.
  public var dimensions: Int { catalog.features.count }
  /// The number of clusters actually made (at most the number of tracks).
  public var clusterCount: Int { dimensions > 0 ? clustering.centroids.count / dimensions : 0 }
  private let indexByID: [String: Int]
  /// Track ids by position, for ties.
  private let ids: [String]
  private let members: [[Int32]]

  /// The number of K-means restarts unless told otherwise: 4. Chosen by measurement
  /// (docs/benchmarks.md): on W10M's 200,000 tracks and on the demo catalog the inertia stays
  /// within 0.7% of scikit-learn's `KMeans(n_init=10)`, for about 45% of the processor time of
  /// 10 restarts.
  public static let defaultRestarts = 4

  /// Standardises `catalog` and clusters it into `clusters` groups (k-means++, `restarts`
  /// seeded restarts run by `loop`, the lowest inertia kept; see ``KMeans``).
  public init(
    catalog: FeatureCatalog, clusters: Int = 17, restarts: Int = defaultRestarts, seed: UInt64 = 17,
    loop: @escaping IndexLoop = IndexLoops.serial
  ) {
    self.catalog = catalog
    let standardizer = Standardizer(rows: catalog.tracks.map(\.values))
    self.standardizer = standardizer
    let z = catalog.tracks.flatMap { standardizer.standardize($0.values) }
    self.z = z
    let dimensions = catalog.features.count
    var kMeans = KMeans(clusters: clusters, restarts: restarts, seed: seed)
    kMeans.loop = loop
    let clustering = kMeans.fit(z, dimensions: dimensions)
    self.clustering = clustering
    let k = dimensions > 0 ? clustering.centroids.count / dimensions : 0
    var members = [[Int32]](repeating: [], count: k)
    for (track, cluster) in clustering.assignments.enumerated() {
      members[Int(cluster)].append(Int32(track))
    }
    self.members = members
    labels = ClusterLabel.labels(
      centroids: clustering.centroids, features: catalog.features, count: k)
    indexByID = Dictionary(catalog.tracks.enumerated().map { ($1.id, $0) }) { first, _ in first }
    ids = catalog.tracks.map(\.id)
  }

  /// The position of a track in the catalog, or `nil` when it has no features.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// The cluster of the track at `index`.
  public func cluster(of index: Int) -> Int { Int(clustering.assignments[index]) }

  /// A recommended track and how near it is.
  public struct Recommendation: Sendable, Equatable {
    /// 1 for the nearest.
    public var rank: Int
    /// The track's position in the catalog.
    public var index: Int
    /// `tracks.track_id`.
    public var id: String
    /// Its cluster.
    public var cluster: Int
    /// Euclidean distance in z-space from the seed (a track, or a playlist's mean).
    public var distance: Double
  }

  /// The `count` tracks nearest to the mean of `seeds` (catalog positions; one for a single
  /// track, several for a playlist), by Euclidean distance in z-space, ties by track id
  /// (squared distances equal to 9 decimals are ties).
  ///
  /// The seed's nearest cluster is searched first, then the next-nearest clusters (by distance
  /// from the seed to their centroids, ties by cluster number) until `count` tracks are found.
  /// Never a seed track, never a track in `excluding` (what the listener already rated or
  /// played), and at most `perArtist` tracks by one artist.
  public func similar(
    to seeds: [Int], count: Int = 10, excluding: Set<Int> = [], perArtist: Int = 2
  ) -> [Recommendation] {
    let d = dimensions
    guard !seeds.isEmpty, count > 0, d > 0 else { return [] }
    var center = [Double](repeating: 0, count: d)
    for seed in seeds { for t in 0..<d { center[t] += z[seed * d + t] } }
    for t in 0..<d { center[t] /= Double(seeds.count) }
    let skip = excluding.union(seeds)
    let order = (0..<clusterCount).sorted {
      let (a, b) = (centerDistance(center, cluster: $0), centerDistance(center, cluster: $1))
      return a != b ? a < b : $0 < $1
    }
    var candidates: [(distance: Double, index: Int)] = []
    var chosen: [Recommendation] = []
    for cluster in order {
      for member in members[cluster] where !skip.contains(Int(member)) {
        candidates.append((squaredDistance(center, track: Int(member)), Int(member)))
      }
      chosen = pick(candidates, count: count, perArtist: perArtist)
      if chosen.count >= count { break }
    }
    return chosen
  }

  /// The best `count` of `candidates`: nearest first, ties by id, at most `perArtist` each.
  private func pick(_ candidates: [(distance: Double, index: Int)], count: Int, perArtist: Int)
    -> [Recommendation]
  {
    let tracks = catalog.tracks
    // Squared distances are compared to 9 decimals, so tracks equally far apart on paper are
    // ties (decided by id) even when floating-point rounding differs in the last bits. Each
    // key is worked out once, not at every comparison; only the nearest few are ever ordered.
    var ranked = NearestFirst(
      candidates.map {
        (key: ($0.distance * 1e9).rounded(), distance: $0.distance, index: $0.index)
      }, ids: ids)
    var perArtistCount: [String: Int] = [:]
    var picked: [Recommendation] = []
    while picked.count < count, let candidate = ranked.next() {
      let artist = tracks[candidate.index].artist
      guard perArtistCount[artist, default: 0] < perArtist else { continue }
      perArtistCount[artist, default: 0] += 1
      picked.append(
        Recommendation(
          rank: picked.count + 1, index: candidate.index, id: tracks[candidate.index].id,
          cluster: cluster(of: candidate.index), distance: candidate.distance.squareRoot()))
    }
    return picked
  }

  private func squaredDistance(_ center: [Double], track: Int) -> Double {
    var sum = 0.0
    for t in 0..<dimensions {
      let delta = z[track * dimensions + t] - center[t]
      sum += delta * delta
    }
    return sum
  }

  private func centerDistance(_ center: [Double], cluster: Int) -> Double {
    var sum = 0.0
    for t in 0..<dimensions {
      let delta = clustering.centroids[cluster * dimensions + t] - center[t]
      sum += delta * delta
    }
    return sum
  }
}
