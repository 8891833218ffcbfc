import EventStore
import Recommender

/// The sound clusters a site build keeps in its state, for a recommender over the same catalog —
/// the digest's, which would otherwise run the same K-means over the same tracks again. Only the
/// state's last section is read.
///
/// ```swift
/// let saved = StateSource(file: stateURL).flatMap(SavedClusters.init(state:))
/// let model =
///   saved?.clustering(of: features, catalog: catalog, clusters: 17)
///     .map { ContentRecommender(catalog: features, clustering: $0) }
///   ?? ContentRecommender(catalog: features, clusters: 17)
/// ```
public struct SavedClusters: Sendable {
  private let cache: SoundCache

  /// The clusters kept in the saved state `source`; `nil` when it is not a state of this version
  /// and machine, is damaged, or keeps none.
  public init?(state source: StateSource) {
    guard let cache = try? EngineState.savedSound(in: source) else { return nil }
    self.cache = cache
  }

  /// What ``ContentRecommender/init(catalog:clusters:restarts:seed:loop:)`` would cluster
  /// `features` (the recommender's catalog, whose tracks are all in `catalog`) into with
  /// `clusters` groups and the default restarts and seed, when the saved clusters are that
  /// result: the site build clusters the same standardised values with the same K-means
  /// (``ContentRecommender/kMeans(clusters:)``), so the same tracks in the same order with the
  /// same values, columns, catalog, K-means settings and method (the clusters' digest,
  /// ``SoundCache/digest(of:catalog:kMeans:)``) give the same result. `nil` when any of them
  /// differs, or the saved result does not fit the tracks (a damaged state).
  public func clustering(of features: FeatureCatalog, catalog: Catalog, clusters: Int)
    -> KMeans.Result?
  {
    var values = TrackFeatureValues(columns: features.features.map(\.rawValue))
    for track in features.tracks {
      guard let index = catalog.index(ofTrack: track.id) else { return nil }
      values.add(track: index, values: track.values)
    }
    let digest = SoundCache.digest(
      of: values, catalog: catalog, kMeans: ContentRecommender.kMeans(clusters: clusters))
    guard values.tracks.count == features.tracks.count,
      cache.fits(
        digest: digest, tracks: features.tracks.count, dimensions: features.features.count)
    else { return nil }
    return cache.result
  }
}
