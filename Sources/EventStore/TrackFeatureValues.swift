/// The numbers of every track's audio features, and nothing else: what a build clusters the
/// catalog from, without the titles, artists and genres that ``TrackFeatureRows`` carries for
/// the recommender's output (at 200,000 tracks those strings are most of the memory).
public struct TrackFeatureValues: Sendable, Equatable {
  /// The feature columns read: the five of schema v1, then the optional ones the table has.
  public var columns: [String]
  /// The catalog index of each track with every feature present and finite, in byte order of the
  /// track id (``SQLDialect/byteOrder(_:)``).
  public private(set) var tracks: [Int32] = []
  /// Their values, row by row: `values[row * columns.count + feature]`.
  public private(set) var values: [Double] = []

  /// The first of the five schema v1 feature columns that `tracks` lacks, when it lacks one
  /// (then there are no columns and no tracks).
  public var missingColumn: String?
  /// The ``FeatureRowsDigest`` of the rows read, when the source computes one.
  public var rowsDigest: UInt64?

  /// No tracks yet.
  public init(columns: [String], missingColumn: String? = nil) {
    self.columns = columns
    self.missingColumn = missingColumn
  }

  /// Adds the track at catalog index `track` (`nil` when not in the catalog: skipped) with its
  /// `values`, or without a position when `values` is `nil` or holds a number that is not
  /// ``TrackFeatureRows/usable(_:)``.
  public mutating func add(track: Int32?, values row: [Double]?) {
    guard let track, let row, row.count == columns.count,
      row.allSatisfy({ TrackFeatureRows.usable($0) != nil })
    else { return }
    tracks.append(track)
    values.append(contentsOf: row)
  }
}
