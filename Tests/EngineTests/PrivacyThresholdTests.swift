import BuildPipeline
import Engine
import ReportModel
import Testing

@Suite("Groups backed by too few users are folded")
struct PrivacyThresholdTests {
  @Test func smallGenresAreFoldedAndCountedTogether() throws {
    let report = try SmallService.report(minUsers: 3)
    // All time: rock has 3 listeners; pop (u1, u2) and jazz (u3, u5) have 2 each. Together 4.
    #expect(report[.all].genres.map(\.genre) == ["rock"])
    #expect(report[.all].genresOther == FoldedGroups(groups: 2, users: 4, events: 5))
    #expect(report.minUsers == 3)
  }

  @Test func foldedGroupsTooSmallEvenTogetherShowOnlyTheirNumber() throws {
    let report = try SmallService.report(minUsers: 2)
    // 30 days: "Rock" by u1 and u2; "anthems" by u2 alone.
    #expect(report[.days30].words.map(\.term) == ["Rock"])
    #expect(report[.days30].wordsOther == FoldedGroups(groups: 1, users: nil))
  }

  @Test func ratedGroupsNeedDistinctRaters() throws {
    let feedback = try SmallService.report(minUsers: 2)[.days30].feedback
    // Raters in 30 days: rock u1, u3; pop u1; jazz u2. Pop and jazz fold into u1 + u2, with
    // pop's like and dislike and jazz's dislike.
    #expect(feedback.byGenre.map(\.name) == ["rock"])
    let other = try #require(feedback.byGenreOther)
    #expect(other == FoldedGroups(groups: 2, users: 2, likes: 1, dislikes: 2))
    #expect(other.likeRatio == 0.333333)
    // Sources: song by u1, u3; playlist by u2 alone. Models: rec-v2 by u1, u3; rec-v1 by u2.
    #expect(feedback.bySource.map(\.name) == ["song"])
    #expect(feedback.bySourceOther == FoldedGroups(groups: 1, users: nil))
    #expect(feedback.byModel.map(\.name) == ["rec-v2"])
  }

  @Test func tracksNeedDistinctRatersToBeRanked() throws {
    // One more like of t2, by u6, 50 days before the as-of time.
    var source = SmallService.source
    source.feedback.append(
      .init(
        id: 8, user: "u6", track: "t2", verdict: 1, time: SmallService.asOf - 50 * 86_400,
        model: "rec-v1"))
    let report = try SmallService.report(from: source, minUsers: 2)
    // 30 days: t1 rated twice by u1 only, t2 by u2, t3 by u3: none qualifies.
    #expect(report[.days30].feedback.mostLiked.isEmpty)
    #expect(report[.days30].feedback.mostDisliked.isEmpty)
    // All time: t2 was rated by u2 (a dislike), u5 and u6 (likes); t1 and t3 by one user each.
    #expect(report[.all].feedback.mostLiked.map(\.trackId) == ["t2"])
    #expect(report[.all].feedback.mostDisliked.isEmpty)
  }
}
