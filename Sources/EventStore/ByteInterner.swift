import CSystemShims
import Foundation

/// Maps byte strings (user ids, track ids, terms) to dense integers `0, 1, 2, …` in order of
/// first appearance, without creating a `String` per lookup.
///
/// The bytes of every distinct key are stored once in an arena. The hash table's slots hold a
/// 32-bit tag of the hash, the key's index and length, and the key's first eight bytes, so a
/// lookup usually touches one 16-byte slot — and for keys of eight bytes or fewer never the
/// arena. This is what lets a scan of millions of rows keep per-user and per-track state in flat
/// arrays indexed by these integers.
///
/// ```swift
/// var ids = ByteInterner()
/// let a = ids.intern("u1")   // 0
/// let b = ids.intern("u2")   // 1
/// ids.intern("u1")           // 0 again
/// ids.string(at: b)          // "u2"
/// ```
public struct ByteInterner: Sendable {
  /// One hash table entry: 16 bits of the key's hash, its length (65,535 for longer keys), its
  /// index (-1: empty) and its first eight bytes — enough to decide equality of a key of up to
  /// eight bytes without leaving the slot.
  struct Slot: Sendable {
    var tag: UInt16
    var length: UInt16
    var index: Int32
    var prefix: UInt64
  }

  private var arena: [UInt8] = []
  /// `starts[i] ..< starts[i + 1]` is key `i` in `arena`.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Open addressing table; `index == -1` marks an empty slot. Its size is a power of two.
  private var slots: [Slot] = Array(
    repeating: Slot(tag: 0, length: 0, index: -1, prefix: 0), count: 64)

  /// Creates an empty interner.
  public init() {}

  /// The number of slots of the hash table (tests: a rebuilt interner's is the one interning
  /// its keys one by one grew).
  var tableSize: Int { slots.count }

  /// The number of distinct keys interned so far.
  public var count: Int { hashes.count }

  /// Returns the index of `key`, adding it if it is new.
  @inline(__always)
  public mutating func intern(_ key: UnsafeRawBufferPointer) -> Int32 {
    let hash = Self.hash(key)
    let probe = Self.probe(hash, key)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let entry = slots[slot]
      if entry.index < 0 { break }
      if matches(entry, probe, key) { return entry.index }
      slot = (slot + 1) & (slots.count - 1)
    }
    let index = Int32(hashes.count)
    arena.append(contentsOf: key)
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = Slot(tag: probe.tag, length: probe.length, index: index, prefix: probe.prefix)
    if hashes.count * 2 > slots.count { grow() }
    return index
  }

  /// Returns the index of `key`, adding it if it is new.
  @discardableResult
  public mutating func intern(_ key: String) -> Int32 {
    var key = key
    return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
  }

  /// Returns the index of `key`, or `nil` if it was never interned.
  @inline(__always)
  public func index(of key: UnsafeRawBufferPointer) -> Int32? {
    let hash = Self.hash(key)
    let probe = Self.probe(hash, key)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let entry = slots[slot]
      if entry.index < 0 { return nil }
      if matches(entry, probe, key) { return entry.index }
      slot = (slot + 1) & (slots.count - 1)
    }
  }

  /// Starts loading the slot where `key` would be found, so that a lookup a few rows later does
  /// not wait for memory.
  @inline(__always)
  public func prefetch(_ key: UnsafeRawBufferPointer) {
    let slot = Int(truncatingIfNeeded: Self.hash(key)) & (slots.count - 1)
    slots.withUnsafeBufferPointer { tunedash_prefetch($0.baseAddress! + slot) }
  }

  /// ``prefetch(_:)`` for an interner kept in a variable that is being changed (a validator's
  /// users): mutating only so that the call reaches the stored arrays in place, where the
  /// non-mutating one is handed a copy (four retains and releases for every row).
  @inline(__always)
  public mutating func prefetchInPlace(_ key: UnsafeRawBufferPointer) {
    let slot = Int(truncatingIfNeeded: Self.hash(key)) & (slots.count - 1)
    slots.withUnsafeMutableBufferPointer { tunedash_prefetch($0.baseAddress! + slot) }
  }

  /// Returns the index of `key`, or `nil` if it was never interned, for keys that mostly come
  /// in the order they were interned (a table's rows in the catalog's byte order of track ids):
  /// `key` is compared with the key at `next`, then with the one before it, and looked up by
  /// hash only when neither is it; `next` moves past the key found. Any order gives the right
  /// index; this one costs a comparison of a few bytes instead of a probe at a random place.
  public func index(of key: UnsafeRawBufferPointer, from next: inout Int32) -> Int32? {
    if next >= 0, Int(next) < count, bytes(at: next).elementsEqual(key) {
      next += 1
      return next - 1
    }
    if next > 0, Int(next) <= count, bytes(at: next - 1).elementsEqual(key) { return next - 1 }
    guard let found = index(of: key) else { return nil }
    next = found + 1
    return found
  }

  /// Returns the index of `key`, or `nil` if it was never interned.
  public func index(of key: String) -> Int32? {
    var key = key
    return key.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
  }

  /// Every key's bytes, one after the other, and where each starts (`starts.count == count + 1`):
  /// what ``init(arena:starts:)`` rebuilds an equal interner from.
  public var storage: (arena: [UInt8], starts: [Int]) { (arena, starts) }

  /// An interner holding the keys of `storage`, with the same indexes. The arena and starts are
  /// taken as they are and the table is sized once, as ``intern(_:)-(UnsafeRawBufferPointer)``
  /// would have grown it for that many keys. A key given twice keeps only its first index, and
  /// ``count`` then falls short of `starts.count - 1` (a damaged state, which callers check).
  public init(arena: [UInt8], starts: [Int]) {
    let keys = starts.count - 1
    var size = 64
    while keys * 2 > size { size *= 2 }
    slots = Array(repeating: Slot(tag: 0, length: 0, index: -1, prefix: 0), count: size)
    hashes.reserveCapacity(keys)
    var unique = true
    arena.withUnsafeBytes { bytes in
      for index in 0..<keys {
        let key = UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]])
        let hash = Self.hash(key)
        let probe = Self.probe(hash, key)
        var slot = Int(truncatingIfNeeded: hash) & (size - 1)
        while slots[slot].index >= 0 {
          if Self.sameStart(slots[slot], probe),
            key.count <= 8 || Self.sameRest(slots[slot], key, arena: bytes, starts: starts)
          {
            unique = false
            break
          }
          slot = (slot + 1) & (size - 1)
        }
        guard unique else { return }
        hashes.append(hash)
        slots[slot] = Slot(
          tag: probe.tag, length: probe.length, index: Int32(index), prefix: probe.prefix)
      }
    }
    guard !unique else {
      (self.arena, self.starts) = (arena, starts)
      return
    }
    // The keys before the first repeated one; the rest are dropped, so that `count` tells.
    self.starts = Array(starts[...hashes.count])
    self.arena = Array(arena[..<self.starts[hashes.count]])
  }

  /// The key at `index` as a string (invalid UTF-8 is replaced by U+FFFD).
  public func string(at index: Int32) -> String {
    let i = Int(index)
    return String(decoding: arena[starts[i]..<starts[i + 1]], as: UTF8.self)
  }

  /// The key at `index` as bytes.
  public func bytes(at index: Int32) -> ArraySlice<UInt8> {
    let i = Int(index)
    return arena[starts[i]..<starts[i + 1]]
  }

  /// What a lookup compares slots with.
  struct Probe {
    let tag: UInt16
    let length: UInt16
    let prefix: UInt64
  }

  @inline(__always)
  static func probe(_ hash: UInt64, _ key: UnsafeRawBufferPointer) -> Probe {
    Probe(
      tag: UInt16(truncatingIfNeeded: hash >> 48), length: UInt16(min(key.count, 65_535)),
      prefix: prefix(key))
  }

  /// Whether `entry` holds `key`: tag, length and first eight bytes decide for short keys; the
  /// arena is read only for the bytes beyond the eighth.
  @inline(__always)
  private func matches(_ entry: Slot, _ probe: Probe, _ key: UnsafeRawBufferPointer) -> Bool {
    guard Self.sameStart(entry, probe) else { return false }
    if key.count <= 8 { return true }
    return arena.withUnsafeBytes { Self.sameRest(entry, key, arena: $0, starts: starts) }
  }

  /// Whether `entry` and `probe` agree on tag, length and first eight bytes.
  @inline(__always)
  private static func sameStart(_ entry: Slot, _ probe: Probe) -> Bool {
    entry.tag == probe.tag && entry.length == probe.length && entry.prefix == probe.prefix
  }

  /// Whether the key `entry` names in `arena` has `key`'s length and bytes beyond the eighth.
  @inline(__always)
  private static func sameRest(
    _ entry: Slot, _ key: UnsafeRawBufferPointer, arena: UnsafeRawBufferPointer, starts: [Int]
  ) -> Bool {
    let start = starts[Int(entry.index)]
    guard starts[Int(entry.index) + 1] - start == key.count else { return false }
    return memcmp(arena.baseAddress! + start + 8, key.baseAddress! + 8, key.count - 8) == 0
  }

  private mutating func grow() {
    let size = slots.count * 2
    var table = Array(repeating: Slot(tag: 0, length: 0, index: -1, prefix: 0), count: size)
    for old in slots where old.index >= 0 {
      var slot = Int(truncatingIfNeeded: hashes[Int(old.index)]) & (size - 1)
      while table[slot].index >= 0 { slot = (slot + 1) & (size - 1) }
      table[slot] = old
    }
    slots = table
  }

  /// The first eight bytes of `key`, zero-padded.
  @inline(__always)
  static func prefix(_ key: UnsafeRawBufferPointer) -> UInt64 {
    if key.count >= 8 { return key.loadUnaligned(as: UInt64.self) }
    var value: UInt64 = 0
    for i in 0..<key.count { value |= UInt64(key[i]) << (8 * UInt64(i)) }
    return value
  }

  /// A fast 64-bit hash of a short byte string: eight bytes at a time, then a final mix.
  @inline(__always)
  static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(key.count)
    var offset = 0
    while offset + 8 <= key.count {
      let word = key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      offset += 8
    }
    if offset < key.count {
      var tail: UInt64 = 0
      for i in offset..<key.count { tail = (tail << 8) | UInt64(key[i]) }
      h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
    }
    h ^= h >> 32
    h = h &* 0xD6E8_FEB8_6659_FD93
    h ^= h >> 32
    return h
  }
}
