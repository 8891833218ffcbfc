/// What a page shows about a track.
public struct TrackDetails: Sendable, Equatable {
  /// `tracks.title`.
  public var title: String
  /// `tracks.artist`.
  public var artist: String
  /// `tracks.album`, if any.
  public var album: String?

  /// Creates details.
  public init(title: String, artist: String, album: String? = nil) {
    self.title = title
    self.artist = artist
    self.album = album
  }
}
