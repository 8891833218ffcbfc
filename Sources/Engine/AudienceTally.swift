import EventStore

/// One pass over a ``PairLog`` in (user, key) order that counts, for one or two window slots,
/// the distinct listeners and players of every track and the distinct listeners of every
/// artist: each user's tracks, then their artists (through the latest stamp per artist, reset
/// after each user).
///
/// A slot counts a pair whose stamp is after its threshold (every pair, for a slot without
/// one). The finish runs this over every pair of the all-time log (10 million at W10M), where
/// the time goes to cache misses: so everything a pair touches for its track — the artist and
/// both slots' counts — is one record of a flat table, and everything for its artist another,
/// written through pointers (no per-pair bounds or uniqueness checks of nested arrays).
struct AudienceTally: ~Copyable {
  /// A track's artist and its counts in the first and second slot.
  private struct TrackRecord {
    var artist: Int32
    var listeners: (Int32, Int32) = (0, 0)
    var players: (Int32, Int32) = (0, 0)
  }

  /// An artist's latest stamp for the current user (−1: none) and its counts in both slots.
  private struct ArtistRecord {
    var latest: Int64 = -1
    var listeners: (Int32, Int32) = (0, 0)
  }

  /// Stamps above these fall in the first and second slot (−1: every stamp, which is 0 or
  /// more; `Int64.max`: none, for a tally of one slot).
  private let after: (Int64, Int64)
  private let tracks: UnsafeMutableBufferPointer<TrackRecord>
  private let artists: UnsafeMutableBufferPointer<ArtistRecord>
  /// The artists whose ``ArtistRecord/latest`` the current user set.
  private var touched: [Int32] = []
  private var user: Int32 = -1
  private var track: Int32 = -1
  private var engaged: Int64 = -1

  /// Counts every pair of `log` into `slots` (one or two of them) of `result`, replacing what
  /// those slots held.
  static func count(
    _ log: PairLog, _ slots: [(slot: Int, after: UInt32?)], _ catalog: Catalog,
    into result: inout TrackAudience.Audience
  ) {
    precondition((1...2).contains(slots.count), "a tally counts one or two slots")
    let thresholds = slots.map { $0.after.map { Int64($0) } ?? -1 }
    var tally = AudienceTally(
      after: (thresholds[0], thresholds.count > 1 ? thresholds[1] : .max), catalog: catalog)
    log.forEachPair { user, key, stamp in tally.see(user: user, key: key, stamp: stamp) }
    tally.closeUser()
    for (position, slot) in slots.map(\.slot).enumerated() {
      tally.write(second: position == 1, into: &result, slot: slot)
    }
  }

  private init(after: (Int64, Int64), catalog: Catalog) {
    self.after = after
    tracks = .allocate(capacity: catalog.trackCount)
    for (index, artist) in catalog.artistOfTrack.enumerated() {
      (tracks.baseAddress! + index).initialize(to: TrackRecord(artist: artist))
    }
    artists = .allocate(capacity: catalog.artistNames.count)
    artists.initialize(repeating: ArtistRecord())
  }

  deinit {
    tracks.deallocate()
    artists.deallocate()
  }

  /// Copies the counts of the first or the `second` position into `result`'s `slot`.
  private func write(second: Bool, into result: inout TrackAudience.Audience, slot: Int) {
    func pick(_ pair: (Int32, Int32)) -> Int32 { second ? pair.1 : pair.0 }
    result.trackListeners[slot] = tracks.map { pick($0.listeners) }
    result.trackPlayers[slot] = tracks.map { pick($0.players) }
    result.artistListeners[slot] = artists.map { pick($0.listeners) }
  }

  @inline(__always)
  private mutating func see(user pairUser: Int32, key: Int32, stamp: UInt32) {
    if pairUser != user {
      closeUser()
      user = pairUser
    }
    if key >> 1 != track {
      closeTrack()
      track = key >> 1
    }
    let stamp = Int64(stamp)
    engaged = max(engaged, stamp)
    if key & 1 == 1 {
      let record = tracks.baseAddress! + Int(track)
      if stamp > after.0 { record.pointee.players.0 &+= 1 }
      if stamp > after.1 { record.pointee.players.1 &+= 1 }
    }
  }

  @inline(__always)
  private mutating func closeTrack() {
    guard track >= 0 else { return }
    let record = tracks.baseAddress! + Int(track)
    if engaged > after.0 { record.pointee.listeners.0 &+= 1 }
    if engaged > after.1 { record.pointee.listeners.1 &+= 1 }
    let artist = artists.baseAddress! + Int(record.pointee.artist)
    if artist.pointee.latest < 0 { touched.append(record.pointee.artist) }
    artist.pointee.latest = max(artist.pointee.latest, engaged)
    track = -1
    engaged = -1
  }

  private mutating func closeUser() {
    closeTrack()
    for index in touched {
      let artist = artists.baseAddress! + Int(index)
      if artist.pointee.latest > after.0 { artist.pointee.listeners.0 &+= 1 }
      if artist.pointee.latest > after.1 { artist.pointee.listeners.1 &+= 1 }
      artist.pointee.latest = -1
    }
    touched.removeAll(keepingCapacity: true)
  }
}
