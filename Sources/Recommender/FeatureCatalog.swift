/// The tracks that have every audio feature, as rows of raw values, with their artists; and how
/// many tracks were left out for a missing value. What the recommender is built from.
public struct FeatureCatalog: Sendable, Equatable {
  /// One track with all its features.
  public struct Track: Sendable, Equatable {
    /// `tracks.track_id`.
    public var id: String
    /// `tracks.artist`, for the two-per-artist rule.
    public var artist: String
    /// The raw feature values, in the order of ``FeatureCatalog/features``.
    public var values: [Double]
    /// `tracks.title`, for finding a track by name and for showing it.
    public var title: String
    /// The track's genres, for showing it.
    public var genres: [String]

    /// Creates a track.
    public init(
      id: String, artist: String, values: [Double], title: String = "", genres: [String] = []
    ) {
      self.id = id
      self.artist = artist
      self.values = values
      self.title = title
      self.genres = genres
    }
  }

  /// The features each track has, in column order.
  public let features: [AudioFeature]
  /// The tracks with every feature present and finite, in the order given.
  public let tracks: [Track]
  /// Tracks left out because a feature was NULL or not a finite number: they have no position,
  /// are never recommended, and are counted on the data-quality panel.
  public let withoutFeatures: Int

  /// A catalog of `tracks`; tracks whose value count does not match `features` or that hold a
  /// value that is not finite are left out and counted, as are `alreadyMissing` tracks the
  /// source found with a NULL feature. (The sources' rows, `TrackFeatureRows`, already read a
  /// value beyond ±1,000,000 as NULL: one near the largest `Double` would overflow the
  /// standardising sums.)
  public init(features: [AudioFeature], tracks: [Track], alreadyMissing: Int = 0) {
    self.features = features
    let usable = tracks.filter {
      $0.values.count == features.count && $0.values.allSatisfy(\.isFinite)
    }
    self.tracks = usable
    withoutFeatures = alreadyMissing + (tracks.count - usable.count)
  }

  /// A catalog from a source's feature columns (named as ``AudioFeature`` raw values) and rows;
  /// a row with any `nil` value has no position and is counted in ``withoutFeatures``.
  public init(
    columns: [String],
    rows: [(id: String, title: String, artist: String, genres: [String], values: [Double?])]
  ) {
    let features = columns.compactMap(AudioFeature.init(rawValue:))
    var tracks: [Track] = []
    var missing = 0
    for row in rows {
      let values = row.values.compactMap { $0 }
      if values.count == row.values.count && features.count == columns.count {
        tracks.append(
          Track(
            id: row.id, artist: row.artist, values: values, title: row.title, genres: row.genres))
      } else {
        missing += 1
      }
    }
    self.init(features: features, tracks: tracks, alreadyMissing: missing)
  }
}
