import Formatting
import Foundation

/// A song as a digest names it: cleaned for display, with an optional link.
public struct DigestSong: Sendable, Equatable {
  /// `tracks.track_id`, as stored.
  public var trackID: String
  /// The title, as stored.
  public var title: String
  /// The artist, as stored.
  public var artist: String
  /// Its genres, as stored.
  public var genres: [String]

  /// Creates a song.
  public init(trackID: String, title: String, artist: String, genres: [String] = []) {
    self.trackID = trackID
    self.title = title
    self.artist = artist
    self.genres = genres
  }

  /// The title cleaned as on the site (control characters removed, at most 80 characters);
  /// `isolate` wraps right-to-left text for HTML.
  func cleanTitle(isolate: Bool) -> String { SafeText.clean(title, isolate: isolate) }

  /// The artist cleaned as on the site.
  func cleanArtist(isolate: Bool) -> String { SafeText.clean(artist, isolate: isolate) }

  /// The genres cleaned and joined: `pop, rock`.
  func cleanGenres(isolate: Bool) -> String {
    genres.map { SafeText.clean($0, limit: 40, isolate: isolate) }.joined(separator: ", ")
  }
}

/// Turns a track id into a link from a template such as
/// `https://open.spotify.com/track/{id}`: `{id}` becomes the id percent-encoded (every byte
/// but RFC 3986's unreserved characters).
public struct TrackLink: Sendable, Equatable {
  /// The template, with `{id}`.
  public var template: String

  /// A link template; `nil` unless it is an `http` or `https` URL holding `{id}`.
  public init?(template: String) {
    guard template.hasPrefix("https://") || template.hasPrefix("http://"),
      template.contains("{id}"),
      HeaderText.isPrintableASCII(template), !template.contains(" ")
    else { return nil }
    self.template = template
  }

  /// The link of `trackID`.
  public func url(for trackID: String) -> String {
    template.replacingOccurrences(of: "{id}", with: PercentEncoding.encode(trackID))
  }
}
