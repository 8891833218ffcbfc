/// One of `count` disjoint sets of listeners: the rows of partition `index` of `count` are those
/// whose `user_id` PostgreSQL would route to the hash partition `MODULUS count, REMAINDER index`
/// of a table declared `PARTITION BY HASH (user_id)` with `user_id TEXT`.
///
/// The function is PostgreSQL's own, so that a partitioned build can read exactly one hash
/// partition (or one shard of a sharded table) and so that the filter can be pushed into SQL
/// (``sqlPredicate(column:)``):
///
/// 1. `h` = `hashtextextended(user_id, HASH_PARTITION_SEED)`: Bob Jenkins' lookup3 hash
///    (`hash_bytes_extended` in PostgreSQL's `src/common/hashfn.c`) over the id's UTF-8 bytes,
///    seeded with `0x7A5B22367996DCFD` (`src/include/catalog/partition.h`). This holds for
///    deterministic collations, the default; a column with a nondeterministic ICU collation
///    hashes a sort key instead and is not supported.
/// 2. The row hash is `hash_combine64(0, h)` (`src/include/common/hashfn.h`), which for a single
///    key column is `h &+ 0x49A0F4DD15E5A8E3` (wrapping, unsigned 64-bit).
/// 3. The partition is the row hash modulo `count` (`get_partition_for_tuple` in
///    `src/backend/executor/execPartition.c`, when every partition has the same modulus).
///
/// A NULL `user_id` is ignored by `compute_partition_hash_value` (the row hash stays 0), so
/// PostgreSQL routes it to remainder 0; TuneDash does the same: rows without a user id (which
/// the validator counts as ``RowIssue/missingUser``) belong to partition 0. An empty id is
/// hashed like any other text. Whatever the validator reads as the id's bytes (SQLite may hold
/// an integer or invalid UTF-8 there) is hashed as it is, so every row belongs to exactly one
/// partition and the data-quality counts of the partitions add up to those of a single build.
///
/// ```swift
/// let partition = try ListenerPartition(index: 2, count: 7)
/// partition.contains(userID: "u42")           // whether u42's rows are this partition's
/// ListenerPartition.partition(of: "u42", count: 7)  // 0 ..< 7
/// ```
public struct ListenerPartition: Sendable, Hashable, CustomStringConvertible {
  /// The partition's number, `0 ..< count`.
  public let index: Int
  /// How many partitions the listeners are split into (1: everyone, an unsplit build).
  public let count: Int

  /// `HASH_PARTITION_SEED`: the seed PostgreSQL hashes partition keys with.
  public static let seed: UInt64 = 0x7A5B_2236_7996_DCFD
  /// The constant `hash_combine64` adds: `hash_combine64(0, h) == h &+ combineConstant`.
  public static let combineConstant: UInt64 = 0x49A0_F4DD_15E5_A8E3
  /// The most partitions a build can be split into.
  public static let maximumCount = 1 << 16

  /// Every listener: the partition of a build that is not split.
  public static let whole = ListenerPartition(uncheckedIndex: 0, count: 1)

  /// Partition `index` of `count`.
  /// - Throws: ``Invalid`` unless `0 <= index < count <= maximumCount`.
  public init(index: Int, count: Int) throws(Invalid) {
    guard count >= 1, count <= Self.maximumCount, index >= 0, index < count else {
      throw Invalid(text: "\(index)/\(count)")
    }
    self.init(uncheckedIndex: index, count: count)
  }

  private init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Reads `I/N` (`--partition 2/7`).
  /// - Throws: ``Invalid`` for anything else, or numbers out of range.
  public init(parsing text: String) throws(Invalid) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw Invalid(text: text)
    }
    try self.init(index: index, count: count)
  }

  /// `I/N`.
  public var description: String { "\(index)/\(count)" }

  /// Whether this is the whole set of listeners (`0/1`).
  public var isWhole: Bool { count == 1 }

  /// A partition that is not `I/N` with `0 <= I < N <= 65,536`.
  public struct Invalid: Error, Equatable {
    /// The text or numbers given.
    public var text: String
  }

  // MARK: The function

  /// The partition of a row whose `user_id` has these bytes; `nil` bytes (NULL) give 0.
  @inline(__always)
  public static func partition(of userID: UnsafeRawBufferPointer?, count: Int) -> Int {
    guard count > 1 else { return 0 }
    guard let userID else { return 0 }
    let row = hashBytesExtended(userID, seed: seed) &+ combineConstant
    return Int(row % UInt64(count))
  }

  /// The partition of `userID` among `count`.
  public static func partition(of userID: String, count: Int) -> Int {
    var userID = userID
    return userID.withUTF8 { partition(of: UnsafeRawBufferPointer($0), count: count) }
  }

  /// Whether a row whose `user_id` has these bytes (`nil`: NULL) is this partition's.
  @inline(__always)
  public func contains(userID: UnsafeRawBufferPointer?) -> Bool {
    count == 1 || Self.partition(of: userID, count: count) == index
  }

  /// Whether `userID`'s rows are this partition's.
  public func contains(userID: String) -> Bool {
    count == 1 || Self.partition(of: userID, count: count) == index
  }

  // MARK: SQL

  /// A PostgreSQL boolean expression true exactly for the rows of this partition, for a
  /// `WHERE` clause on a table whose column `column` holds the user id (`column` must be a
  /// trusted identifier, never user text). `TRUE` for the whole set. The id is hashed as text
  /// (`::text`, nothing at all for a TEXT column): an integer id is its decimal digits, as the
  /// rows reach the validators.
  ///
  /// `hashtextextended` returns a signed `bigint`; the expression turns it into the unsigned
  /// value in `numeric` (no overflow), adds ``combineConstant`` modulo 2⁶⁴ and takes the
  /// remainder by ``count``. A NULL id gives partition 0, as in PostgreSQL's routing.
  ///
  /// For `user_id` and `2/7`:
  /// `COALESCE((((hashtextextended(user_id::text, 8816678312871386365))::numeric + 18446744073709551616
  /// + 5305509591434766563) % 18446744073709551616) % 7, 0) = 2`.
  public func sqlPredicate(column: String) -> String {
    guard count > 1 else { return "TRUE" }
    return "COALESCE(\(Self.sqlPartition(column: column, count: count)), 0) = \(index)"
  }

  /// The `numeric` expression of a row's partition among `count` (NULL for a NULL id).
  public static func sqlPartition(column: String, count: Int) -> String {
    let twoTo64 = "18446744073709551616"
    return
      "(((hashtextextended(\(column)::text, \(Int64(bitPattern: seed))))::numeric + \(twoTo64) + \(combineConstant))"
      + " % \(twoTo64)) % \(count)"
  }

  // MARK: lookup3

  /// PostgreSQL's `hash_bytes_extended`: Bob Jenkins' lookup3 over `key`, the seed mixed in
  /// first as a 12-byte block, returning `b << 32 | c`. Words are read little-endian whatever
  /// the machine, as PostgreSQL does on the little-endian machines TuneDash runs on (on a
  /// big-endian server PostgreSQL itself hashes differently).
  static func hashBytesExtended(_ key: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    var state = Lookup3State(length: key.count)
    if seed != 0 {
      state.a &+= UInt32(truncatingIfNeeded: seed >> 32)
      state.b &+= UInt32(truncatingIfNeeded: seed)
      state.mix()
    }
    var offset = 0
    var remaining = key.count
    while remaining >= 12 {
      state.a &+= Self.word(key, offset, 4)
      state.b &+= Self.word(key, offset + 4, 4)
      state.c &+= Self.word(key, offset + 8, 4)
      state.mix()
      offset += 12
      remaining -= 12
    }
    // The last 0–11 bytes: a takes bytes 0–3, b bytes 4–7, and c bytes 8–10 shifted up one
    // byte (its lowest byte is "reserved for the length", which the start state holds).
    state.a &+= Self.word(key, offset, min(remaining, 4))
    if remaining > 4 { state.b &+= Self.word(key, offset + 4, min(remaining - 4, 4)) }
    if remaining > 8 { state.c &+= Self.word(key, offset + 8, remaining - 8) << 8 }
    state.final()
    return UInt64(state.b) << 32 | UInt64(state.c)
  }

  /// Up to four bytes of `key` from `offset` as a little-endian word.
  @inline(__always)
  private static func word(_ key: UnsafeRawBufferPointer, _ offset: Int, _ bytes: Int) -> UInt32 {
    var value: UInt32 = 0
    for i in 0..<bytes { value |= UInt32(key[offset + i]) << (8 * UInt32(i)) }
    return value
  }
}

/// lookup3's three 32-bit words and its two mixing steps (`mix` and `final` in PostgreSQL's
/// `hashfn.c`), all arithmetic wrapping.
private struct Lookup3State {
  var a: UInt32
  var b: UInt32
  var c: UInt32

  /// The start state for a key of `length` bytes: `0x9E3779B9 + length + 3923095` in all three.
  init(length: Int) {
    a = 0x9E37_79B9 &+ UInt32(truncatingIfNeeded: length) &+ 3_923_095
    b = a
    c = a
  }

  @inline(__always)
  private static func rotate(_ x: UInt32, _ k: UInt32) -> UInt32 { x << k | x >> (32 - k) }

  /// Mixes the three words reversibly after each 12-byte block.
  @inline(__always)
  mutating func mix() {
    a &-= c
    a ^= Self.rotate(c, 4)
    c &+= b
    b &-= a
    b ^= Self.rotate(a, 6)
    a &+= c
    c &-= b
    c ^= Self.rotate(b, 8)
    b &+= a
    a &-= c
    a ^= Self.rotate(c, 16)
    c &+= b
    b &-= a
    b ^= Self.rotate(a, 19)
    a &+= c
    c &-= b
    c ^= Self.rotate(b, 4)
    b &+= a
  }

  /// The final mixing of the three words into `c` (and `b`).
  @inline(__always)
  mutating func final() {
    c ^= b
    c &-= Self.rotate(b, 14)
    a ^= c
    a &-= Self.rotate(c, 11)
    b ^= a
    b &-= Self.rotate(a, 25)
    c ^= b
    c &-= Self.rotate(b, 16)
    a ^= c
    a &-= Self.rotate(c, 4)
    b ^= a
    b &-= Self.rotate(a, 14)
    c ^= b
    c &-= Self.rotate(b, 24)
  }
}
