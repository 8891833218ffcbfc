import Formatting
import Foundation
import Recommender

/// How `recommend` prints its songs: a table for people, JSON for programs.
enum RecommendationOutput {
  /// One song, as `--json` writes it.
  struct Song: Codable, Equatable {
    var rank: Int
    var trackId: String
    var title: String
    var artist: String
    var genres: [String]
    var cluster: String
    var distance: Double
  }

  static func songs(_ songs: [ContentRecommender.Recommendation], model: ContentRecommender)
    -> [Song]
  {
    songs.map {
      let track = model.catalog.tracks[$0.index]
      return Song(
        rank: $0.rank, trackId: track.id,
        title: SafeText.clean(track.title, limit: 200, isolate: false),
        artist: SafeText.clean(track.artist, limit: 200, isolate: false),
        genres: track.genres.map { SafeText.clean($0, limit: 80, isolate: false) },
        cluster: model.labels[$0.cluster],
        distance: ($0.distance * 1_000_000).rounded() / 1_000_000)
    }
  }

  /// A JSON array of `{rank, trackId, title, artist, genres, cluster, distance}`.
  static func json(
    _ recommendations: [ContentRecommender.Recommendation], model: ContentRecommender
  ) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(songs(recommendations, model: model))) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Columns: rank, title, artist, genres, cluster, distance.
  static func table(
    _ recommendations: [ContentRecommender.Recommendation], model: ContentRecommender
  ) -> String {
    let rows = songs(recommendations, model: model).map {
      [
        "\($0.rank)", SafeText.clean($0.title, limit: 40, isolate: false),
        SafeText.clean($0.artist, limit: 28, isolate: false),
        SafeText.clean($0.genres.joined(separator: ", "), limit: 28, isolate: false), $0.cluster,
        NumberFormat.decimal($0.distance, places: 3),
      ]
    }
    guard !rows.isEmpty else { return "no track to recommend\n" }
    return TextTable.render(
      header: ["#", "title", "artist", "genres", "cluster", "distance"], rows: rows,
      rightAligned: [0, 5])
  }
}
