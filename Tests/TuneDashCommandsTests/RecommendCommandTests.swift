import Foundation
import TestSupport
import Testing

/// `tunedash recommend` through the binary, on a catalog worked out by hand.
///
/// Six tracks differ only in energy (0.0, 0.1, … 0.5); the other four features are the same for
/// all, so their z-scores are 0. Energy: mean 0.25, population sd √(0.175 ÷ 6) = 0.1707825, so
/// neighbours 0.1 apart are 0.1 ÷ 0.1707825 = 0.585540 apart in z-space. One cluster.
@Suite("tunedash recommend", .serialized)
struct RecommendCommandTests {
  static let sql = """
    INSERT INTO tracks (track_id, title, artist, danceability, energy, valence, tempo, acousticness) VALUES
      ('t1', 'Alpha', 'Ann', 0.5, 0.0, 0.5, 120, 0.5), ('t2', 'Beta', 'Bo', 0.5, 0.1, 0.5, 120, 0.5),
      ('t3', 'Gamma', 'Cy', 0.5, 0.2, 0.5, 120, 0.5), ('t4', 'Delta', 'Di', 0.5, 0.3, 0.5, 120, 0.5),
      ('t5', 'Echo', 'Ed', 0.5, 0.4, 0.5, 120, 0.5), ('t6', 'Echo', 'Flo', 0.5, 0.5, 0.5, 120, 0.5),
      ('t7', 'No Sound', 'Gil', NULL, 0.9, 0.5, 120, 0.5);
    INSERT INTO track_genres VALUES ('t2', 'pop'), ('t2', 'rock');
    INSERT INTO activity (user_id, kind, occurred_at, track_id) VALUES ('u1', ' Play', 1767225600, 't2');
    INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES ('u1', 't3', 1, 1767225600);
    """

  struct Song: Decodable, Equatable {
    var rank: Int
    var trackId: String
    var title: String
    var artist: String
    var genres: [String]
    var cluster: String
    var distance: Double
  }

  func recommend(_ fixture: Fixture, _ arguments: [String]) throws -> TuneDashBinary.Result {
    try TuneDashBinary.run(["recommend", "--db", fixture.database, "--clusters", "1"] + arguments)
  }

  @Test func theNearestSongsAsJSON() throws {
    let fixture = try Fixture(sql: Self.sql)
    let result = try recommend(fixture, ["--track", "alpha", "--count", "3", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let songs = try JSONDecoder().decode([Song].self, from: Data(result.stdout.utf8))
    #expect(songs.map(\.trackId) == ["t2", "t3", "t4"])
    #expect(songs.map(\.distance) == [0.58554, 1.17108, 1.75662])
    #expect(
      songs[0]
        == Song(
          rank: 1, trackId: "t2", title: "Beta", artist: "Bo", genres: ["pop", "rock"],
          cluster: "balanced", distance: 0.58554))
  }

  @Test func aListenersPlayedAndRatedTracksAreLeftOut() throws {
    let fixture = try Fixture(sql: Self.sql)
    let result = try recommend(
      fixture, ["--track", "t1", "--count", "3", "--listener", "u1", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let songs = try JSONDecoder().decode([Song].self, from: Data(result.stdout.utf8))
    #expect(songs.map(\.trackId) == ["t4", "t5", "t6"])
  }

  @Test func aTableForPeople() throws {
    let fixture = try Fixture(sql: Self.sql)
    let result = try recommend(fixture, ["--track", "Gamma - Cy", "--count", "2"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("#  title"))
    // t2 and t4 are both 0.585540 from t3: the tie goes to the lower id.
    #expect(lines[1].hasPrefix("1  Beta") && lines[1].hasSuffix("0.586"))
    #expect(lines[2].hasPrefix("2  Delta"))
  }

  @Test func ranksOfTwoDigitsKeepTheColumnsAligned() throws {
    // Twelve tracks, energy 0.00 … 0.11: from t00, ranks 1 … 11 are t01 … t11.
    let values = (0..<12).map { n in
      "('t\(n < 10 ? "0" : "")\(n)', 'Song \(n)', 'Artist \(n)', 0.5, \(Double(n) / 100), 0.5, 120, 0.5)"
    }
    let fixture = try Fixture(
      sql:
        "INSERT INTO tracks (track_id, title, artist, danceability, energy, valence, tempo, acousticness) VALUES "
        + values.joined(separator: ", ") + ";")
    let result = try recommend(fixture, ["--track", "t00", "--count", "11"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 12)
    #expect(lines[0].hasPrefix(" #  title"))
    #expect(lines[9].hasPrefix(" 9  Song 9 "))
    #expect(lines[10].hasPrefix("10  Song 10 "))
  }

  @Test func anUnknownListenerIsRefused() throws {
    let fixture = try Fixture(sql: Self.sql + "INSERT INTO users (user_id) VALUES ('u9');")
    let unknown = try recommend(fixture, ["--track", "t1", "--listener", "nobody"])
    #expect(unknown.status == 64)
    #expect(
      unknown.stderr.hasPrefix(
        "tunedash: no listener has the id \"nobody\" (no users row, no play, no rating)"))
    // A registered listener with no play or rating yet is known.
    let registered = try recommend(fixture, ["--track", "t1", "--listener", "u9"])
    #expect(registered.status == 0, "\(registered.stderr)")
  }

  @Test func anAmbiguousTitleListsTheCandidatesAndExits64() throws {
    let fixture = try Fixture(sql: Self.sql)
    let result = try recommend(fixture, ["--track", "echo"])
    #expect(result.status == 64)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("\"echo\" is the title of 2 tracks"))
    #expect(result.stderr.contains("(id t5)") && result.stderr.contains("(id t6)"))
    let unknown = try recommend(fixture, ["--track", "Zeta"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no track has the id, title"))
    let silent = try recommend(fixture, ["--track", "t7"])
    #expect(silent.status == 64)
    #expect(silent.stderr.contains("has no audio features"))
  }

  @Test func aPlaylistUsesTheMeanSoundAndReportsLinesThatMatchNothing() throws {
    let fixture = try Fixture(sql: Self.sql)
    let playlist = fixture.path("playlist.txt")
    try "t1\nEcho - Ed\nNot A Song - Nobody\n\n".write(
      toFile: playlist, atomically: true, encoding: .utf8)
    let result = try recommend(fixture, ["--playlist", playlist, "--count", "3", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    // t1 (0.0) and t5 (0.4): mean 0.2 = t3; then t2 and t4 at 0.1 (tie: t2 first).
    let songs = try JSONDecoder().decode([Song].self, from: Data(result.stdout.utf8))
    #expect(songs.map(\.trackId) == ["t3", "t2", "t4"])
    #expect(result.stderr.contains("1 line of"))
    #expect(result.stderr.contains("\"Not A Song - Nobody\""))
  }

  @Test func anAmbiguousPlaylistLineIsReportedAsAmbiguousWithItsCandidates() throws {
    let fixture = try Fixture(sql: Self.sql)
    let playlist = fixture.path("playlist.txt")
    try "t1\nEcho\n".write(toFile: playlist, atomically: true, encoding: .utf8)
    let result = try recommend(fixture, ["--playlist", playlist, "--count", "1", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr
        == "tunedash: warning: \(playlist): \"Echo\" is the title of 2 tracks: \"Echo - Ed\" (id t5), \"Echo - Flo\" (id t6); "
        + "the line is left out (write \"title - artist\" or the track id)\n")
  }
}
