import EventStore

/// For each user, the things they touched — genres, terms, labels — with the latest time they
/// touched each: (user, genre) → last engagement, (user, term) → last use. Distinct users of a
/// genre or term in the last N days are the pairs touched after `asOf − N days`, counted at the
/// end.
///
/// Each user's pairs are a small vector sorted by the second key, 8 bytes per pair (the key in
/// the high 32 bits, the time in the low 32 bits), so memory follows the number of distinct
/// pairs and an update touches one user's few cache lines. Times are stored as seconds since
/// 2000-01-01 in 32 bits (valid event times end in 2100).
struct UserPairs: Sendable {
  private var lists: [[UInt64]] = []
  /// The number of distinct pairs.
  private(set) var count = 0

  init() {}

  @inline(__always)
  static func stamp(_ time: Int64) -> UInt32 {
    UInt32(truncatingIfNeeded: max(0, time - EventTime.earliest))
  }

  @inline(__always)
  static func time(_ stamp: UInt32) -> Int64 { Int64(stamp) + EventTime.earliest }

  /// The bytes the pairs hold (capacity included, array headers estimated).
  var memory: Int { lists.reduce(0) { $0 + $1.capacity * 8 + 32 } }

  /// Records that `user` touched `second` at `time`, keeping the latest time.
  @inline(__always)
  mutating func see(_ user: Int32, _ second: Int32, at time: Int64) {
    let u = Int(user)
    if u >= lists.count {
      lists.append(contentsOf: repeatElement([], count: max(u + 1 - lists.count, lists.count / 2 + 64)))
    }
    let key = UInt64(UInt32(bitPattern: second))
    let stamp = UInt64(Self.stamp(time))
    let inserted: Bool = lists[u].withUnsafeMutableBufferPointer { list in
      // Binary search for the first entry whose key is not below `key`.
      var low = 0
      var high = list.count
      while low < high {
        let mid = (low + high) >> 1
        if list[mid] >> 32 < key { low = mid + 1 } else { high = mid }
      }
      if low < list.count && list[low] >> 32 == key {
        if list[low] & 0xFFFF_FFFF < stamp { list[low] = key << 32 | stamp }
        return false
      }
      return true
    }
    guard inserted else { return }
    var low = 0
    var high = lists[u].count
    while low < high {
      let mid = (low + high) >> 1
      if lists[u][mid] >> 32 < key { low = mid + 1 } else { high = mid }
    }
    lists[u].insert(key << 32 | stamp, at: low)
    count += 1
  }

  /// The latest time `user` touched `second`, or `nil`.
  func lastSeen(_ user: Int32, _ second: Int32) -> Int64? {
    let u = Int(user)
    guard u < lists.count else { return nil }
    let key = UInt64(UInt32(bitPattern: second))
    for entry in lists[u] where entry >> 32 == key { return Self.time(UInt32(truncatingIfNeeded: entry)) }
    return nil
  }

  /// For each start (exclusive; `nil` = ever), how many distinct users touched each `second`
  /// (0 ..< seconds) after it — distinct users per genre, per term, per label — in one pass.
  func distinctUsers(after starts: [Int64?], seconds: Int) -> [[Int]] {
    // As stamps: a start of `nil` is -1, below every stamp.
    let thresholds = starts.map { start in start.map { Int64(Self.stamp($0)) } ?? -1 }
    let ranges = thresholds.count
    var flat = [Int](repeating: 0, count: ranges * seconds)
    flat.withUnsafeMutableBufferPointer { counts in
      for list in lists {
        for entry in list {
          let second = Int(truncatingIfNeeded: entry >> 32)
          guard second < seconds else { continue }
          let stamp = Int64(entry & 0xFFFF_FFFF)
          for range in 0..<ranges where stamp > thresholds[range] {
            counts[range * seconds + second] += 1
          }
        }
      }
    }
    return (0..<ranges).map { Array(flat[($0 * seconds)..<(($0 + 1) * seconds)]) }
  }

  /// For each query — a start (exclusive; `nil` = ever) and the groups it marks
  /// (`groups[second]`) — how many distinct users touched any marked group after the start:
  /// the users behind a set of folded groups. One pass answers every query.
  func distinctUsers(_ queries: [(start: Int64?, groups: [Bool])]) -> [Int] {
    let active = queries.map { $0.groups.contains(true) }
    var counts = Array(repeating: 0, count: queries.count)
    guard active.contains(true) else { return counts }
    let thresholds = queries.map { query in query.start.map { UInt64(Self.stamp($0)) } ?? 0 }
    var found = Array(repeating: false, count: queries.count)
    for list in lists where !list.isEmpty {
      for query in found.indices { found[query] = false }
      for entry in list {
        let second = Int(entry >> 32)
        let stamp = entry & 0xFFFF_FFFF
        for query in queries.indices where active[query] && !found[query] {
          let groups = queries[query].groups
          if second < groups.count && groups[second] && stamp > thresholds[query] {
            found[query] = true
          }
        }
      }
      for query in found.indices where found[query] { counts[query] += 1 }
    }
    return counts
  }

  /// Calls `body` with every pair and its latest time, by user.
  func forEach(_ body: (_ user: Int32, _ second: Int32, _ time: Int64) -> Void) {
    for (user, list) in lists.enumerated() {
      for entry in list {
        body(Int32(user), Int32(truncatingIfNeeded: entry >> 32), Self.time(UInt32(truncatingIfNeeded: entry)))
      }
    }
  }
}

extension UserPairs {
  func encode(into writer: inout BinaryWriter) {
    writer.write(lists)
  }

  init(from reader: inout BinaryReader) throws {
    lists = try reader.readLists()
    count = lists.reduce(0) { $0 + $1.count }
  }
}
