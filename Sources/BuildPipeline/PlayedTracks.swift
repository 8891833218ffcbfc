import Engine
import EventStore

/// What every listener played or rated, collected while a full build counts its rows: the
/// `(listener, track)` pairs of the valid `play` rows and of the valid ratings, in the build's
/// numbering of listeners and the catalog's of tracks — exactly the rows ``WeekOfSearches``
/// calls *heard*, when the build's cut, as-of time and catalog are the week's.
///
/// A weekly digest with an owners' report runs such a build anyway, so it takes its listeners'
/// heard tracks from it instead of reading every play and rating a second time.
public struct PlayedTracks: Sendable {
  /// The highest ids the build read up to.
  public let cut: EventCut
  /// The build's as-of time: no later row was counted.
  public let asOf: Int64
  /// The fingerprint of the catalog the track numbers index.
  public let catalogFingerprint: UInt64
  /// `listener << 32 | track`, in the order the rows were counted, repeats kept.
  private let pairs: PairChunks
  /// The build's listeners, numbered as in `pairs`.
  private let users: ByteInterner

  init(
    cut: EventCut, asOf: Int64, catalogFingerprint: UInt64, pairs: PairChunks,
    users: ByteInterner
  ) {
    (self.cut, self.asOf, self.catalogFingerprint) = (cut, asOf, catalogFingerprint)
    (self.pairs, self.users) = (pairs, users)
  }

  /// Whether these pairs are what a read of `cut` as of `asOf` over `catalog` would collect.
  public func apply(to cut: EventCut, asOf: Int64, catalog: Catalog) -> Bool {
    self.cut == cut && self.asOf == asOf && catalogFingerprint == catalog.fingerprint
  }

  /// For each of `userIDs` (distinct), the tracks they played or rated (catalog indices,
  /// ascending, each once); empty for a listener the build never saw.
  public func tracks(of userIDs: [String]) -> [[Int32]] {
    // The build's number of each listener asked about → their position in `userIDs`.
    var position = [Int32](repeating: -1, count: users.count)
    for (index, id) in userIDs.enumerated() {
      if let user = users.index(of: id) { position[Int(user)] = Int32(index) }
    }
    return Self.grouped(pairs.all, listeners: userIDs.count) { position[Int($0)] }
  }

  /// Each listener's tracks, ascending and each once, from `pairs` of `user << 32 | track`
  /// whose `listener(user)` is a listener's number (below `listeners`) or −1 (not asked about).
  ///
  /// A counting sort by listener (two passes over the pairs), then each listener's few tracks
  /// sorted on their own: no sort of millions of pairs.
  static func grouped(
    _ pairs: some Sequence<UInt64>, listeners: Int, listener: (Int32) -> Int32
  ) -> [[Int32]] {
    var start = [Int](repeating: 0, count: listeners + 1)
    for pair in pairs {
      let owner = listener(Int32(truncatingIfNeeded: pair >> 32))
      if owner >= 0 { start[Int(owner) + 1] += 1 }
    }
    for index in 0..<listeners { start[index + 1] += start[index] }
    var next = start
    var tracks = [Int32](repeating: 0, count: start[listeners])
    for pair in pairs {
      let owner = listener(Int32(truncatingIfNeeded: pair >> 32))
      guard owner >= 0 else { continue }
      tracks[next[Int(owner)]] = Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF)
      next[Int(owner)] += 1
    }
    return (0..<listeners).map { index in
      var own = Array(tracks[start[index]..<start[index + 1]])
      own.sort()
      var kept = 0
      for index in own.indices where kept == 0 || own[kept - 1] != own[index] {
        own[kept] = own[index]
        kept += 1
      }
      own.removeLast(own.count - kept)
      return own
    }
  }
}

/// The pairs a scan collects (``ParallelScan``), on the counting thread: appended in chunks of a
/// fixed size, so that millions of them are never copied to grow an array (which would hold the
/// old and the new copy at once).
struct PairChunks: Sendable {
  /// Pairs per chunk: 8 MB.
  static let chunk = 1 << 20
  private var chunks: [[UInt64]] = []

  /// Counts an activity row: a `play` of a catalog track.
  mutating func add(_ row: ActivityRow) {
    if row.kind == .play && row.track >= 0 { append(row.user, row.track) }
  }

  /// Counts a rating of a catalog track.
  mutating func add(_ row: FeedbackRow) {
    if row.track >= 0 { append(row.user, row.track) }
  }

  private mutating func append(_ user: Int32, _ track: Int32) {
    if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunk {
      chunks.append([])
      chunks[chunks.count - 1].reserveCapacity(Self.chunk)
    }
    chunks[chunks.count - 1].append(UInt64(UInt32(user)) << 32 | UInt64(UInt32(track)))
  }

  /// Every pair, in the order they were added.
  var all: FlattenSequence<[[UInt64]]> { chunks.joined() }
}
