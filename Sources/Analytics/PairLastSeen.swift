import EventStore

/// For pairs of small integers — (user, genre), (user, term) — the latest time the pair was
/// seen. Distinct users of a genre or term in the last N days are then the pairs seen after
/// `asOf − N days`, counted once at the end.
///
/// An open-addressing hash table over two flat arrays: 12 bytes a slot, no per-entry objects.
/// Times are stored as seconds since 2000-01-01 in 32 bits (valid event times end in 2100).
struct PairLastSeen: Sendable {
  private var keys: [UInt64]
  private var stamps: [UInt32]
  private(set) var count = 0
  private var mask: Int
  /// `64 − log2(size)`: Fibonacci hashing takes the top bits of the product, which depend on
  /// every bit of the key.
  private var shift: UInt64

  private static let empty = UInt64.max

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: Self.empty, count: size)
    stamps = Array(repeating: 0, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  @inline(__always)
  private func slot(of key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  @inline(__always)
  static func key(_ first: Int32, _ second: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
  }

  @inline(__always)
  static func stamp(_ time: Int64) -> UInt32 {
    UInt32(truncatingIfNeeded: max(0, time - EventTime.earliest))
  }

  @inline(__always)
  static func time(_ stamp: UInt32) -> Int64 { Int64(stamp) + EventTime.earliest }

  /// Records that `(first, second)` was seen at `time`, keeping the latest time.
  @inline(__always)
  mutating func see(_ first: Int32, _ second: Int32, at time: Int64) {
    let key = Self.key(first, second)
    let stamp = Self.stamp(time)
    var slot = slot(of: key)
    while true {
      let found = keys[slot]
      if found == key {
        if stamps[slot] < stamp { stamps[slot] = stamp }
        return
      }
      if found == Self.empty {
        keys[slot] = key
        stamps[slot] = stamp
        count += 1
        if count * 10 > keys.count * 7 { grow() }
        return
      }
      slot = (slot + 1) & mask
    }
  }

  /// The latest time `(first, second)` was seen, or `nil`.
  func lastSeen(_ first: Int32, _ second: Int32) -> Int64? {
    let key = Self.key(first, second)
    var slot = slot(of: key)
    while true {
      let found = keys[slot]
      if found == key { return Self.time(stamps[slot]) }
      if found == Self.empty { return nil }
      slot = (slot + 1) & mask
    }
  }

  /// How many distinct `first` values were seen with each `second` after `start` (exclusive;
  /// `nil` = ever): distinct users per genre, per term, per label.
  func distinctFirsts(after start: Int64?, seconds: Int) -> [Int] {
    var counts = Array(repeating: 0, count: seconds)
    let threshold = start ?? Int64.min
    forEach { _, second, time in
      if time > threshold && Int(second) < seconds { counts[Int(second)] += 1 }
    }
    return counts
  }

  /// How many distinct `first` values were seen after `start` (exclusive; `nil` = ever) with
  /// any `second` for which `include` holds: the users behind a set of groups.
  func distinctFirsts(after start: Int64?, where include: (Int32) -> Bool) -> Int {
    var firsts: Set<Int32> = []
    let threshold = start ?? Int64.min
    forEach { first, second, time in
      if time > threshold && include(second) { firsts.insert(first) }
    }
    return firsts.count
  }

  /// Calls `body` with every pair and its latest time, in no particular order.
  func forEach(_ body: (_ first: Int32, _ second: Int32, _ time: Int64) -> Void) {
    for slot in keys.indices where keys[slot] != Self.empty {
      let key = keys[slot]
      body(
        Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32)),
        Int32(bitPattern: UInt32(truncatingIfNeeded: key)), Self.time(stamps[slot]))
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldStamps = stamps
    let size = keys.count * 2
    keys = Array(repeating: Self.empty, count: size)
    stamps = Array(repeating: 0, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    count = 0
    for slot in oldKeys.indices where oldKeys[slot] != Self.empty {
      let key = oldKeys[slot]
      var target = self.slot(of: key)
      while keys[target] != Self.empty { target = (target + 1) & mask }
      keys[target] = key
      stamps[target] = oldStamps[slot]
      count += 1
    }
  }
}
