import Engine
import EventStore
import ReportModel
import Workers

/// What each listener searched for in one week, and what they had already heard: the input of
/// the weekly digest, read from a source in two passes through the same validators as a build.
///
/// The week is the dashboard's 7-day range for an as-of time: the 7 local days of `zone` ending
/// with the as-of day, up to the as-of time (see ``WindowEdges``; milliseconds repaired). A *pick* is a valid `search` row in the
/// week whose `track_id` names a catalog track. Playlist submissions are not used: the log keeps
/// only a playlist's title, not its tracks.
///
/// A listener's *heard* tracks are those they played (valid `play` rows) or rated (valid
/// `feedback` rows) at or before `asOf`, whenever that was: the digest never recommends them.
///
/// ```swift
/// let week = try source.read { try WeekOfSearches.read($0, asOf: end, zone: .utc) }
/// for listener in week.listeners { print(listener.userID, listener.picks) }
/// ```
public struct WeekOfSearches: Sendable {
  /// One listener who picked at least one track in the week.
  public struct Listener: Sendable, Equatable {
    /// The listener's `user_id`.
    public var userID: String
    /// The tracks they picked (``catalog`` indices), each once, the most recently picked first.
    public var picks: [Int32]
    /// Every track they played or rated up to the end of the week (``catalog`` indices,
    /// ascending).
    public var heard: [Int32]

    /// Creates a listener's week.
    public init(userID: String, picks: [Int32], heard: [Int32]) {
      self.userID = userID
      self.picks = picks
      self.heard = heard
    }
  }

  /// The end of the week (inclusive), Unix seconds.
  public var asOf: Int64
  /// The catalog the track indices refer to.
  public var catalog: Catalog
  /// Listeners who picked a track in the week, by user id.
  public var listeners: [Listener]
  /// Listeners who searched in the week without ever picking a track.
  public var searchedWithoutPick: Int

  /// Reads the week ending at `asOf` (days in `zone`) from `reader`: first the week's rows
  /// (through the `occurred_at` index), then every play and rating once to collect what the
  /// picking listeners heard — unless `played`, called once with the picking listeners' ids
  /// (their bytes) and the catalog as soon as the week's rows are read, gives them: what a
  /// build of the same cut, as-of time and catalog collected for those listeners
  /// (``ReportPipeline/buildCollectingPlays(from:options:cut:of:)``). Tracks of another cut,
  /// time, catalog or set of listeners are not used; the rows are read instead — with
  /// `alongside`, which opens the same source again, the lower half of each table's ids through
  /// that second connection at the same time (see ``readHeard``). `catalog`, when given, is the
  /// source's catalog, already loaded.
  public static func read(
    _ reader: some EventStream & CatalogReader, asOf: Int64, zone: ZoneRules,
    catalog: Catalog? = nil, alongside: (@Sendable () throws -> any EventSource)? = nil,
    played: ([[UInt8]], Catalog) throws -> PlayedTracks? = { _, _ in nil }
  ) throws -> WeekOfSearches {
    let cut = try reader.cut()
    let catalog = try catalog ?? reader.loadCatalog()
    var users = ByteInterner()
    var issues = RowIssueCounts()
    let start = WindowEdges(asOf: asOf, zone: zone).start(days: 7)

    // Pass 1: the week's searches. Picks keep (time, id) so that the latest comes first.
    var picks: [Int32: [(time: Int64, id: Int64, track: Int32)]] = [:]
    var searchers: Set<Int32> = []
    try reader.scanActivity(
      .times(after: start, through: asOf, idsThrough: cut.maxEventID), catalog: catalog, asOf: asOf,
      users: &users, issues: &issues
    ) { row in
      guard row.kind == .search, row.time > start else { return }
      searchers.insert(row.user)
      if row.track >= 0 { picks[row.user, default: []].append((row.time, row.id, row.track)) }
    }

    // Pass 2: every track a picking listener played or rated up to the end of the week.
    let pickers = Array(picks.keys)
    let ids = pickers.map { Array(users.bytes(at: $0)) }
    let heard: [[Int32]]
    if let collected = try played(ids, catalog),
      collected.applies(to: cut, asOf: asOf, catalog: catalog, listeners: ids)
    {
      heard = collected.tracks()
    } else {
      heard = try readHeard(
        reader, alongside: alongside, of: pickers, cut: cut, catalog: catalog, asOf: asOf,
        users: &users, issues: &issues)
    }
    let heardByUser = Dictionary(uniqueKeysWithValues: zip(pickers, heard))

    let listeners = picks.map { user, rows -> Listener in
      var seen: Set<Int32> = []
      let ordered = rows.sorted { ($0.time, $0.id) > ($1.time, $1.id) }.compactMap {
        seen.insert($0.track).inserted ? $0.track : nil
      }
      return Listener(
        userID: users.string(at: user), picks: ordered, heard: heardByUser[user] ?? [])
    }.sorted { $0.userID < $1.userID }
    return WeekOfSearches(
      asOf: asOf, catalog: catalog, listeners: listeners,
      searchedWithoutPick: searchers.subtracting(picks.keys).count)
  }

  /// For each of `pickers`, every track they played (valid `play` rows) or rated (valid
  /// `feedback` rows) up to the cut and `asOf`: catalog indices, ascending, each once. One pass
  /// over each table, as one array of `listener << 32 | track`, grouped once.
  ///
  /// With `alongside`, the rows with ids up to half of each table's highest id are read through
  /// a second connection on a thread of its own while `reader` reads the rest: the two halves
  /// are balanced when ids count up from 1 (an `INTEGER PRIMARY KEY`'s do), and whatever the
  /// ids, every row is read once, and rows sharing an id on the same side. The second connection
  /// opens after the first, so, as for the owners' build (see ``PlayedTracks``), a row below the
  /// cut written, changed or deleted in between is seen as that connection sees it.
  private static func readHeard(
    _ reader: some EventStream, alongside: (@Sendable () throws -> any EventSource)?,
    of pickers: [Int32], cut: EventCut, catalog: Catalog, asOf: Int64,
    users: inout ByteInterner, issues: inout RowIssueCounts
  ) throws -> [[Int32]] {
    var position = [Int32](repeating: -1, count: users.count)
    for (index, user) in pickers.enumerated() { position[Int(user)] = Int32(index) }
    let scan = HeardScan(position: position, catalog: catalog, asOf: asOf)
    var spans = (activity: IDSpan.upTo(cut.maxEventID), feedback: IDSpan.upTo(cut.maxFeedbackID))
    var lower: Background<Result<[UInt64], any Error>>?
    if let alongside {
      let middle = (
        min(cut.maxEventID / 2, cut.maxEventID), min(cut.maxFeedbackID / 2, cut.maxFeedbackID)
      )
      spans = (
        IDSpan(after: middle.0, through: cut.maxEventID),
        IDSpan(after: middle.1, through: cut.maxFeedbackID)
      )
      lower = Background { [users] in
        Result {
          try scan.pairs(
            in: alongside(), activity: .upTo(middle.0), feedback: .upTo(middle.1), users: users)
        }
      }
    }
    var pairs = try scan.pairs(
      reader, activity: spans.activity, feedback: spans.feedback, users: &users, issues: &issues)
    if let lower { pairs += try lower.value.get() }
    return PlayedTracks.grouped(pairs, listeners: pickers.count)
  }
}

/// One read of the plays and ratings of some ids, keeping the picking listeners' tracks as
/// `listener << 32 | track` (the listener's position among the pickers).
private struct HeardScan: Sendable {
  /// `[user]`: the picker's position, or −1; users interned later are no pickers.
  let position: [Int32]
  let catalog: Catalog
  let asOf: Int64

  /// The pairs of the `play` rows of `activity` and the rows of `feedback`, read by `reader`.
  func pairs(
    _ reader: some EventStream, activity: IDSpan, feedback: IDSpan,
    users: inout ByteInterner, issues: inout RowIssueCounts
  ) throws -> [UInt64] {
    var pairs: [UInt64] = []
    func heard(_ user: Int32, _ track: Int32) {
      if track >= 0, Int(user) < position.count, position[Int(user)] >= 0 {
        pairs.append(UInt64(UInt32(position[Int(user)])) << 32 | UInt64(UInt32(track)))
      }
    }
    // Only plays count: the source may leave out the searches, logins and playlists unread.
    try reader.scanActivity(
      .plays(activity), catalog: catalog, asOf: asOf, users: &users, issues: &issues
    ) { row in
      if row.kind == .play { heard(row.user, row.track) }
    }
    var labels = ByteInterner()
    try reader.scanFeedback(
      .ids(feedback), catalog: catalog, asOf: asOf, users: &users, labels: &labels,
      issues: &issues
    ) { row in
      heard(row.user, row.track)
    }
    return pairs
  }

  /// The same through a read of `source` of its own (its issues are not kept: the digest
  /// reports none), starting from `users` so that the pickers keep their numbers.
  func pairs(
    in source: some EventSource, activity: IDSpan, feedback: IDSpan, users: ByteInterner
  ) throws -> [UInt64] {
    try source.read { reader in
      var users = users
      var issues = RowIssueCounts()
      return try pairs(
        reader, activity: activity, feedback: feedback, users: &users, issues: &issues)
    }
  }
}
