/// The catalog's sound clusters: the content recommender's K-means clusters of the tracks'
/// standardised audio features, with where each sits on the sound map.
public struct SoundReport: Codable, Equatable, Sendable {
  /// The feature columns clustered, in order (the five of schema v1, then the optional ones the
  /// table has).
  public var features: [String]
  /// The clusters, numbered from 0.
  public var clusters: [SoundCluster]
  /// Catalog tracks without a position: a feature is NULL, not a number, or beyond ±1,000,000.
  /// They are never recommended, and their ratings form the "no features" row of
  /// ``ClusterRating``.
  public var noFeatures: Int
  /// The first audio-feature column `tracks` lacks, when it lacks one: then nothing is
  /// clustered, and every track counts in ``noFeatures``.
  public var missingColumn: String?
  /// The share of the standardised catalog's variance that the sound map's two axes (the first
  /// two principal components) hold, in order.
  public var explainedVariance: [Double]
  /// How many times K-means was started from a new k-means++ seeding (the lowest inertia kept):
  /// the recommender's setting, stated here so that the About page quotes the code, not prose.
  public var restarts: Int

  /// Creates the report.
  public init(
    features: [String], clusters: [SoundCluster], noFeatures: Int, explainedVariance: [Double],
    restarts: Int, missingColumn: String? = nil
  ) {
    self.restarts = restarts
    self.missingColumn = missingColumn
    self.features = features
    self.clusters = clusters
    self.noFeatures = noFeatures
    self.explainedVariance = explainedVariance
  }
}

/// One sound cluster.
public struct SoundCluster: Codable, Equatable, Sendable {
  /// The cluster's number, from 0.
  public var id: Int
  /// A short label from the centroid's largest z-scores (see the README).
  public var label: String
  /// Tracks in the cluster.
  public var tracks: Int
  /// The centroid, one z-score per feature, keyed by feature name.
  public var centroid: [String: Double]
  /// The centroid's position on the sound map: its first and second principal component.
  public var x: Double
  /// See ``x``.
  public var y: Double

  /// Creates a cluster.
  public init(
    id: Int, label: String, tracks: Int, centroid: [String: Double], x: Double, y: Double
  ) {
    self.id = id
    self.label = label
    self.tracks = tracks
    self.centroid = centroid
    self.x = x
    self.y = y
  }
}
