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
  /// Each track's artist, numbered.
  private let artists: [Int32]
  /// The clusters' k-d trees, which the search walks.
  private let trees: ClusterTrees
  /// How many songs each cluster can give under a per-artist cap.
  private let rooms: ArtistRoom

  /// The number of K-means restarts unless told otherwise: 4. Chosen by measurement
  /// (docs/benchmarks.md): on W10M's 200,000 tracks and on the demo catalog the inertia stays
  /// within 0.7% of scikit-learn's `KMeans(n_init=10)`, for about 45% of the processor time of
  /// 10 restarts.
  public static let defaultRestarts = 4

  /// The seed of the first K-means restart unless told otherwise.
  public static let defaultSeed: UInt64 = 17

  /// The K-means the recommender runs by default for `clusters` groups: ``defaultRestarts``
  /// restarts from ``defaultSeed``, K-means' own iteration cap and tolerance. A site build
  /// clusters its sound map with the same, so that the same catalog and k give the same clusters.
  public static func kMeans(clusters: Int) -> KMeans {
    KMeans(clusters: clusters, restarts: defaultRestarts, seed: defaultSeed)
  }

  /// Standardises `catalog` and clusters it into `clusters` groups (k-means++, `restarts`
  /// seeded restarts run by `loop`, the lowest inertia kept; see ``KMeans``).
  public init(
    catalog: FeatureCatalog, clusters: Int = 17, restarts: Int = defaultRestarts,
    seed: UInt64 = defaultSeed,
    loop: @escaping IndexLoop = IndexLoops.serial
  ) {
    let (standardizer, z) = Self.standardized(catalog)
    var kMeans = KMeans(clusters: clusters, restarts: restarts, seed: seed)
    kMeans.loop = loop
    self.init(
      catalog: catalog, standardizer: standardizer, z: z,
      clustering: kMeans.fit(z, dimensions: catalog.features.count))
  }

  /// The recommender ``init(catalog:clusters:restarts:seed:loop:)`` makes, with `clustering` as
  /// its K-means result instead of running K-means: one that K-means made before of this
  /// catalog's standardised tracks (a site build keeps it in its state), so the recommendations
  /// are the same, without the clustering's processor time.
  /// - Precondition: one assignment per track, whole centroids.
  public init(catalog: FeatureCatalog, clustering: KMeans.Result) {
    let dimensions = catalog.features.count
    precondition(
      clustering.assignments.count == catalog.tracks.count
        && (dimensions > 0 ? clustering.centroids.count % dimensions == 0 : true),
      "a clustering of another catalog")
    let (standardizer, z) = Self.standardized(catalog)
    self.init(catalog: catalog, standardizer: standardizer, z: z, clustering: clustering)
  }

  /// The catalog's standardizer and its tracks' z-scores, `z[i * dimensions + d]`.
  private static func standardized(_ catalog: FeatureCatalog) -> (Standardizer, [Double]) {
    let standardizer = Standardizer(rows: catalog.tracks.map(\.values))
    return (standardizer, catalog.tracks.flatMap { standardizer.standardize($0.values) })
  }

  private init(
    catalog: FeatureCatalog, standardizer: Standardizer, z: [Double], clustering: KMeans.Result
  ) {
    self.catalog = catalog
    self.standardizer = standardizer
    self.z = z
    self.clustering = clustering
    let dimensions = catalog.features.count
    let k = dimensions > 0 ? clustering.centroids.count / dimensions : 0
    var members = [[Int32]](repeating: [], count: k)
    for (track, cluster) in clustering.assignments.enumerated() {
      members[Int(cluster)].append(Int32(track))
    }
    labels = ClusterLabel.labels(
      centroids: clustering.centroids, features: catalog.features, count: k)
    indexByID = Dictionary(catalog.tracks.enumerated().map { ($1.id, $0) }) { first, _ in first }
    let ids = catalog.tracks.map(\.id)
    var idRanks = [Int32](repeating: 0, count: ids.count)
    let byID = ids.indices.sorted { ids[$0] < ids[$1] || (ids[$0] == ids[$1] && $0 < $1) }
    for (rank, track) in byID.enumerated() { idRanks[track] = Int32(rank) }
    trees = ClusterTrees(z: z, dimensions: dimensions, members: members, ranks: idRanks)
    var artistNumbers: [String: Int32] = [:]
    let artists = catalog.tracks.map { track in
      if let number = artistNumbers[track.artist] { return number }
      let number = Int32(artistNumbers.count)
      artistNumbers[track.artist] = number
      return number
    }
    self.artists = artists
    rooms = ArtistRoom(artists: artists, assignments: clustering.assignments, clusters: k)
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
  ///
  /// So the songs are the best `count` (under the per-artist cap) of every track of the fewest
  /// nearest clusters that hold `count` songs at all — those clusters are chosen first (see
  /// ``ArtistRoom``), then their k-d trees are walked nearest first (``NearestSearch``), which
  /// measures only the tracks near the seed and finds exactly what sorting every track of
  /// those clusters would.
  public func similar(
    to seeds: [Int], count: Int = 10, excluding: Set<Int> = [], perArtist: Int = 2
  ) -> [Recommendation] {
    let d = dimensions
    guard !seeds.isEmpty, count > 0, d > 0, perArtist > 0 else { return [] }
    var center = [Double](repeating: 0, count: d)
    for seed in seeds { for t in 0..<d { center[t] += z[seed * d + t] } }
    for t in 0..<d { center[t] /= Double(seeds.count) }
    let skip = { (track: Int) in excluding.contains(track) || seeds.contains(track) }
    let order = (0..<clusterCount).sorted {
      let (a, b) = (centerDistance(center, cluster: $0), centerDistance(center, cluster: $1))
      return a != b ? a < b : $0 < $1
    }
    let searched = searchedClusters(
      order, count: count, perArtist: perArtist, excluding: excluding, seeds: seeds, skip: skip)
    var search = NearestSearch(trees, center: center, clusters: searched)
    var perArtistCount: [Int32: Int] = [:]
    var picked: [Recommendation] = []
    while picked.count < count, let (track, distance) = search.next(skipping: skip) {
      let artist = artists[track]
      let already = perArtistCount[artist, default: 0]
      guard already < perArtist else { continue }
      perArtistCount[artist] = already + 1
      picked.append(
        Recommendation(
          rank: picked.count + 1, index: track, id: catalog.tracks[track].id,
          cluster: cluster(of: track), distance: distance.squareRoot()))
    }
    return picked
  }

  /// The first clusters of `order` that the search visits: the shortest start of `order` whose
  /// tracks, less the skipped ones, hold `count` songs under the cap (all of `order` when none
  /// does). Each cluster's room bounds that from above (the sum of the rooms) and from below
  /// (any one room less its skipped tracks); only when the bounds do not decide are the tracks
  /// counted.
  private func searchedClusters(
    _ order: [Int], count: Int, perArtist: Int, excluding: Set<Int>, seeds: [Int],
    skip: (Int) -> Bool
  ) -> ArraySlice<Int> {
    var skipped = [Int](repeating: 0, count: clusterCount)
    let n = catalog.tracks.count
    for track in excluding where track >= 0 && track < n { skipped[cluster(of: track)] += 1 }
    for (i, seed) in seeds.enumerated()
    where !excluding.contains(seed) && !seeds[..<i].contains(seed) {
      skipped[cluster(of: seed)] += 1
    }
    var (upper, lower) = (0, 0)
    for (visited, cluster) in order.enumerated() {
      let room = rooms.room(ofCluster: cluster, perArtist: perArtist)
      upper += room
      lower = max(lower, room - skipped[cluster])
      guard upper >= count else { continue }
      if lower >= count
        || ArtistRoom.holds(
          count,
          in: order[...visited].lazy.flatMap { self.trees.positions(ofCluster: $0) }.map {
            self.trees.tracks[$0]
          }, artists: artists, perArtist: perArtist, skipping: skip)
      {
        return order[...visited]
      }
    }
    return order[...]
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
