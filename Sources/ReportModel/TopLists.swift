/// One of a range's most engaged-with tracks. An *engagement* is, as for genres, an `activity`
/// row that names the track or a like of it; ranked by distinct listeners, then engagements,
/// then track id.
public struct TopTrack: Codable, Equatable, Sendable {
  /// `tracks.track_id`.
  public var trackId: String
  /// `tracks.title`.
  public var title: String
  /// `tracks.artist`.
  public var artist: String
  /// Distinct listeners with an engagement in the range.
  public var listeners: Int
  /// Engagements in the range.
  public var events: Int
  /// 1 for the first.
  public var rank: Int
  /// The rank in the previous range's list; `nil` when it was not in it (the page says "new
  /// entry": it may have been just below it), and for all time, which has no previous range.
  public var previousRank: Int?

  /// Creates an entry.
  public init(
    trackId: String, title: String, artist: String, listeners: Int, events: Int, rank: Int,
    previousRank: Int?
  ) {
    self.trackId = trackId
    self.title = title
    self.artist = artist
    self.listeners = listeners
    self.events = events
    self.rank = rank
    self.previousRank = previousRank
  }
}

/// One of a range's most engaged-with artists: listeners are distinct over all the artist's
/// tracks, engagements are summed; ranked by listeners, then engagements, then name.
public struct TopArtist: Codable, Equatable, Sendable {
  /// `tracks.artist` exactly as stored (cleaned for display).
  public var artist: String
  /// Distinct listeners with an engagement with any of the artist's tracks in the range.
  public var listeners: Int
  /// Engagements with the artist's tracks in the range.
  public var events: Int
  /// 1 for the first.
  public var rank: Int
  /// The rank in the previous range's list; `nil` when not in it, and for all time.
  public var previousRank: Int?

  /// Creates an entry.
  public init(artist: String, listeners: Int, events: Int, rank: Int, previousRank: Int?) {
    self.artist = artist
    self.listeners = listeners
    self.events = events
    self.rank = rank
    self.previousRank = previousRank
  }
}
