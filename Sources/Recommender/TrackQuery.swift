import Foundation

/// Finds a track of the catalog by what a person types: its id, its title, or `title - artist`,
/// ignoring case and surrounding spaces.
public enum TrackQuery {
  /// What a query found.
  public enum Match: Equatable, Sendable {
    /// Exactly one track, at this catalog position.
    case found(Int)
    /// Several tracks share the title: their positions, to list for the user.
    case ambiguous([Int])
    /// Nothing matched.
    case notFound
  }

  /// Looks `text` up: an exact id first; then `title - artist` (every ` - ` in the text is tried
  /// as the split, so titles with dashes work); then the title alone.
  public static func find(_ text: String, in catalog: FeatureCatalog) -> Match {
    let wanted = normalized(text)
    let tracks = catalog.tracks
    if let index = tracks.firstIndex(where: { normalized($0.id) == wanted }) {
      return .found(index)
    }
    var byTitleAndArtist: [Int] = []
    var searchFrom = wanted.startIndex
    while let dash = wanted.range(of: " - ", range: searchFrom..<wanted.endIndex) {
      let title = normalized(String(wanted[..<dash.lowerBound]))
      let artist = normalized(String(wanted[dash.upperBound...]))
      byTitleAndArtist += tracks.indices.filter {
        normalized(tracks[$0].title) == title && normalized(tracks[$0].artist) == artist
      }
      searchFrom = dash.upperBound
    }
    if let match = verdict(Array(Set(byTitleAndArtist)).sorted()) { return match }
    return verdict(tracks.indices.filter { normalized(tracks[$0].title) == wanted }) ?? .notFound
  }

  private static func verdict(_ indices: [Int]) -> Match? {
    switch indices.count {
    case 0: nil
    case 1: .found(indices[0])
    default: .ambiguous(indices)
    }
  }

  /// `text` as queries compare it: trimmed and lower-cased.
  public static func normalized(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).lowercased()
  }
}
