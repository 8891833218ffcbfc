import BuildPipeline
import DemoData
import Engine
import EventStore
import Foundation
import ReportModel
import SQLiteSource
import TestSupport
import Testing

/// The plays and ratings a build collects are the heard tracks of ``WeekOfSearches``' own read,
/// and are used only for the cut, as-of time and catalog they were collected for.
@Suite("Played tracks")
struct PlayedTracksTests {
  /// 2026-11-29 23:59:59 UTC, the end of the hand-made week.
  static let asOf: Int64 = 1_795_996_799

  /// Reads the week ending at `asOf`, from the rows or (with `played`) from a build's pairs.
  static func week(_ fixture: Fixture, asOf: Int64, played: PlayedTracks? = nil) throws
    -> WeekOfSearches
  {
    try SourceDatabase(path: fixture.database).read { reader in
      try WeekOfSearches.read(
        reader, asOf: asOf, zone: .utc, played: played.map { pairs in { pairs } })
    }
  }

  @Test func theHeardTracksAreThePlaysAndRatingsUpToTheWeeksEnd() throws {
    var sql: [String] = []
    for n in 1...6 {
      sql.append("INSERT INTO tracks (track_id, title, artist) VALUES ('t\(n)', 'S\(n)', 'A');")
    }
    func activity(_ user: String, _ kind: String, _ track: String?, _ time: Int64) {
      sql.append(
        "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES ('\(user)', '\(kind)', \(time), 'q', \(track.map { "'\($0)'" } ?? "NULL"));"
      )
    }
    let inWeek = Self.asOf - 86_400
    // ana picks t1. She played t2 (twice), played t3 as "Play " (normalised to a play), rated
    // t4, searched t5 (a search is not a play), and played t6 after the week's end.
    activity("ana", "search", "t1", inWeek)
    activity("ana", "play", "t2", inWeek - 400 * 86_400)
    activity("ana", "play", "t2", inWeek)
    activity("ana", "Play ", "t3", inWeek)
    activity("ana", "search", "t5", inWeek - 30 * 86_400)
    activity("ana", "play", "t6", Self.asOf + 1)
    activity("ana", "play", "t-unknown", inWeek)
    sql.append(
      "INSERT INTO feedback (user_id, track_id, verdict, occurred_at) VALUES ('ana', 't4', -1, \(inWeek));"
    )
    // bob picks nothing but played t1: not a picker, so not asked about.
    activity("bob", "play", "t1", inWeek)
    let fixture = try Fixture(sql: sql.joined(separator: "\n"))

    let (_, played) = try ReportPipeline.buildCollectingPlays(
      from: SourceDatabase(path: fixture.database), options: ReportOptions(asOf: Self.asOf),
      cut: nil)
    let collected = try #require(played)
    // Catalog indices of t2, t3 and t4 (the catalog is in track-id order: t1 is 0).
    #expect(collected.tracks(of: ["ana", "bob", "nobody"]) == [[1, 2, 3], [0], []])

    let scanned = try Self.week(fixture, asOf: Self.asOf)
    let fromBuild = try Self.week(fixture, asOf: Self.asOf, played: collected)
    #expect(scanned.listeners == [.init(userID: "ana", picks: [0], heard: [1, 2, 3])])
    #expect(fromBuild.listeners == scanned.listeners)
  }

  @Test func aBuildsPairsGiveTheWeekOfARowByRowRead() throws {
    let fixture = try IncrementalBuildTests.demo()
    var random = SplitMix64(seed: 21)
    let end = DemoOptions().end
    // Late, broken and unusual rows among the demo's, some after the week's end.
    for _ in 0..<3 {
      try fixture.execute(
        IncrementalBuildTests.batch(after: end - 5 * 86_400, shift: 8 * 86_400, random: &random))
    }
    let asOf = end - 2 * 86_400
    let options = ReportOptions(asOf: asOf, minRatings: 3, minUsers: 2, clusters: 0)
    let source = try SourceDatabase(path: fixture.database)
    let (report, played) = try ReportPipeline.buildCollectingPlays(
      from: source, options: options, cut: nil)
    let pairs = try #require(played)
    let scanned = try Self.week(fixture, asOf: asOf)
    let fromBuild = try Self.week(fixture, asOf: asOf, played: pairs)
    #expect(scanned.listeners.count > 20)
    #expect(scanned.listeners.filter { !$0.heard.isEmpty }.count > 20)
    #expect(fromBuild.listeners.count == scanned.listeners.count)
    let differing = zip(fromBuild.listeners, scanned.listeners).filter { $0 != $1 }.map(\.0.userID)
    #expect(differing.isEmpty, "listeners whose week differs: \(differing.prefix(5))")
    #expect(fromBuild.searchedWithoutPick == scanned.searchedWithoutPick)
    // Collecting changes nothing in the report.
    #expect(try ReportPipeline.build(from: source, options: options) { _ in [:] } == report)
  }

  @Test func pairsOfAnotherCutOrTimeAreNotUsed() throws {
    let fixture = try IncrementalBuildTests.demo()
    let asOf = DemoOptions().end - 2 * 86_400
    let source = try SourceDatabase(path: fixture.database)
    let cut = try source.read { try $0.cut() }
    let catalog = try source.read { try $0.loadCatalog() }
    // Half the history: many of the week's listeners' plays lie beyond it.
    let earlier = EventCut(maxEventID: cut.maxEventID / 2, maxFeedbackID: cut.maxFeedbackID / 2)
    let scanned = try Self.week(fixture, asOf: asOf)
    for (pinned, time) in [(earlier, asOf), (cut, asOf - 3_600)] {
      let (_, played) = try ReportPipeline.buildCollectingPlays(
        from: source, options: ReportOptions(asOf: time, clusters: 0), cut: pinned)
      let pairs = try #require(played)
      #expect(!pairs.apply(to: cut, asOf: asOf, catalog: catalog))
      #expect(try Self.week(fixture, asOf: asOf, played: pairs).listeners == scanned.listeners)
    }
    // The pairs of the earlier cut do differ: used, they would have changed the week.
    let (_, earlierPlayed) = try ReportPipeline.buildCollectingPlays(
      from: source, options: ReportOptions(asOf: asOf, clusters: 0), cut: earlier)
    let pickers = scanned.listeners.map(\.userID)
    #expect(
      try #require(earlierPlayed).tracks(of: pickers) != scanned.listeners.map(\.heard))
  }
}
