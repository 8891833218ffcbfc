import EventStore
import ReportModel
import Workers

#if canImport(Glibc)
  import Glibc  // log2
#else
  import Darwin
#endif

/// Who engaged with each track, for the top tracks and artists and for novelty.
///
/// Definitions: an *engagement* is, as for genres, an `activity` row that names a catalog track
/// or a like of one; a *play* is an `activity` row of kind `play` that names one. For each range
/// and track: `events` = engagements, listeners = distinct users with an engagement, players =
/// distinct users with a play. An artist's listeners are the distinct users with an engagement
/// with any of the artist's tracks, its events the sum over those tracks.
///
/// State, in ``PairLog``s of (user, track × 2 + play): every pair ever seen (all time, no times
/// kept), with the all-time figures derived from it (``AllTimeAudience``), brought up to date
/// from the listeners with new pairs when the log is settled; the latest time of pairs seen in
/// the last 30 days (the last 30 and 7 days); and, for their previous periods, the latest time
/// within each previous period (see ``WindowEdges``), moved along when an incremental build
/// recounts the rows the edges passed. Memory follows distinct user–track pairs (about 2 bytes
/// each for all time), never events.
struct TrackAudience: Accumulator {
  static let stateVersion = 2

  func describe(into statistics: inout EngineStatistics) {
    statistics.userTrackPairs += pairs
    statistics.pairBytes += memory
  }

  /// How many tracks and artists the top lists hold.
  static let topCount = 20
  static let slots = Windows.slots.count

  private(set) var edges: WindowEdges
  /// Every (user, track × 2 + play) pair seen.
  private(set) var ever = PairLog(keepsTimes: false)
  /// The all-time listeners and players, counted from `ever` up to its last settling.
  private(set) var allTime: AllTimeAudience
  /// `[track]`: the catalog's artist of each track.
  private let artistOfTrack: [Int32]
  /// The same with the latest time, for sightings in the last 30 days.
  private(set) var recent = PairLog(keepsTimes: true)
  /// The same, latest time in the previous period of the last 7 days.
  private(set) var before7 = PairLog(keepsTimes: true)
  /// The same, latest time in the previous period of the last 30 days.
  private(set) var before30 = PairLog(keepsTimes: true)
  /// `[track * slots + slot]`: engagements.
  private(set) var events: [Int32]

  init(_ setup: AccumulatorSetup) {
    edges = setup.edges
    events = Array(repeating: 0, count: setup.catalog.trackCount * Self.slots)
    artistOfTrack = setup.catalog.artistOfTrack
    allTime = AllTimeAudience(
      tracks: setup.catalog.trackCount, artists: setup.catalog.artistNames.count)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    let asOf = try reader.read(Int64.self)
    edges = setup.edges
    ever = try PairLog(from: &reader)
    artistOfTrack = setup.catalog.artistOfTrack
    allTime = try AllTimeAudience(
      decoding: &reader, tracks: setup.catalog.trackCount,
      artists: setup.catalog.artistNames.count)
    recent = try PairLog(from: &reader)
    before7 = try PairLog(from: &reader)
    before30 = try PairLog(from: &reader)
    events = try reader.readArray(Int32.self)
    guard asOf == setup.edges.asOf, events.count == setup.catalog.trackCount * Self.slots else {
      throw StateError.damaged
    }
  }

  /// Writes the state (after ``settle()``, the logs are written as they are).
  func encode(into writer: inout BinaryWriter) {
    writer.write(edges.asOf)
    ever.encode(into: &writer)
    allTime.encode(into: &writer)
    recent.encode(into: &writer)
    before7.encode(into: &writer)
    before30.encode(into: &writer)
    writer.write(events)
  }

  /// Merges the logs' buffers, leaving out times that the edges have passed for good, and
  /// counts the listeners with new pairs into the all-time figures. The all-time log, the
  /// largest, is one half of the work for `loop`, the other logs the other.
  mutating func settle(_ loop: IndexLoop) {
    let allTime = Handover((ever, self.allTime))
    let artistOfTrack = self.artistOfTrack
    let others = Handover((recent, before7, before30))
    ever = PairLog(keepsTimes: false)
    (recent, before7, before30) = (
      PairLog(keepsTimes: true), PairLog(keepsTimes: true), PairLog(keepsTimes: true)
    )
    let stamp = UserPairs.stamp
    let (after30, after7, after60) = (
      stamp(edges.start(days: 30)), stamp(edges.previous(days: 7).after),
      stamp(edges.previous(days: 30).after)
    )
    let ((mergedEver, counted), mergedOthers) = IndexLoops.both(
      loop,
      {
        var (log, figures) = allTime.take()
        var counter = AllTimeAudience.Counter(figures, artistOfTrack: artistOfTrack)
        log.mergeReportingNew { pairs in counter.count(pairs) }
        return (log, counter.finish())
      },
      {
        var (recent, before7, before30) = others.take()
        recent.merge(keepingAfter: after30)
        before7.merge(keepingAfter: after7)
        before30.merge(keepingAfter: after60)
        return (recent, before7, before30)
      })
    (ever, self.allTime) = (mergedEver, counted)
    (recent, before7, before30) = mergedOthers
  }

  /// The pairs kept, in all four logs.
  var pairs: Int { ever.count + recent.count + before7.count + before30.count }

  /// The memory the pairs hold.
  var memory: Int {
    ever.memory + recent.memory + before7.memory + before30.memory + events.count * 4
  }

  @inline(__always)
  private mutating func engage(user: Int32, track: Int32, play: Bool, time: Int64, windows: Windows)
  {
    let key = track << 1 | (play ? 1 : 0)
    ever.see(user, key, at: time)
    if time > edges.start(days: 30) { recent.see(user, key, at: time) }
    crossed(user: user, key: key, time: time)
    count(track, in: windows, sign: 1)
  }

  /// Notes `time` against the edges of the ranges before the last 7 and 30 days.
  @inline(__always)
  private mutating func crossed(user: Int32, key: Int32, time: Int64) {
    let previous7 = edges.previous(days: 7)
    if time <= previous7.through && time > previous7.after { before7.see(user, key, at: time) }
    let previous30 = edges.previous(days: 30)
    if time <= previous30.through && time > previous30.after { before30.see(user, key, at: time) }
  }

  @inline(__always)
  private mutating func count(_ track: Int32, in windows: Windows, sign: Int32) {
    let base = Int(track) * Self.slots
    events.withUnsafeMutableBufferPointer { events in
      forEachSlot(windows) { slot in events[base + slot] &+= sign }
    }
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) {
    if track >= 0 { Engine.prefetch(events, Int(track) * Self.slots) }
    ever.prefetch(user: user)
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    guard row.track >= 0 else { return }
    engage(
      user: row.user, track: row.track, play: row.kind == .play, time: row.time,
      windows: event.windows)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    guard row.isLike else { return }
    engage(user: row.user, track: row.track, play: false, time: row.time, windows: event.windows)
  }

  mutating func advance(_ setup: AccumulatorSetup) { edges = setup.edges }

  /// Engagements and the all-time figures add up; the other listeners' (user, track) pairs are
  /// appended to each log, so distinct listeners per track and artist, counted at the finish for
  /// the other ranges, add up too.
  mutating func merge(_ other: TrackAudience, _ mapping: MergeMapping) {
    ever.append(other.ever, mapping)
    allTime.add(other.allTime)
    recent.append(other.recent, mapping)
    before7.append(other.before7, mapping)
    before30.append(other.before30, mapping)
    addCounts(other.events, to: &events)
  }

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
  struct Audience: Sendable {
    /// `[slot][track]`.
    var trackListeners: [[Int32]]
    /// `[slot][track]`.
    var trackPlayers: [[Int32]]
    /// `[slot][artist]`.
    var artistListeners: [[Int32]]

    /// Zero counts for `slots`, empty arrays for the other slots.
    init(slots: [Int], tracks: Int, artists: Int) {
      func zeros(_ count: Int) -> [[Int32]] {
        (0..<TrackAudience.slots).map {
          slots.contains($0) ? Array(repeating: 0, count: count) : []
        }
      }
      (trackListeners, trackPlayers, artistListeners) = (
        zeros(tracks), zeros(tracks), zeros(artists)
      )
    }

    /// Takes the counts of `other`'s slots.
    mutating func take(_ other: Audience, slots: [Int]) {
      for slot in slots {
        trackListeners[slot] = other.trackListeners[slot]
        trackPlayers[slot] = other.trackPlayers[slot]
        artistListeners[slot] = other.artistListeners[slot]
      }
    }
  }

  /// The distinct listeners and players of the last 30 and 7 days (slots 1 and 3): one pass
  /// over the log of the last 30 days. The larger half of ``audience(recent:previous:)``'s work.
  func recentAudience(_ catalog: Catalog) -> Audience {
    let stamp = UserPairs.stamp
    return Self.tally(
      recent, [(1, stamp(edges.start(days: 30))), (3, stamp(edges.start(days: 7)))], catalog)
  }

  /// The distinct listeners and players of the previous periods (slots 2 and 4): one pass over
  /// each of their logs. The other half of ``audience(recent:previous:)``'s work.
  func previousAudience(_ catalog: Catalog) -> Audience {
    let stamp = UserPairs.stamp
    return Self.tally(
      before30, [(2, stamp(edges.previous(days: 30).after))], catalog,
      also: [(before7, [(4, stamp(edges.previous(days: 7).after))])])
  }

  /// Every slot's distinct listeners and players: all time's as settled, the others from
  /// ``recentAudience(_:)`` and ``previousAudience(_:)`` (which a caller runs side by side with
  /// whatever else it has to do).
  func audience(recent: Audience, previous: Audience) -> Audience {
    var result = recent
    result.take(previous, slots: [2, 4])
    result.trackListeners[0] = allTime.trackListeners
    result.trackPlayers[0] = allTime.trackPlayers
    result.artistListeners[0] = allTime.artistListeners
    return result
  }

  /// Counts the users of `log` whose latest stamp is after each slot's threshold (`nil`: any),
  /// and those of the logs in `also` for their slots.
  private static func tally(
    _ log: PairLog, _ slots: [(slot: Int, after: UInt32?)], _ catalog: Catalog,
    also others: [(PairLog, [(slot: Int, after: UInt32?)])] = []
  ) -> Audience {
    let allSlots = (slots + others.flatMap(\.1)).map(\.slot)
    var result = Audience(
      slots: allSlots, tracks: catalog.trackCount, artists: catalog.artistNames.count)
    for (log, slots) in [(log, slots)] + others {
      AudienceTally.count(log, slots, catalog, into: &result)
    }
    return result
  }

  /// Adds the top tracks and artists to every range, and novelty to the quality figures.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let catalog = context.setup.catalog
    let minUsers = context.setup.options.minUsers
    let audience = context.audience
    let trackID = { (track: Int) in
      String(decoding: catalog.tracks.bytes(at: Int32(track)), as: UTF8.self)
    }
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
        listeners: audience.trackListeners[slot],
        events: (0..<catalog.trackCount).map { Int(events[$0 * Self.slots + slot]) },
        minUsers: minUsers
      ) {
        catalog.tracks.bytes(at: Int32($0)).lexicographicallyPrecedes(
          catalog.tracks.bytes(at: Int32($1)))
      }
    }
    func topArtists(_ slot: Int) -> [Int] {
      Self.top(
        listeners: audience.artistListeners[slot], events: artistEvents[slot], minUsers: minUsers
      ) {
        artistNames[$0].utf8.lexicographicallyPrecedes(artistNames[$1].utf8)
      }
    }
    var shownTracks: [[Int]] = []
    for range in RangeKey.allCases {
      shownTracks.append(topTracks(Windows.currentSlot(range)))
    }
    let details = try context.inputs.trackDetails(Array(Set(shownTracks.joined().map(trackID))))
    for (index, range) in RangeKey.allCases.enumerated() {
      let slot = Windows.currentSlot(range)
      let previousSlot = Windows.previousSlot(range)
      let previousTracks = previousSlot.map(topTracks) ?? []
      let previousArtists = previousSlot.map(topArtists) ?? []
      report.ranges[range].topTracks = shownTracks[index].enumerated().map { rank, track in
        let detail = details[trackID(track)]
        return TopTrack(
          trackId: ReportText.clean(trackID(track)), title: ReportText.clean(detail?.title ?? ""),
          artist: ReportText.clean(detail?.artist ?? ""),
          listeners: Int(audience.trackListeners[slot][track]),
          events: Int(events[track * Self.slots + slot]), rank: rank + 1,
          previousRank: previousTracks.firstIndex(of: track).map { $0 + 1 })
      }
      report.ranges[range].topArtists = topArtists(slot).enumerated().map { rank, artist in
        TopArtist(
          artist: artistNames[artist], listeners: Int(audience.artistListeners[slot][artist]),
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
  /// events, then `precedes` (by id or name). One pass that keeps the best so far in order: an
  /// entry that does not beat the last of them costs a comparison of two counts (sorting every
  /// candidate, 200,000 tracks, five times a build, took a third of a second).
  static func top(
    listeners: [Int32], events: [Int], minUsers: Int, precedes: (Int, Int) -> Bool
  ) -> [Int] {
    let shown = listeners.indices.lazy.filter { listeners[$0] >= max(minUsers, 1) }
    return TopSelection.first(topCount, of: shown) { a, b in
      if listeners[a] != listeners[b] { return listeners[a] > listeners[b] }
      if events[a] != events[b] { return events[a] > events[b] }
      return precedes(a, b)
    }
  }

  /// Novelty of one slot's ratings (see ``QualityReport/novelty``); `nil` without ratings.
  func novelty(slot: Int, players: [Int32], _ context: FinishContext) -> Double? {
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
