import Engine
import EventStore

/// What some listeners played or rated, collected while a full build reads its rows: the
/// tracks of their valid `play` rows and of their valid ratings — what ``WeekOfSearches`` calls
/// *heard*, when the build's cut, as-of time and catalog are the week's and it read the same
/// rows up to that cut.
///
/// The build reads through its own connection, so "the same rows" is what a log that is only
/// appended to gives: a row below the cut that was written (on PostgreSQL a transaction can
/// commit an id below one already read), changed or deleted between the two reads is counted as
/// the build saw it. And in a table without unique ids, a play sharing its id with a search
/// read before it is skipped as a repeat by the build, which reads both, and kept by
/// ``WeekOfSearches``' own read, which reads only the plays.
///
/// A weekly digest with an owners' report runs such a build anyway, so it takes its picking
/// listeners' heard tracks from it instead of reading every play and rating a second time.
public struct PlayedTracks: Sendable {
  /// The highest ids the build read up to.
  public let cut: EventCut
  /// The build's as-of time: no later row was counted.
  public let asOf: Int64
  /// The fingerprint of the catalog the track numbers index.
  public let catalogFingerprint: UInt64
  /// The listeners asked about (their user ids' bytes), in the order of ``tracks()``.
  public let listeners: [[UInt8]]
  /// `listener << 32 | track` (the listener's position in `listeners`), repeats kept.
  private let pairs: PairChunks

  init(
    cut: EventCut, asOf: Int64, catalogFingerprint: UInt64, listeners: [[UInt8]],
    pairs: PairChunks
  ) {
    (self.cut, self.asOf, self.catalogFingerprint) = (cut, asOf, catalogFingerprint)
    (self.listeners, self.pairs) = (listeners, pairs)
  }

  /// Whether these tracks were collected up to `cut`, as of `asOf`, over `catalog`, for
  /// `listeners` (see above for what the cut does not pin).
  public func applies(
    to cut: EventCut, asOf: Int64, catalog: Catalog, listeners: [[UInt8]]
  ) -> Bool {
    self.cut == cut && self.asOf == asOf && catalogFingerprint == catalog.fingerprint
      && self.listeners == listeners
  }

  /// For each of ``listeners``, the tracks they played or rated (catalog indices, ascending,
  /// each once); empty for a listener the build never saw.
  public func tracks() -> [[Int32]] {
    Self.grouped(pairs.all, listeners: listeners.count)
  }

  /// Each listener's tracks, ascending and each once, from `pairs` of `listener << 32 | track`
  /// (listeners numbered from 0 to `listeners` − 1).
  ///
  /// A counting sort by listener (two passes over the pairs), then each listener's few tracks
  /// sorted on their own: no sort of millions of pairs.
  static func grouped(_ pairs: some Sequence<UInt64>, listeners: Int) -> [[Int32]] {
    var start = [Int](repeating: 0, count: listeners + 1)
    for pair in pairs { start[Int(pair >> 32) + 1] += 1 }
    for index in 0..<listeners { start[index + 1] += start[index] }
    var next = start
    var tracks = [Int32](repeating: 0, count: start[listeners])
    for pair in pairs {
      let owner = Int(pair >> 32)
      tracks[next[owner]] = Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF)
      next[owner] += 1
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

/// The plays and ratings of some listeners, collected by a scan's reading thread
/// (``ParallelScan``) as it validates the rows: the scan's numbers of users are mapped to the
/// listeners' positions as new users appear, and pairs are appended in chunks of a fixed size, so
/// that millions of them are never copied to grow an array.
struct PlayCollector: Sendable {
  /// Pairs per chunk: 8 MB.
  static let chunk = 1 << 20
  /// The listeners asked about; a listener's index here is its position.
  private let listeners: ByteInterner
  /// `[scan's user]`: the user's position among the listeners, or −1.
  private var position: [Int32] = []
  /// What was collected.
  private(set) var pairs = PairChunks()

  /// A collector of the plays and ratings of `listeners` (distinct user ids' bytes).
  init(listeners: [[UInt8]]) {
    var interned = ByteInterner()
    for id in listeners { _ = id.withUnsafeBytes { interned.intern($0) } }
    self.listeners = interned
  }

  /// Maps the users `users` holds beyond those already seen; called after each batch is
  /// validated, before its rows are collected.
  mutating func catchUp(with users: ByteInterner) {
    while position.count < users.count {
      let bytes = users.bytes(at: Int32(position.count))
      position.append(bytes.withUnsafeBytes { listeners.index(of: $0) } ?? -1)
    }
  }

  /// Collects a valid activity row: a `play` of a catalog track by one of the listeners.
  @inline(__always)
  mutating func add(user: Int32, kind: ActivityKind, track: Int32) {
    if kind == .play { add(user: user, track: track) }
  }

  /// Collects a valid rating (or a play) of a catalog track by one of the listeners.
  @inline(__always)
  mutating func add(user: Int32, track: Int32) {
    guard track >= 0 else { return }
    let listener = position[Int(user)]
    if listener >= 0 { pairs.append(listener, track) }
  }
}

/// Pairs of `listener << 32 | track` in chunks of ``PlayCollector/chunk``.
struct PairChunks: Sendable {
  private var chunks: [[UInt64]] = []

  mutating func append(_ listener: Int32, _ track: Int32) {
    if chunks.isEmpty || chunks[chunks.count - 1].count == PlayCollector.chunk {
      chunks.append([])
      chunks[chunks.count - 1].reserveCapacity(PlayCollector.chunk)
    }
    chunks[chunks.count - 1].append(UInt64(UInt32(listener)) << 32 | UInt64(UInt32(track)))
  }

  /// Every pair, in the order they were added.
  var all: FlattenSequence<[[UInt64]]> { chunks.joined() }
}
