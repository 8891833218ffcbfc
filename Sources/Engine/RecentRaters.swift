/// For every track, the `k` distinct users who rated it most recently, with the time of their
/// latest rating — enough to tell whether a track has at least `k` distinct raters in any range
/// that ends at the as-of time, with `tracks × k` memory.
///
/// A track has at least `k` distinct raters after `start` exactly when its `k` most recent
/// distinct raters all rated after `start`.
struct RecentRaters: Sendable {
  let k: Int
  private var users: [Int32]
  private var stamps: [UInt32]

  init(tracks: Int, k: Int) {
    self.k = max(1, k)
    users = Array(repeating: -1, count: tracks * self.k)
    stamps = Array(repeating: 0, count: tracks * self.k)
  }

  @inline(__always)
  mutating func see(track: Int32, user: Int32, at time: Int64) {
    let base = Int(track) * k
    let stamp = UserPairs.stamp(time)
    var oldest = base
    for slot in base..<(base + k) {
      if users[slot] == user {
        if stamps[slot] < stamp { stamps[slot] = stamp }
        return
      }
      if users[slot] < 0 {
        users[slot] = user
        stamps[slot] = stamp
        return
      }
      if stamps[slot] < stamps[oldest] { oldest = slot }
    }
    if stamp > stamps[oldest] {
      users[oldest] = user
      stamps[oldest] = stamp
    }
  }

  /// Keeps, for every track, the `k` most recent of both tables' raters (the other's users
  /// moved by `mapping`). The two sets of raters are disjoint, so the `k` most recent distinct
  /// raters of the union are the `k` latest of the two tables' entries together; which of several
  /// raters with the same time is kept does not change ``hasEnoughRaters(track:after:)``.
  mutating func merge(_ other: RecentRaters, _ mapping: MergeMapping) {
    precondition(other.k == k && other.users.count == users.count, "raters of another build")
    var entries: [(user: Int32, stamp: UInt32)] = []
    for base in stride(from: 0, to: users.count, by: k) {
      entries.removeAll(keepingCapacity: true)
      for slot in base..<(base + k) {
        if users[slot] >= 0 { entries.append((users[slot], stamps[slot])) }
        if other.users[slot] >= 0 {
          entries.append((mapping.user(other.users[slot]), other.stamps[slot]))
        }
      }
      entries.sort { $0.stamp != $1.stamp ? $0.stamp > $1.stamp : $0.user < $1.user }
      for index in 0..<k {
        users[base + index] = index < entries.count ? entries[index].user : -1
        stamps[base + index] = index < entries.count ? entries[index].stamp : 0
      }
    }
  }

  /// The bytes the table holds.
  var memory: Int { users.count * 4 + stamps.count * 4 }

  /// Whether `track` has at least `k` distinct raters after `start` (exclusive; `nil` = ever).
  func hasEnoughRaters(track: Int, after start: Int64?) -> Bool {
    let threshold = start.map { UserPairs.stamp($0) }
    for slot in (track * k)..<(track * k + k) {
      guard users[slot] >= 0 else { return false }
      if let threshold, stamps[slot] <= threshold { return false }
    }
    return true
  }
}

extension RecentRaters {
  func encode(into writer: inout BinaryWriter) {
    writer.write(Int64(k))
    writer.write(users)
    writer.write(stamps)
  }

  init(from reader: inout BinaryReader) throws {
    k = Int(try reader.read(Int64.self))
    users = try reader.readArray(Int32.self)
    stamps = try reader.readArray(UInt32.self)
    guard k > 0, users.count == stamps.count, users.count % k == 0 else { throw StateError.damaged }
  }
}
