import Testing

@testable import Engine

/// The all-time listeners counted from one listener's pairs at a time, worked by hand. Tracks 0
/// and 1 are by artist 0, track 2 by artist 1; a key is track × 2 + 1 for a play, track × 2
/// for another engagement.
@Suite("AllTimeAudience")
struct AllTimeAudienceTests {
  static let artistOfTrack: [Int32] = [0, 0, 1]

  static func count(_ listeners: [[(key: Int32, isNew: Bool)]], from start: AllTimeAudience)
    -> AllTimeAudience
  {
    var counter = AllTimeAudience.Counter(start, artistOfTrack: artistOfTrack)
    for pairs in listeners {
      let userPairs = pairs.map { PairLog.UserPair(key: $0.key, isNew: $0.isNew) }
      userPairs.withUnsafeBufferPointer { counter.count($0) }
    }
    return counter.finish()
  }

  @Test func aListenersNewPairsCountOnlyWhatTheyAdd() {
    // Listener A had engaged with track 0 before; now plays track 0 (a new play key), engages
    // with track 1 (same artist: no new artist listener) and plays track 2 (a new artist).
    // Listener B is new: a search pick of track 1, then its play — one listener, one player.
    let counted = Self.count(
      [
        [(0, false), (1, true), (2, true), (5, true)],
        [(2, true), (3, true)],
      ], from: AllTimeAudience(tracks: 3, artists: 2))
    // Track 0: A was counted before (0 new listeners) but is a new player (1).
    // Track 1: A and B are new listeners (2), B a new player (1).
    // Track 2: A is a new listener and player.
    // Artist 0: A had track 0 before (0), B is new (1). Artist 1: A (1).
    #expect(counted.trackListeners == [0, 2, 1])
    #expect(counted.trackPlayers == [1, 1, 1])
    #expect(counted.artistListeners == [1, 1])
  }

  @Test func figuresBuildUpAcrossBuildsAndAddAcrossPartitions() {
    // First build: listener A engages with tracks 0 and 1 (one artist listener).
    let first = Self.count([[(0, true), (2, true)]], from: AllTimeAudience(tracks: 3, artists: 2))
    #expect(first.trackListeners == [1, 1, 0] && first.artistListeners == [1, 0])
    // Next build: A's old pairs are counted; A's new engagement with track 2 adds artist 1.
    let second = Self.count([[(0, false), (2, false), (4, true)]], from: first)
    #expect(second.trackListeners == [1, 1, 1] && second.artistListeners == [1, 1])
    // Another partition's listeners add up.
    var merged = second
    merged.add(first)
    #expect(merged.trackListeners == [2, 2, 1] && merged.artistListeners == [2, 1])
    #expect(merged.trackPlayers == [0, 0, 0])
  }
}
