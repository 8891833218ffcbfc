import Formatting

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
    guard template.hasPrefix("https://") || template.hasPrefix("http://"), template.contains("{id}"),
      HeaderText.isPrintableASCII(template), !template.contains(" ")
    else { return nil }
    self.template = template
  }

  /// The link of `trackID`.
  public func url(for trackID: String) -> String {
    template.replacingAll("{id}", with: Self.percentEncoded(trackID))
  }

  /// Every byte but `A–Z a–z 0–9 - . _ ~` as `%XX`.
  static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF")
        out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
      }
    }
    return out
  }
}

extension String {
  /// `self` with every `target` replaced by `replacement` (no Foundation needed).
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
