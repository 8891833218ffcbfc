import Engine
import EventStore
import Recommender

extension FeatureCatalog {
  /// The recommender's catalog from the feature columns a source read.
  public init(_ rows: TrackFeatureRows) {
    self.init(
      columns: rows.columns,
      rows: rows.rows.map { ($0.id, $0.title, $0.artist, $0.genres, $0.values) })
  }
}
