import Foundation

/// Maps byte strings (user ids, track ids, terms) to dense integers `0, 1, 2, …` in order of
/// first appearance, without creating a `String` per lookup.
///
/// The bytes of every distinct key are stored once in an arena; lookups hash the caller's bytes
/// and compare them in place. This is what lets a scan of millions of rows keep per-user and
/// per-track state in flat arrays indexed by these integers.
///
/// ```swift
/// var ids = ByteInterner()
/// let a = ids.intern("u1")   // 0
/// let b = ids.intern("u2")   // 1
/// ids.intern("u1")           // 0 again
/// ids.string(at: b)          // "u2"
/// ```
public struct ByteInterner: Sendable {
  private var arena: [UInt8] = []
  /// `starts[i] ..< starts[i + 1]` is key `i` in `arena`.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Open addressing table of key indexes; `-1` marks an empty slot. Its size is a power of two.
  private var slots: [Int32] = Array(repeating: -1, count: 64)

  /// Creates an empty interner.
  public init() {}

  /// The number of distinct keys interned so far.
  public var count: Int { hashes.count }

  /// Returns the index of `key`, adding it if it is new.
  public mutating func intern(_ key: UnsafeRawBufferPointer) -> Int32 {
    let hash = Self.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let index = slots[slot]
      if index < 0 { break }
      if hashes[Int(index)] == hash && equals(Int(index), key) { return index }
      slot = (slot + 1) & (slots.count - 1)
    }
    let index = Int32(hashes.count)
    arena.append(contentsOf: key)
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = index
    if hashes.count * 4 > slots.count * 3 { grow() }
    return index
  }

  /// Returns the index of `key`, adding it if it is new.
  @discardableResult
  public mutating func intern(_ key: String) -> Int32 {
    var key = key
    return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
  }

  /// Returns the index of `key`, or `nil` if it was never interned.
  public func index(of key: UnsafeRawBufferPointer) -> Int32? {
    let hash = Self.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let index = slots[slot]
      if index < 0 { return nil }
      if hashes[Int(index)] == hash && equals(Int(index), key) { return index }
      slot = (slot + 1) & (slots.count - 1)
    }
  }

  /// Returns the index of `key`, or `nil` if it was never interned.
  public func index(of key: String) -> Int32? {
    var key = key
    return key.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
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

  private func equals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = starts[index]
    let length = starts[index + 1] - start
    guard length == key.count else { return false }
    return arena.withUnsafeBytes { stored in
      guard length > 0 else { return true }
      return memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var table = [Int32](repeating: -1, count: size)
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & (size - 1)
      while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
      table[slot] = Int32(index)
    }
    slots = table
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
