import EventStore
import Foundation
import ReportModel

/// Who engaged with each track, for the top tracks and artists and for novelty.
///
/// Definitions: an *engagement* is, as for genres, an `activity` row that names a catalog track
/// or a like of one; a *play* is an `activity` row of kind `play` that names one. For each range
/// and track: `events` = engagements, listeners = distinct users with an engagement, players =
/// distinct users with a play. An artist's listeners are the distinct users with an engagement
/// with any of the artist's tracks, its events the sum over those tracks.
///
/// State: (user, track × 2 + play) → the latest time, which answers the ranges that end at the
/// as-of time; and, for the ranges before them, the latest time at or before `asOf − 7 days`
/// (kept only when after `asOf − 14 days`) and at or before `asOf − 30 days` (only when after
/// `asOf − 60 days`), moved along when an incremental build recounts the rows the edges passed.
/// Memory follows distinct user–track pairs, never events.
struct TrackAudience: Accumulator {
  /// How many tracks and artists the top lists hold.
  static let topCount = 20
  static let slots = Windows.slots.count

  private(set) var edges: WindowEdges
  /// (user, track × 2 + play) → latest engagement time.
  private(set) var latest = UserPairs()
  /// The same, latest time in (asOf − 14 days, asOf − 7 days].
  private(set) var before7 = UserPairs()
  /// The same, latest time in (asOf − 60 days, asOf − 30 days].
  private(set) var before30 = UserPairs()
  /// `[track * slots + slot]`: engagements.
  private(set) var events: [Int32]

  init(_ setup: AccumulatorSetup) {
    edges = setup.edges
    events = Array(repeating: 0, count: setup.catalog.trackCount * Self.slots)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    edges = WindowEdges(asOf: try reader.read(Int64.self))
    latest = try UserPairs(from: &reader)
    before7 = try UserPairs(from: &reader)
    before30 = try UserPairs(from: &reader)
    events = try reader.readArray(Int32.self)
    guard edges == setup.edges, events.count == setup.catalog.trackCount * Self.slots else {
      throw StateError.damaged
    }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(edges.asOf)
    latest.encode(into: &writer)
    before7.encode(into: &writer)
    before30.encode(into: &writer)
    writer.write(events)
  }

  /// The pairs kept, in all three tables.
  var pairs: Int { latest.count + before7.count + before30.count }

  /// The memory the pairs hold.
  var memory: Int { latest.memory + before7.memory + before30.memory + events.count * 4 }

  @inline(__always)
  private mutating func engage(user: Int32, track: Int32, play: Bool, time: Int64, windows: Windows) {
    let key = track << 1 | (play ? 1 : 0)
    latest.see(user, key, at: time)
    crossed(user: user, key: key, time: time)
    count(track, in: windows, sign: 1)
  }

  /// Notes `time` against the edges of the ranges before the last 7 and 30 days.
  @inline(__always)
  private mutating func crossed(user: Int32, key: Int32, time: Int64) {
    if time <= edges.start(days: 7) && time > edges.start(days: 14) { before7.see(user, key, at: time) }
    if time <= edges.start(days: 30) && time > edges.start(days: 60) { before30.see(user, key, at: time) }
  }

  @inline(__always)
  private mutating func count(_ track: Int32, in windows: Windows, sign: Int32) {
    let base = Int(track) * Self.slots
    events.withUnsafeMutableBufferPointer { events in
      forEachSlot(windows) { slot in events[base + slot] &+= sign }
    }
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    guard row.track >= 0 else { return }
    engage(user: row.user, track: row.track, play: row.kind == .play, time: row.time, windows: event.windows)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    guard row.isLike else { return }
    engage(user: row.user, track: row.track, play: false, time: row.time, windows: event.windows)
  }

  mutating func advance(_ setup: AccumulatorSetup) { edges = setup.edges }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    guard row.track >= 0 else { return }
    crossed(user: row.user, key: row.track << 1 | (row.kind == .play ? 1 : 0), time: row.time)
    guard !move.isEmpty else { return }
    count(row.track, in: move.removed, sign: -1)
    count(row.track, in: move.added, sign: 1)
  }

  @inline(__always)
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {
    guard row.isLike else { return }
    crossed(user: row.user, key: row.track << 1, time: row.time)
    guard !move.isEmpty else { return }
    count(row.track, in: move.removed, sign: -1)
    count(row.track, in: move.added, sign: 1)
  }

  // MARK: Finish

  /// Distinct listeners (and players) per track and per artist, per window slot.
  struct Audience {
    /// `[slot][track]`.
    var trackListeners: [[Int]]
    /// `[slot][track]`.
    var trackPlayers: [[Int]]
    /// `[slot][artist]`.
    var artistListeners: [[Int]]
  }

  /// Counts every slot's distinct listeners and players in one pass over each pair table.
  func audience(_ catalog: Catalog) -> Audience {
    let tracks = catalog.trackCount
    let artists = catalog.artistNames.count
    var result = Audience(
      trackListeners: Array(repeating: Array(repeating: 0, count: tracks), count: Self.slots),
      trackPlayers: Array(repeating: Array(repeating: 0, count: tracks), count: Self.slots),
      artistListeners: Array(repeating: Array(repeating: 0, count: artists), count: Self.slots))
    let stamp = { (time: Int64) in UserPairs.stamp(time) }
    // The current windows: all (every pair), 30 and 7 days from the latest times.
    let current: [(slot: Int, after: UInt32?)] = [
      (0, nil), (1, stamp(edges.start(days: 30))), (3, stamp(edges.start(days: 7))),
    ]
    tally(latest, current, catalog, into: &result)
    tally(before30, [(2, stamp(edges.start(days: 60)))], catalog, into: &result)
    tally(before7, [(4, stamp(edges.start(days: 14)))], catalog, into: &result)
    return result
  }

  /// Adds the users of `pairs` whose latest time is after each slot's threshold.
  private func tally(
    _ pairs: UserPairs, _ slots: [(slot: Int, after: UInt32?)], _ catalog: Catalog,
    into result: inout Audience
  ) {
    // Per user: the latest engagement per artist, in a scratch table reset after each user.
    var artistLatest = [Int64](repeating: -1, count: catalog.artistNames.count)
    var touched: [Int32] = []
    var user: Int32 = -1
    var track: Int32 = -1
    var engaged: Int64 = -1
    func inside(_ time: Int64, _ after: UInt32?) -> Bool {
      guard time >= 0 else { return false }
      return after.map { UserPairs.stamp(time) > $0 } ?? true
    }
    func closeTrack() {
      guard track >= 0 else { return }
      for (slot, after) in slots where inside(engaged, after) { result.trackListeners[slot][Int(track)] += 1 }
      let artist = catalog.artistOfTrack[Int(track)]
      if artistLatest[Int(artist)] < 0 { touched.append(artist) }
      artistLatest[Int(artist)] = max(artistLatest[Int(artist)], engaged)
      track = -1
      engaged = -1
    }
    func closeUser() {
      closeTrack()
      for artist in touched {
        for (slot, after) in slots where inside(artistLatest[Int(artist)], after) {
          result.artistListeners[slot][Int(artist)] += 1
        }
        artistLatest[Int(artist)] = -1
      }
      touched.removeAll(keepingCapacity: true)
    }
    pairs.forEach { pairUser, key, time in
      if pairUser != user {
        closeUser()
        user = pairUser
      }
      if key >> 1 != track {
        closeTrack()
        track = key >> 1
      }
      engaged = max(engaged, time)
      if key & 1 == 1 {
        for (slot, after) in slots where inside(time, after) { result.trackPlayers[slot][Int(track)] += 1 }
      }
    }
    closeUser()
  }

  /// Adds the top tracks and artists to every range, and novelty to the quality figures.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let catalog = context.setup.catalog
    let minUsers = context.setup.options.minUsers
    let audience = audience(catalog)
    let trackIDs = (0..<catalog.trackCount).map { String(decoding: catalog.tracks.bytes(at: Int32($0)), as: UTF8.self) }
    let artistNames = catalog.artistNames.map(ReportText.clean)
    let artistEvents = (0..<Self.slots).map { slot in
      var sums = [Int](repeating: 0, count: artistNames.count)
      for track in 0..<catalog.trackCount {
        sums[Int(catalog.artistOfTrack[track])] += Int(events[track * Self.slots + slot])
      }
      return sums
    }
    func topTracks(_ slot: Int) -> [Int] {
      Self.top(
        listeners: audience.trackListeners[slot], events: (0..<catalog.trackCount).map { Int(events[$0 * Self.slots + slot]) },
        names: trackIDs, minUsers: minUsers)
    }
    func topArtists(_ slot: Int) -> [Int] {
      Self.top(listeners: audience.artistListeners[slot], events: artistEvents[slot], names: artistNames, minUsers: minUsers)
    }
    var shownTracks: [[Int]] = []
    for range in RangeKey.allCases {
      shownTracks.append(topTracks(Windows.currentSlot(range)))
    }
    let details = try context.inputs.trackDetails(Array(Set(shownTracks.joined().map { trackIDs[$0] })))
    for (index, range) in RangeKey.allCases.enumerated() {
      let slot = Windows.currentSlot(range)
      let previousSlot = Windows.previousSlot(range)
      let previousTracks = previousSlot.map(topTracks) ?? []
      let previousArtists = previousSlot.map(topArtists) ?? []
      report.ranges[range].topTracks = shownTracks[index].enumerated().map { rank, track in
        let detail = details[trackIDs[track]]
        return TopTrack(
          trackId: ReportText.clean(trackIDs[track]), title: ReportText.clean(detail?.title ?? ""),
          artist: ReportText.clean(detail?.artist ?? ""), listeners: audience.trackListeners[slot][track],
          events: Int(events[track * Self.slots + slot]), rank: rank + 1,
          previousRank: previousTracks.firstIndex(of: track).map { $0 + 1 })
      }
      report.ranges[range].topArtists = topArtists(slot).enumerated().map { rank, artist in
        TopArtist(
          artist: artistNames[artist], listeners: audience.artistListeners[slot][artist],
          events: artistEvents[slot][artist], rank: rank + 1,
          previousRank: previousArtists.firstIndex(of: artist).map { $0 + 1 })
      }
      report.ranges[range].quality?.novelty = novelty(
        slot: slot, players: audience.trackPlayers[slot], context)
      if let previousSlot {
        report.ranges[range].quality?.previous?.novelty = novelty(
          slot: previousSlot, players: audience.trackPlayers[previousSlot], context)
      }
    }
  }

  /// The indexes of the `topCount` entries with the most listeners (at least `minUsers`), then
  /// events, then name.
  static func top(listeners: [Int], events: [Int], names: [String], minUsers: Int) -> [Int] {
    let candidates = listeners.indices.filter { listeners[$0] >= minUsers && listeners[$0] > 0 }
    return Array(
      candidates.sorted {
        if listeners[$0] != listeners[$1] { return listeners[$0] > listeners[$1] }
        if events[$0] != events[$1] { return events[$0] > events[$1] }
        return names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8)
      }.prefix(topCount))
  }

  /// Novelty of one slot's ratings (see ``QualityReport/novelty``); `nil` without ratings.
  func novelty(slot: Int, players: [Int], _ context: FinishContext) -> Double? {
    let active = Double(1 + context.activeUsers[slot])
    var sum = 0.0
    var ratings = 0
    for track in players.indices {
      let rated = context.feedback.track(track, slot: slot)
      let count = rated.likes + rated.dislikes
      guard count > 0 else { continue }
      sum += Double(count) * -log2(Double(1 + players[track]) / active)
      ratings += count
    }
    return ratings > 0 ? Rounding.ratio(sum / Double(ratings)) : nil
  }
}
