import Foundation
import TestSupport
import Testing

/// `tunedash evaluate` through the binary, on ratings worked out by hand.
///
/// Eight tracks differ only in energy: t1 = 0.0, t2 = 0.1, … t8 = 0.7 (one cluster).
/// - u1 likes t1, t2, t3, t4, then t5 (latest, hidden). Playlist mean 0.15; every other rated
///   track is left out, so the list is t5, t6, t7, t8: t5 at rank 1, NDCG = 1 ÷ log2(2) = 1.
/// - u2 likes t8, t7, t6, t5, then t1 (hidden). Mean 0.55; the list is t4, t3, t2, t1: t1 at
///   rank 4, NDCG = 1 ÷ log2(5) = 0.430677.
/// - u3 likes only t6, t7, t8: fewer than 5, not evaluated (its likes still count as likes).
/// Content model: 2 hits of 2 → 100%, Wilson 95% 34.2–100%; NDCG mean (1 + 0.430677) ÷ 2 =
/// 0.715338; all 8 tracks recommended → coverage 100%. Likes per track: t1 2, t2 1, t3 1, t4 1,
/// t5 2, t6 2, t7 2, t8 2; slots: (2+2+2+2) + (1+1+1+2) = 13 over 8 → mean popularity 1.625.
/// Most liked (by likes, ties by id: t1, t5, t6, t7, t8, t2, t3, t4): u1 gets t5 first (t1 is
/// rated), u2 gets t1 first: 2 hits at rank 1, NDCG 1.
@Suite("tunedash evaluate", .serialized)
struct EvaluateCommandTests {
  static var sql: String {
    let tracks = (1...8).map {
      "('t\($0)', 'Song \($0)', 'Artist \($0)', 0.5, \(Double($0 - 1) / 10), 0.5, 120, 0.5)"
    }
    var likes: [String] = []
    var id = 0
    for (user, order) in [("u1", [1, 2, 3, 4, 5]), ("u2", [8, 7, 6, 5, 1]), ("u3", [6, 7, 8])] {
      for (step, track) in order.enumerated() {
        id += 1
        likes.append("(\(id), '\(user)', 't\(track)', 1, \(1_767_225_600 + step * 60))")
      }
    }
    return """
      INSERT INTO tracks (track_id, title, artist, danceability, energy, valence, tempo, acousticness)
        VALUES \(tracks.joined(separator: ", "));
      INSERT INTO feedback (feedback_id, user_id, track_id, verdict, occurred_at)
        VALUES \(likes.joined(separator: ", "));
      """
  }

  struct Document: Decodable {
    var catalogTracks: Int
    var methods: [Method]
  }

  struct Method: Decodable {
    var method: String
    var listeners: Int
    var hitRate: Double?
    var hitRateLower: Double?
    var hitRateUpper: Double?
    var ndcg: Double?
    var coverage: Double
    var meanPopularity: Double?
  }

  @Test func scoresWorkedOutByHand() throws {
    let fixture = try Fixture(sql: Self.sql)
    let result = try TuneDashBinary.run([
      "evaluate", "--db", fixture.database, "--clusters", "1", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
    #expect(document.catalogTracks == 8)
    let content = try #require(document.methods.first { $0.method == "content" })
    #expect(content.listeners == 2)
    #expect(content.hitRate == 1)
    #expect(content.hitRateLower == 0.342372 && content.hitRateUpper == 1)
    #expect(content.ndcg == 0.715338)
    #expect(content.coverage == 1)
    #expect(content.meanPopularity == 1.625)
    let popular = try #require(document.methods.first { $0.method == "mostLiked" })
    #expect(popular.hitRate == 1 && popular.ndcg == 1)
    let random = try #require(document.methods.first { $0.method == "random" })
    #expect(random.listeners == 2)
    // Seeded: the same database gives the same random lists.
    let again = try TuneDashBinary.run([
      "evaluate", "--db", fixture.database, "--clusters", "1", "--json",
    ])
    #expect(again.stdout == result.stdout)
  }

  @Test func aTableForPeople() throws {
    let fixture = try Fixture(sql: Self.sql)
    let result = try TuneDashBinary.run(["evaluate", "--db", fixture.database, "--clusters", "1"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix("leave-one-out on likes: 2 listeners with at least 5 liked tracks"))
    #expect(result.stdout.contains("content model  100.0% (34.2%–100.0%)  0.715 (0.157–1.000)"))
    #expect(result.stdout.contains("not an A/B test"))
    // The sentence quotes the table's hit rates: 2 of 2 listeners for the content model.
    #expect(result.stdout.contains("here the content model hits for 100.0% of listeners"))
    #expect(
      result.stdout.contains(
        "the most liked songs are expected to win where listeners' likes crowd onto a few hits"))
  }

  @Test func anEmptyDatabaseSaysThereIsNothingToEvaluate() throws {
    let fixture = try Fixture()
    let result = try TuneDashBinary.run(["evaluate", "--db", fixture.database])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "nothing to evaluate: no listener has at least 5 liked tracks with audio features (the catalog has "
        + "0 tracks); evaluate hides one liked song per listener and checks who finds it\n")
  }
}
