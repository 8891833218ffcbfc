/// The audio features of every track, as the source stores them: what the recommender is built
/// from. Values are `nil` where the column is NULL or not a number.
public struct TrackFeatureRows: Sendable, Equatable {
  /// One track.
  public struct Row: Sendable, Equatable {
    /// `tracks.track_id`.
    public var id: String
    /// `tracks.title`.
    public var title: String
    /// `tracks.artist`.
    public var artist: String
    /// The track's genres from `track_genres`, sorted.
    public var genres: [String]
    /// One value per column of ``TrackFeatureRows/columns``.
    public var values: [Double?]

    /// Creates a row.
    public init(id: String, title: String, artist: String, genres: [String] = [], values: [Double?])
    {
      self.id = id
      self.title = title
      self.artist = artist
      self.genres = genres
      self.values = values
    }
  }

  /// The feature columns read: the five of schema v1, then those of ``SchemaV1/optionalFeatures``
  /// that the table has.
  public var columns: [String]
  /// Every track with a non-empty id, in byte order of the id (``SQLDialect/byteOrder(_:)``).
  public var rows: [Row]

  /// Creates the rows.
  public init(columns: [String], rows: [Row]) {
    self.columns = columns
    self.rows = rows
  }
}
