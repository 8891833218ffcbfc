/// Where each user's stretch of a ``PairLog/Run`` begins, so that a merge can copy the
/// stretches of users without new pairs as they are and rewrite only the others
/// (``RunWriter/copy(_:users:)``).
///
/// Per user with pairs in the run, in order: the user, the byte offset of its first entry,
/// the keys of its first and last pairs, and how many entries come before it — 20 bytes a user
/// (2 MB for W10M's 99,000 listeners). Offsets and counts are 32-bit: a run of 4 GiB or more
/// has no index (``isUsable`` is false), and merges then rewrite it whole.
struct RunIndex: Sendable {
  private(set) var users: [UInt32] = []
  private(set) var offsets: [UInt32] = []
  private(set) var firstKeys: [UInt32] = []
  private(set) var lastKeys: [UInt32] = []
  private(set) var entriesBefore: [UInt32] = []
  /// At most the smallest stamp of the run (`UInt32.max` when it has none): a merge that keeps
  /// only stamps after a threshold below it keeps every pair, and can copy stretches.
  private(set) var minimumStamp = UInt32.max
  /// Whether every offset and count fitted in 32 bits.
  private(set) var isUsable = true

  /// The number of users.
  var count: Int { users.count }

  /// The bytes its arrays hold.
  var memory: Int {
    users.capacity * 4 + offsets.capacity * 4 + firstKeys.capacity * 4 + lastKeys.capacity * 4
      + entriesBefore.capacity * 4
  }

  /// Notes the entry at byte `offset`, the `entry`-th of the run, holding `pair` and `stamp`;
  /// `previous` is the pair of the entry before it (ignored for the first).
  @inline(__always)
  mutating func note(_ pair: UInt64, stamp: UInt32, after previous: UInt64, offset: Int, entry: Int)
  {
    note(stamp: stamp)
    guard entry == 0 || pair >> 32 != previous >> 32 else { return }
    if entry > 0 { close(last: previous) }
    startUser(pair, offset: offset, entry: entry)
  }

  /// Notes `last` as the last pair of the current user (at the end of the run).
  mutating func close(last: UInt64) {
    guard isUsable, !lastKeys.isEmpty else { return }
    lastKeys[lastKeys.count - 1] = UInt32(truncatingIfNeeded: last)
  }

  private mutating func startUser(_ pair: UInt64, offset: Int, entry: Int) {
    guard isUsable else { return }
    guard offset <= Int(UInt32.max) && entry <= Int(UInt32.max) else {
      isUsable = false
      (users, offsets, firstKeys, lastKeys, entriesBefore) = ([], [], [], [], [])
      return
    }
    users.append(UInt32(truncatingIfNeeded: pair >> 32))
    offsets.append(UInt32(truncatingIfNeeded: offset))
    firstKeys.append(UInt32(truncatingIfNeeded: pair))
    lastKeys.append(UInt32(truncatingIfNeeded: pair))
    entriesBefore.append(UInt32(truncatingIfNeeded: entry))
  }

  /// Lowers the minimum stamp to `stamp` if it is smaller.
  @inline(__always)
  mutating func note(stamp: UInt32) { minimumStamp = min(minimumStamp, stamp) }

  /// Appends user `position` of `other`, its first entry now at byte `offset` and with
  /// `entry` entries before it.
  mutating func append(_ other: RunIndex, _ position: Int, offset: Int, entry: Int) {
    startUser(other.firstPair(position), offset: offset, entry: entry)
    close(last: other.lastPair(position))
  }

  /// The position of the first user at or after `user`, searching from `start`.
  func position(of user: UInt32, from start: Int) -> Int {
    var (low, high) = (start, users.count)
    while low < high {
      let middle = (low + high) / 2
      if users[middle] < user { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The pair of user `position`'s first entry, and of its last.
  func firstPair(_ position: Int) -> UInt64 {
    UInt64(users[position]) << 32 | UInt64(firstKeys[position])
  }

  func lastPair(_ position: Int) -> UInt64 {
    UInt64(users[position]) << 32 | UInt64(lastKeys[position])
  }

  /// The bytes that users `positions` take in a run of `bytes` bytes.
  func bytes(of positions: Range<Int>, in bytes: Int) -> Range<Int> {
    Int(
      offsets[positions.lowerBound])..<(positions.upperBound < count
      ? Int(offsets[positions.upperBound]) : bytes)
  }

  /// The entries of users `positions` in a run of `entries` entries.
  func entries(of positions: Range<Int>, in entries: Int) -> Int {
    (positions.upperBound < count ? Int(entriesBefore[positions.upperBound]) : entries)
      - Int(entriesBefore[positions.lowerBound])
  }
}
