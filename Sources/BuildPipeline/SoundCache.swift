import Engine
import EventStore
import Recommender

/// The sound clusters of the last build, kept in the saved state so that the next build of the
/// same catalog (the same tracks, feature values and k) does not run K-means again: the clusters
/// would be the same, only later.
struct SoundCache: Sendable, Equatable {
  /// Bumped when the clustering method changes (seeding, restarts, stopping rule), so that a
  /// cache from an older binary is not reused.
  static let method: Int64 = 2  // 2: two-stage K-means, the recommender's restarts

  /// A digest of the catalog (its fingerprint), the feature columns, every track's index and
  /// values (in table order), K-means' settings (k, restarts, seed, iteration cap, tolerance) and
  /// ``method``.
  var digest: UInt64
  /// `[track with features]`: its cluster, from 0.
  var assignments: [Int32]
  /// The centroids in z-scores, row by row.
  var centroids: [Double]
  /// K-means' sum of squared distances to the centres, and its Lloyd iterations: with the
  /// assignments and centroids, the whole ``KMeans/Result`` (``SavedClusters``).
  var inertia: Double
  var iterations: Int

  /// The digest of clustering `features` of `catalog` with `kMeans`.
  static func digest(of features: TrackFeatureValues, catalog: Catalog, kMeans: KMeans) -> UInt64 {
    var digest = StableDigest()
    digest.add(integer: method)
    digest.add(integer: Int64(kMeans.clusters))
    digest.add(integer: Int64(kMeans.restarts))
    digest.add(integer: kMeans.seed)
    digest.add(integer: Int64(kMeans.maxIterations))
    digest.add(integer: kMeans.tolerance.bitPattern)
    digest.add(integer: catalog.fingerprint)
    for column in features.columns {
      digest.add(column.utf8)
      digest.add(separator: 0)
    }
    for track in features.tracks { digest.add(integer: track) }
    for value in features.values { digest.add(integer: value.bitPattern) }
    return digest.value
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(digest)
    writer.write(assignments)
    writer.write(centroids.map(\.bitPattern))
    writer.write(inertia.bitPattern)
    writer.write(Int64(iterations))
  }

  /// The clustering K-means made of the features whose ``digest(of:catalog:kMeans:)`` is
  /// `digest`.
  init(digest: UInt64, _ result: KMeans.Result) {
    self.digest = digest
    assignments = result.assignments
    centroids = result.centroids
    inertia = result.inertia
    iterations = result.iterations
  }

  init(from reader: inout BinaryReader) throws {
    digest = try reader.read(UInt64.self)
    assignments = try reader.readArray(Int32.self)
    centroids = try reader.readArray(UInt64.self).map(Double.init(bitPattern:))
    inertia = Double(bitPattern: try reader.read(UInt64.self))
    iterations = Int(try reader.read(Int64.self))
  }

  /// Whether this is a clustering of the `tracks` tracks whose features' digest is `digest`
  /// (``digest(of:catalog:kMeans:)``), in `dimensions` dimensions: one assignment per track,
  /// whole, finite centroids, and every assignment one of them — a damaged state fails here
  /// instead of trapping on a cluster number later.
  func fits(digest: UInt64, tracks: Int, dimensions: Int) -> Bool {
    guard self.digest == digest, dimensions > 0, assignments.count == tracks,
      centroids.count % dimensions == 0, centroids.allSatisfy(\.isFinite)
    else { return false }
    let k = centroids.count / dimensions
    return k > 0 && assignments.allSatisfy { $0 >= 0 && Int($0) < k }
  }

  /// The clustering as K-means returned it.
  var result: KMeans.Result {
    KMeans.Result(
      centroids: centroids, assignments: assignments, inertia: inertia, iterations: iterations)
  }
}
