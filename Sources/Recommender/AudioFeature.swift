/// An audio feature of a track, as the `tracks` table stores it: the five the contract requires
/// and four optional ones, used when the table has them.
public enum AudioFeature: String, CaseIterable, Sendable, Codable {
  case danceability, energy, valence, tempo, acousticness
  case speechiness, instrumentalness, liveness, loudness

  /// The five every catalog has (schema v1 columns).
  public static let required: [AudioFeature] = [
    .danceability, .energy, .valence, .tempo, .acousticness,
  ]

  /// The optional columns, used when `tracks` has them.
  public static let optional: [AudioFeature] = [
    .speechiness, .instrumentalness, .liveness, .loudness,
  ]

  /// The words for a centroid far above (`high`) or below (`low`) the catalog's mean on this
  /// feature, for cluster labels: "energetic · danceable", "acoustic · calm · slow".
  public var words: (high: String, low: String) {
    switch self {
    case .danceability: ("danceable", "not for dancing")
    case .energy: ("energetic", "calm")
    case .valence: ("cheerful", "melancholic")
    case .tempo: ("fast", "slow")
    case .acousticness: ("acoustic", "electronic")
    case .speechiness: ("spoken", "sung")
    case .instrumentalness: ("instrumental", "vocal")
    case .liveness: ("live", "studio")
    case .loudness: ("loud", "quiet")
    }
  }
}
