/// The audio features of every track, as the source stores them: what the recommender is built
/// from. Values are `nil` where the column is NULL, not a number, or not a plausible feature
/// (``usable(_:)``).
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

    /// Creates a row; a value that is not ``TrackFeatureRows/usable(_:)`` becomes `nil`.
    public init(id: String, title: String, artist: String, genres: [String] = [], values: [Double?])
    {
      self.id = id
      self.title = title
      self.artist = artist
      self.genres = genres
      self.values = values.map { $0.flatMap(TrackFeatureRows.usable) }
    }
  }

  /// The largest magnitude an audio feature may have: every feature of the contract is a share
  /// (0–1), a tempo (beats a minute) or a loudness (decibels), so a value beyond it is a broken
  /// row — and one near the largest `Double` would overflow the standardising sums into NaN.
  public static let largestFeature = 1e6

  /// `value` when it is a finite number within ±``largestFeature``, else `nil` (a track with
  /// such a value has no position, as with a NULL one).
  @inline(__always)
  public static func usable(_ value: Double) -> Double? {
    value.isFinite && value.magnitude <= largestFeature ? value : nil
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
