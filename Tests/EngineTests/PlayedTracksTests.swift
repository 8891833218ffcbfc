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

  /// Reads the week ending at `asOf` from the rows (`split`: the lower half of the ids through
  /// a second connection), or (with `options`) from the plays and ratings a build with
  /// `options` up to `cut` collects for the week's picking listeners; returns the week and what
  /// the build collected.
  static func week(
    _ fixture: Fixture, asOf: Int64, split: Bool = false, build options: ReportOptions? = nil,
    cut: EventCut? = nil
  ) throws -> (week: WeekOfSearches, played: PlayedTracks?) {
    var collected: PlayedTracks?
    let path = fixture.database
    let reopen: @Sendable () throws -> any EventSource = { try SourceDatabase(path: path) }
    let alongside = split ? reopen : nil
    let week = try SourceDatabase(path: path).read { reader in
      try WeekOfSearches.read(reader, asOf: asOf, zone: .utc, alongside: alongside) { ids, _ in
        guard let options else { return nil }
        collected = try ReportPipeline.buildCollectingPlays(
          from: SourceDatabase(path: fixture.database), options: options, cut: cut, of: ids
        ).played
        return collected
      }
    }
    return (week, collected)
  }

  /// Whether `played` applies to the week `fixture` holds as of `asOf`.
  static func applies(_ played: PlayedTracks, _ fixture: Fixture, asOf: Int64) throws -> Bool {
    try SourceDatabase(path: fixture.database).read { reader in
      played.applies(
        to: try reader.cut(), asOf: asOf, catalog: try reader.loadCatalog(),
        listeners: played.listeners)
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
      cut: nil, of: ["ana", "bob", "nobody"].map { Array($0.utf8) })
    // Catalog indices of t2, t3 and t4 (the catalog is in track-id order: t1 is 0); bob's t1.
    #expect(try #require(played).tracks() == [[1, 2, 3], [0], []])

    let scanned = try Self.week(fixture, asOf: Self.asOf).week
    let fromBuild = try Self.week(fixture, asOf: Self.asOf, build: ReportOptions(asOf: Self.asOf))
    #expect(scanned.listeners == [.init(userID: "ana", picks: [0], heard: [1, 2, 3])])
    // Split at half the highest ids: activity ids 1–4 (t2 twice, t3) through the second
    // connection, 5–8 and the one rating (t4) through the first.
    #expect(
      try Self.week(fixture, asOf: Self.asOf, split: true).week.listeners == scanned.listeners)
    #expect(try Self.applies(try #require(fromBuild.played), fixture, asOf: Self.asOf))
    #expect(fromBuild.played?.listeners == [Array("ana".utf8)])
    #expect(fromBuild.week.listeners == scanned.listeners)
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
    let scanned = try Self.week(fixture, asOf: asOf).week
    let (fromBuild, played) = try Self.week(fixture, asOf: asOf, build: options)
    #expect(try Self.week(fixture, asOf: asOf, split: true).week.listeners == scanned.listeners)
    #expect(try Self.applies(try #require(played), fixture, asOf: asOf))
    #expect(scanned.listeners.count > 20)
    #expect(scanned.listeners.filter { !$0.heard.isEmpty }.count > 20)
    #expect(fromBuild.listeners.count == scanned.listeners.count)
    let differing = zip(fromBuild.listeners, scanned.listeners).filter { $0 != $1 }.map(\.0.userID)
    #expect(differing.isEmpty, "listeners whose week differs: \(differing.prefix(5))")
    #expect(fromBuild.searchedWithoutPick == scanned.searchedWithoutPick)
    // Collecting changes nothing in the report.
    let source = try SourceDatabase(path: fixture.database)
    let ids = scanned.listeners.map { Array($0.userID.utf8) }
    #expect(
      try ReportPipeline.build(from: source, options: options) { _ in [:] }
        == ReportPipeline.buildCollectingPlays(from: source, options: options, cut: nil, of: ids)
        .report)
  }

  @Test func tracksOfAnotherCutOrTimeAreNotUsed() throws {
    let fixture = try IncrementalBuildTests.demo()
    let asOf = DemoOptions().end - 2 * 86_400
    let cut = try SourceDatabase(path: fixture.database).read { try $0.cut() }
    // Half the history: many of the week's listeners' plays lie beyond it.
    let earlier = EventCut(maxEventID: cut.maxEventID / 2, maxFeedbackID: cut.maxFeedbackID / 2)
    let scanned = try Self.week(fixture, asOf: asOf).week
    var collected: [PlayedTracks] = []
    for (pinned, time) in [(earlier, asOf), (cut, asOf - 3_600)] {
      let (week, played) = try Self.week(
        fixture, asOf: asOf, build: ReportOptions(asOf: time, clusters: 0), cut: pinned)
      let tracks = try #require(played)
      #expect(try !Self.applies(tracks, fixture, asOf: asOf))
      #expect(week.listeners == scanned.listeners)
      collected.append(tracks)
    }
    // The earlier cut's tracks do differ: used, they would have changed the week.
    let heard = Dictionary(uniqueKeysWithValues: scanned.listeners.map { ($0.userID, $0.heard) })
    let first = collected[0]
    #expect(
      first.tracks()
        != first.listeners.map { heard[String(decoding: $0, as: UTF8.self)] ?? [] })
  }
}
