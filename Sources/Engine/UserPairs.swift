import EventStore

/// For each user, the things they touched — genres, terms, labels — with the latest time they
/// touched each: (user, genre) → last engagement, (user, term) → last use. Distinct users of a
/// genre or term in the last N days are the pairs touched after the range's start, counted at
/// the end.
///
/// Each user's pairs are a small vector sorted by the second key, 8 bytes per pair (the key in
/// the high 32 bits, the time in the low 32 bits), so memory follows the number of distinct
/// pairs and an update touches one user's few cache lines. The vectors are chunks of large
/// pages in size classes that grow by about half; a chunk a list outgrows is reused by the next
/// list of its size, so nothing needs compacting. Times are stored as seconds since 2000-01-01
/// in 32 bits (valid event times end in 2100).
struct UserPairs: Sendable {
  /// Where a user's list lives: a chunk of one page.
  struct Head: Sendable {
    var page: UInt32 = 0
    var offset: UInt32 = 0
    var count: UInt32 = 0
    var capacity: UInt32 = 0
  }

  /// Entries per page. A list never spans two pages.
  static let pageSize = 1 << 18

  /// Chunk capacities: 4, 6, 8, 12, 16, 24, … (about half again each time), up to a page.
  static let sizeClasses: [Int] = {
    var sizes = [4]
    while sizes.last! < pageSize {
      let next = sizes.last! + max(2, sizes.last! / 2)
      sizes.append(min(next - next % 2, pageSize))
    }
    return sizes
  }()

  private var heads: [Head] = []
  private var pages: [[UInt64]] = []
  /// Entries used in the last page.
  private var used = 0
  /// Chunks that lists outgrew, by size class, ready for reuse.
  private var free: [[(page: UInt32, offset: UInt32)]] = Array(
    repeating: [], count: sizeClasses.count)
  /// The number of distinct pairs.
  private(set) var count = 0

  init() {}

  @inline(__always)
  static func stamp(_ time: Int64) -> UInt32 {
    UInt32(truncatingIfNeeded: max(0, time - EventTime.earliest))
  }

  @inline(__always)
  static func time(_ stamp: UInt32) -> Int64 { Int64(stamp) + EventTime.earliest }

  /// The bytes the pairs hold: pages and heads.
  var memory: Int { pages.count * Self.pageSize * 8 + heads.count * MemoryLayout<Head>.stride }

  /// The list of `user`, as a buffer valid during `body`.
  private func withList<T>(_ head: Head, _ body: (UnsafeBufferPointer<UInt64>) -> T) -> T {
    pages[Int(head.page)].withUnsafeBufferPointer { page in
      body(UnsafeBufferPointer(rebasing: page[Int(head.offset)..<Int(head.offset + head.count)]))
    }
  }

  /// Starts loading where the list of `user` is kept (see ``prefetch(_:_:)``).
  @inline(__always)
  func prefetch(user: Int32) { Engine.prefetch(heads, Int(user)) }

  /// Records that `user` touched `second` at `time`, keeping the latest time.
  @inline(__always)
  mutating func see(_ user: Int32, _ second: Int32, at time: Int64) {
    let u = Int(user)
    if u >= heads.count {
      heads.append(
        contentsOf: repeatElement(Head(), count: max(u + 1 - heads.count, heads.count / 2 + 64)))
    }
    let key = UInt64(UInt32(bitPattern: second))
    let entry = key << 32 | UInt64(Self.stamp(time))
    var head = heads[u]
    if head.capacity > 0 {
      // Binary search for the first entry whose key is not below `key`, and update it in place.
      let found: Int? = pages[Int(head.page)].withUnsafeMutableBufferPointer { page in
        let base = Int(head.offset)
        var low = 0
        var high = Int(head.count)
        while low < high {
          let mid = (low + high) >> 1
          if page[base + mid] >> 32 < key { low = mid + 1 } else { high = mid }
        }
        if low < Int(head.count) && page[base + low] >> 32 == key {
          if page[base + low] < entry { page[base + low] = entry }
          return nil
        }
        return low
      }
      guard let position = found else { return }
      if head.count == head.capacity { head = relocate(head, to: Int(head.capacity) + 1) }
      insert(entry, at: position, in: &head)
    } else {
      head = allocate(capacity: 1)
      insert(entry, at: 0, in: &head)
    }
    heads[u] = head
    count += 1
  }

  @inline(__always)
  private mutating func insert(_ entry: UInt64, at position: Int, in head: inout Head) {
    pages[Int(head.page)].withUnsafeMutableBufferPointer { page in
      let base = Int(head.offset)
      var index = Int(head.count)
      while index > position {
        page[base + index] = page[base + index - 1]
        index -= 1
      }
      page[base + position] = entry
    }
    head.count += 1
  }

  /// An empty chunk that holds at least `needed` entries: a freed one of its size class, or a
  /// new one at the end of the last page (or of a new page).
  private mutating func allocate(capacity needed: Int) -> Head {
    let sizeClass = Self.sizeClasses.firstIndex { $0 >= needed } ?? Self.sizeClasses.count - 1
    let capacity = Self.sizeClasses[sizeClass]
    if let chunk = free[sizeClass].popLast() {
      return Head(page: chunk.page, offset: chunk.offset, count: 0, capacity: UInt32(capacity))
    }
    if pages.isEmpty || used + capacity > Self.pageSize {
      // The tail of the last page stays unused: at most one size class of waste per page.
      pages.append([UInt64](repeating: 0, count: Self.pageSize))
      used = 0
    }
    let head = Head(
      page: UInt32(pages.count - 1), offset: UInt32(used), count: 0, capacity: UInt32(capacity))
    used += capacity
    return head
  }

  /// Moves a full list to a chunk of the next size class; its old chunk is freed for reuse.
  private mutating func relocate(_ old: Head, to needed: Int) -> Head {
    var head = allocate(capacity: needed)
    // Through a small copy: the two chunks may be on two pages of the same array.
    let entries = withList(old) { Array($0) }
    pages[Int(head.page)].withUnsafeMutableBufferPointer { page in
      for (index, entry) in entries.enumerated() { page[Int(head.offset) + index] = entry }
    }
    head.count = old.count
    let oldClass = Self.sizeClasses.firstIndex(of: Int(old.capacity))!
    free[oldClass].append((old.page, old.offset))
    return head
  }

  /// Every user's list, in user order.
  private func forEachList(_ body: (Int, UnsafeBufferPointer<UInt64>) -> Void) {
    for (user, head) in heads.enumerated() where head.count > 0 {
      withList(head) { body(user, $0) }
    }
  }

  /// The latest time `user` touched `second`, or `nil`.
  func lastSeen(_ user: Int32, _ second: Int32) -> Int64? {
    let u = Int(user)
    guard u < heads.count, heads[u].count > 0 else { return nil }
    let key = UInt64(UInt32(bitPattern: second))
    return withList(heads[u]) { list in
      for entry in list where entry >> 32 == key {
        return Self.time(UInt32(truncatingIfNeeded: entry))
      }
      return nil
    }
  }

  /// For each start (exclusive; `nil` = ever), how many distinct users touched each `second`
  /// (0 ..< seconds) after it — distinct users per genre, per term, per label — in one pass.
  func distinctUsers(after starts: [Int64?], seconds: Int) -> [[Int]] {
    // As stamps: a start of `nil` is -1, below every stamp.
    let thresholds = starts.map { start in start.map { Int64(Self.stamp($0)) } ?? -1 }
    let ranges = thresholds.count
    var flat = [Int](repeating: 0, count: ranges * seconds)
    flat.withUnsafeMutableBufferPointer { counts in
      forEachList { _, list in
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
    forEachList { _, list in
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

  /// Appends another set of listeners' pairs: its user `u` becomes `mapping.user(u)`, its keys
  /// become `key(k)` (a one-to-one map, so no two pairs of a user meet), each user's list
  /// sorted again by the new keys.
  mutating func append(_ other: UserPairs, _ mapping: MergeMapping, key: (Int32) -> Int32) {
    let end = mapping.userOffset + min(other.heads.count, mapping.users)
    if heads.count > mapping.userOffset { heads.removeLast(heads.count - mapping.userOffset) }
    heads.append(contentsOf: repeatElement(Head(), count: end - heads.count))
    var entries: [UInt64] = []
    other.forEachList { user, list in
      guard user < mapping.users else { return }
      entries.removeAll(keepingCapacity: true)
      for entry in list {
        let moved = UInt64(UInt32(bitPattern: key(Int32(truncatingIfNeeded: entry >> 32))))
        entries.append(moved << 32 | entry & 0xFFFF_FFFF)
      }
      entries.sort()
      var head = allocate(capacity: entries.count)
      pages[Int(head.page)].withUnsafeMutableBufferPointer { page in
        for (index, entry) in entries.enumerated() { page[Int(head.offset) + index] = entry }
      }
      head.count = UInt32(entries.count)
      heads[mapping.userOffset + user] = head
      count += entries.count
    }
  }

  /// Calls `body` with every pair and its latest time, by user.
  func forEach(_ body: (_ user: Int32, _ second: Int32, _ time: Int64) -> Void) {
    forEachList { user, list in
      for entry in list {
        body(
          Int32(user), Int32(truncatingIfNeeded: entry >> 32),
          Self.time(UInt32(truncatingIfNeeded: entry)))
      }
    }
  }
}

extension UserPairs {
  /// Writes every user's list: the counts, then the entries one after the other.
  func encode(into writer: inout BinaryWriter) {
    writer.write(heads.map(\.count))
    var entries: [UInt64] = []
    entries.reserveCapacity(min(count, Self.pageSize))
    writer.write(Int64(count))
    forEachList { _, list in
      entries.append(contentsOf: list)
      if entries.count >= Self.pageSize {
        writer.writeRaw(entries)
        entries.removeAll(keepingCapacity: true)
      }
    }
    writer.writeRaw(entries)
  }

  init(from reader: inout BinaryReader) throws {
    let counts = try reader.readArray(UInt32.self)
    let total = Int(try reader.read(Int64.self))
    guard total == counts.reduce(0, { $0 + Int($1) }),
      counts.allSatisfy({ Int($0) <= Self.pageSize })
    else { throw StateError.damaged }
    heads = Array(repeating: Head(), count: counts.count)
    for (user, entries) in counts.enumerated() where entries > 0 {
      var head = allocate(capacity: Int(entries))
      // Straight into the user's chunk, then checked there.
      try pages[Int(head.page)].withUnsafeMutableBufferPointer { page in
        let list = UnsafeMutableBufferPointer(
          rebasing: page[Int(head.offset)..<Int(head.offset) + Int(entries)])
        try reader.readRaw(into: list)
        guard zip(list, list.dropFirst()).allSatisfy({ $0 >> 32 < $1 >> 32 }) else {
          throw StateError.damaged
        }
      }
      head.count = entries
      heads[user] = head
    }
    count = total
  }
}
