import ArgumentParser
import EventStore
import Formatting
import Foundation
import Recommender
import Workers

/// `tunedash recommend`: the service's content-based recommender, run on its own catalog.
struct RecommendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recommend",
    abstract: "Recommend songs that sound like a track or a playlist, as the service does.",
    discussion: """
      Tracks are described by their audio features (danceability, energy, valence, tempo, \
      acousticness, and speechiness, instrumentalness, liveness and loudness when the table has \
      them), standardised to z-scores and grouped with K-means. A recommendation is a nearby track \
      in that space: near the given track, or near the mean of the playlist's tracks. At most two \
      tracks per artist; never the seed tracks; with --listener, never what they played or rated.

      \(ExitStatus.helpText)
      """)

  @OptionGroup var database: SourceOption

  /// The source database's location, as given.
  var db: String { database.db }

  @Option(name: .long, help: "A track: its id, its title, or \"title - artist\" (any case).")
  var track: String?

  @Option(name: .long, help: "A file with one track per line (id, or \"title - artist\").")
  var playlist: String?

  @Option(name: .long, parsing: .unconditional, help: "How many songs to recommend.")
  var count = 10

  @Option(
    name: .long, help: "Leave out the tracks this listener (a users.user_id) played or rated.")
  var listener: String?

  @Option(name: .long, parsing: .unconditional, help: "How many sound clusters K-means makes.")
  var clusters = 17

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  func validate() throws {
    guard (track == nil) != (playlist == nil) else {
      throw ValidationError("pass --track TEXT or --playlist FILE (one of them)")
    }
    guard count >= 1 else { throw ValidationError("--count must be at least 1, not \(count)") }
    guard clusters >= 1 else {
      throw ValidationError("--clusters must be at least 1, not \(clusters)")
    }
  }

  func run() throws {
    do {
      let source = try SourceLocation.open(db)
      let (rows, touched, known) = try source.read { reader in
        let touched = try listener.map { try reader.tracksTouched(by: $0) } ?? []
        return (
          try reader.trackFeatures(), touched,
          try listener.map { try Self.isKnown($0, touched, reader) } ?? true
        )
      }
      if let listener, !known {
        throw CommandError(
          message:
            "no listener has the id \"\(SafeText.clean(listener, limit: 60, isolate: false))\" (no users row, no play, no rating)",
          hint: "pass a users.user_id to --listener, or leave it out", status: .usage)
      }
      let catalog = FeatureCatalog(rows)
      let seeds = try seedTracks(in: catalog, rows: rows)
      let model = ContentRecommender(
        catalog: catalog, clusters: clusters, loop: Workers.loop())
      let excluded = Set(touched.compactMap { model.index(of: $0) })
      let songs = model.similar(to: seeds, count: count, excluding: excluded)
      let output =
        json
        ? RecommendationOutput.json(songs, model: model)
        : RecommendationOutput.table(songs, model: model)
      StandardStream.standardOutput.write(output)
    } catch {
      throw Failure.report(error)
    }
  }

  /// The catalog positions of `--track` or the lines of `--playlist`.
  private func seedTracks(in catalog: FeatureCatalog, rows: TrackFeatureRows) throws -> [Int] {
    if let track {
      return [try Self.resolve(track, in: catalog, rows: rows)]
    }
    guard let playlist, let text = try? String(contentsOfFile: playlist, encoding: .utf8) else {
      throw CommandError(
        message: "cannot read the playlist \(playlist ?? "")",
        hint: "pass a UTF-8 text file with one track per line (id, or \"title - artist\")",
        status: .usage)
    }
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
      .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    var seeds: [Int] = []
    var unmatched: [String] = []
    for line in lines {
      switch TrackQuery.find(line, in: catalog) {
      case .found(let index): seeds.append(index)
      case .ambiguous(let indices):
        StandardStream.standardError.write(
          "tunedash: warning: \(playlist): \(Self.ambiguity(line, indices, in: catalog)); the line is left out "
            + "(write \"title - artist\" or the track id)\n")
      case .notFound: unmatched.append(line)
      }
    }
    if !unmatched.isEmpty {
      let first = unmatched.prefix(3).map { "\"\(SafeText.clean($0, limit: 60, isolate: false))\"" }
        .joined(separator: ", ")
      StandardStream.standardError.write(
        "tunedash: warning: \(NumberFormat.count(unmatched.count, "line")) of \(playlist) matched no track with audio features (\(first)\(unmatched.count > 3 ? ", …" : "")); the other \(seeds.count) are used\n"
      )
    }
    guard !seeds.isEmpty else {
      throw CommandError(
        message: "no line of \(playlist) matches a track with audio features",
        hint: "write one track per line as its id or \"title - artist\"", status: .usage)
    }
    return seeds
  }

  /// `"Home" is the title of 3 tracks: "Home - A" (id t1), …`: up to five candidates.
  static func ambiguity(_ text: String, _ indices: [Int], in catalog: FeatureCatalog) -> String {
    let clean = { SafeText.clean($0, limit: 60, isolate: false) }
    let candidates = indices.prefix(5).map {
      "\"\(clean(catalog.tracks[$0].title)) - \(clean(catalog.tracks[$0].artist))\" (id \(clean(catalog.tracks[$0].id)))"
    }.joined(separator: ", ")
    return
      "\"\(clean(text))\" is the title of \(indices.count) tracks: \(candidates)\(indices.count > 5 ? ", …" : "")"
  }

  /// Whether `listener` is someone the database knows: a `users` row, or tracks they played or
  /// rated (`touched`).
  static func isKnown(_ listener: String, _ touched: Set<String>, _ reader: some ListenerDirectory)
    throws -> Bool
  {
    if !touched.isEmpty { return true }
    var found = false
    let wanted = Array(listener.utf8)
    try reader.registeredUsers { id in
      if !found && id.elementsEqual(wanted) { found = true }
    }
    return found
  }

  /// The catalog position of the track `text` names, or a usage error that lists the candidates.
  static func resolve(_ text: String, in catalog: FeatureCatalog, rows: TrackFeatureRows) throws
    -> Int
  {
    switch TrackQuery.find(text, in: catalog) {
    case .found(let index):
      return index
    case .ambiguous(let indices):
      throw CommandError(
        message: ambiguity(text, indices, in: catalog),
        hint: "pass --track \"title - artist\" or the track id",
        status: .usage)
    case .notFound:
      let exists = rows.rows.contains {
        TrackQuery.normalized($0.id) == TrackQuery.normalized(text)
      }
      throw CommandError(
        message: exists
          ? "track \"\(text)\" has no audio features (one of them is NULL), so it has no sound to match"
          : "no track has the id, title or \"title - artist\" \"\(text)\"",
        hint: exists
          ? "pick another track" : "check the spelling; titles are matched whole, in any case",
        status: .usage)
    }
  }
}
