import Recommender
import Testing

@testable import Digest

/// Who gets a digest, on a catalog of six songs on one line (valence 0 … 5, one artist each),
/// with candidates built to hit every reason to be left out.
@Suite struct ListenerSelectionTests {
  static let recommender = ContentRecommender(
    catalog: FeatureCatalog(
      features: [.valence],
      tracks: (0..<6).map {
        FeatureCatalog.Track(id: "t\($0)", artist: "a\($0)", values: [Double($0)])
      }),
    clusters: 2)

  static let songs: [String: DigestSong] = Dictionary(
    uniqueKeysWithValues: ((0..<6).map { "t\($0)" } + ["nofeatures"]).map {
      ($0, DigestSong(trackID: $0, title: "Song \($0)", artist: "Artist \($0)"))
    })

  static func candidate(
    _ id: String, email: String?, optedOut: Bool = false, picks: [String] = ["t0"],
    heard: Set<String> = []
  ) -> ListenerSelection.Candidate {
    .init(
      userID: id, displayName: "Name \(id)", email: email, optedOut: optedOut, picks: picks,
      heard: heard.compactMap(recommender.index(of:)))
  }

  @Test func leavesOutEachReasonAndRecommendsTheNearestUnheardSongs() {
    let selection = ListenerSelection(
      candidates: [
        Self.candidate("u5", email: "five@example.com", picks: ["t0", "t5"]),
        Self.candidate("u1", email: nil),
        Self.candidate("u2", email: "  "),
        Self.candidate("u3", email: "not-an-address"),
        Self.candidate("u4", email: "four@example.com", optedOut: true),
        Self.candidate("u6", email: "six@example.com", picks: ["nofeatures"]),
        Self.candidate(
          "u7", email: "seven@example.com", picks: ["t0"], heard: ["t1", "t2", "t3", "t4", "t5"]),
        Self.candidate("u8", email: "eight@example.com", picks: ["t0"], heard: ["t1"]),
      ], recommender: Self.recommender, songs: Self.songs, count: 3)
    // u1 and u2: no address; u3: invalid; u4: opted out; u6: the pick has no features; u7
    // has heard every other song.
    #expect(selection.withoutEmail == 2)
    #expect(selection.invalidEmail == 1)
    #expect(selection.optedOut == 1)
    #expect(selection.nothingToRecommend == 2)
    #expect(selection.chosen.map(\.userID) == ["u5", "u8"])
    // u5 picked t0 and t5: their mean is 2.5, so t2 and t3 (distance 0.5, ties by id), then t1
    // and t4 at 1.5: the nearest three are t2, t3, t1.
    #expect(selection.chosen[0].songs.map(\.trackID) == ["t2", "t3", "t1"])
    #expect(selection.chosen[0].picks.map(\.trackID) == ["t0", "t5"])
    #expect(selection.chosen[0].recipient.address.text == "five@example.com")
    // u8 picked t0 and heard t1: t2, t3, t4.
    #expect(selection.chosen[1].songs.map(\.trackID) == ["t2", "t3", "t4"])
  }

  @Test func hostileDisplayNamesCannotStartANewHeader() {
    let selection = ListenerSelection(
      candidates: [
        .init(
          userID: "u1", displayName: "Eve\r\nBcc: victim@example.com", email: "eve@example.com",
          optedOut: false,
          picks: ["t0"], heard: [])
      ], recommender: Self.recommender, songs: Self.songs, count: 1)
    let header = selection.chosen[0].recipient.header
    #expect(!header.contains("\r") && !header.contains("\n"))
    #expect(header.hasSuffix("<eve@example.com>"))
  }
}
