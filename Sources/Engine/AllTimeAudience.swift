/// The all-time figures of ``TrackAudience``: the distinct listeners and players of every track
/// and the distinct listeners of every artist, over every (user, track × 2 + play) pair ever
/// seen. Kept in the state and brought up to date from the listeners a build adds pairs for
/// (``PairLog/mergeReportingNew(_:)``), so that a rebuild costs what those listeners' pairs
/// cost, never a pass over all 10 million pairs of W10M.
///
/// For one listener whose pairs are marked new (not counted before) or not:
/// - a track gains a listener when none of its two keys was counted before, and a player when
///   its play key is new;
/// - an artist gains a listener when one of its tracks gained the listener and none of its
///   tracks had a counted pair of that listener.
///
/// Listeners of different partitions are different people, so the figures of two partitions'
/// states add up (``add(_:)``).
struct AllTimeAudience: Sendable {
  /// `[track]`: distinct users with an engagement.
  private(set) var trackListeners: [Int32]
  /// `[track]`: distinct users with a play.
  private(set) var trackPlayers: [Int32]
  /// `[artist]`: distinct users with an engagement with any of the artist's tracks.
  private(set) var artistListeners: [Int32]

  /// No listener yet, for `tracks` tracks and `artists` artists.
  init(tracks: Int, artists: Int) {
    trackListeners = Array(repeating: 0, count: tracks)
    trackPlayers = trackListeners
    artistListeners = Array(repeating: 0, count: artists)
  }

  /// Restores what ``encode(into:)`` wrote for a catalog of `tracks` tracks and `artists`
  /// artists.
  /// - Throws: ``StateError/damaged`` when the sizes do not fit.
  init(decoding reader: inout BinaryReader, tracks: Int, artists: Int) throws {
    trackListeners = try reader.readArray(Int32.self)
    trackPlayers = try reader.readArray(Int32.self)
    artistListeners = try reader.readArray(Int32.self)
    guard trackListeners.count == tracks, trackPlayers.count == tracks,
      artistListeners.count == artists
    else { throw StateError.damaged }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(trackListeners)
    writer.write(trackPlayers)
    writer.write(artistListeners)
  }

  /// Adds the figures of another, disjoint set of listeners.
  mutating func add(_ other: AllTimeAudience) {
    for (index, count) in other.trackListeners.enumerated() { trackListeners[index] += count }
    for (index, count) in other.trackPlayers.enumerated() { trackPlayers[index] += count }
    for (index, count) in other.artistListeners.enumerated() { artistListeners[index] += count }
  }

  /// Counts listeners' new pairs, one listener at a time, for the tracks' artists
  /// `artistOfTrack`.
  struct Counter: ~Copyable {
    private var audience: AllTimeAudience
    private let artistOfTrack: [Int32]
    /// `[artist]`: the number of the last listener who had a counted pair with the artist, and
    /// of the last one the artist gained (listeners are numbered from 1 as they are counted).
    private var hadBefore: [Int32]
    private var gained: [Int32]
    private var listener: Int32 = 0
    /// The tracks the current listener is new to.
    private var newTracks: [Int32] = []

    init(_ audience: consuming AllTimeAudience, artistOfTrack: [Int32]) {
      self.audience = audience
      self.artistOfTrack = artistOfTrack
      hadBefore = Array(repeating: 0, count: self.audience.artistListeners.count)
      gained = hadBefore
    }

    /// Counts one listener's pairs, in key order (a track's two keys side by side). The
    /// artists are looked at only when the listener is new to a track.
    mutating func count(_ pairs: UnsafeBufferPointer<PairLog.UserPair>) {
      newTracks.removeAll(keepingCapacity: true)
      var index = 0
      while index < pairs.count {
        let track = pairs[index].key >> 1
        var counted = false
        while index < pairs.count && pairs[index].key >> 1 == track {
          let pair = pairs[index]
          counted = counted || !pair.isNew
          if pair.isNew && pair.key & 1 == 1 { audience.trackPlayers[Int(track)] += 1 }
          index += 1
        }
        if !counted {
          audience.trackListeners[Int(track)] += 1
          newTracks.append(track)
        }
      }
      guard !newTracks.isEmpty else { return }
      listener += 1
      for pair in pairs where !pair.isNew {
        hadBefore[Int(artistOfTrack[Int(pair.key >> 1)])] = listener
      }
      for track in newTracks {
        let artist = Int(artistOfTrack[Int(track)])
        if hadBefore[artist] != listener && gained[artist] != listener {
          gained[artist] = listener
          audience.artistListeners[artist] += 1
        }
      }
    }

    /// The figures with every listener counted.
    consuming func finish() -> AllTimeAudience { audience }
  }
}
