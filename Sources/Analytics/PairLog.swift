import EventStore

/// A set of (user, key) pairs, each with the latest time it was seen — like ``UserPairs``, but
/// for many pairs per user (a listener's tracks run into the thousands at W10M, where sorted
/// per-user lists cost a shift per insertion): new sightings go to an append buffer, and a full
/// buffer is sorted, deduplicated (latest time kept) and merged into one sorted run.
///
/// The run is stored compressed: each pair as the varint of its difference to the pair before
/// (user in the high 32 bits, key in the low 32, so a listener's keys are small steps), followed
/// by its time stamp (``UserPairs/stamp(_:)``, 4 bytes) unless the log keeps no times. At
/// 200,000 tracks that is about 2 bytes a pair without times, 6 with.
struct PairLog: Sendable {
  /// Whether times are kept (otherwise only which pairs exist).
  let keepsTimes: Bool
  /// Sightings not merged yet: (user << 32 | key) and the stamp (0 without times), sorted and
  /// deduplicated in place when merged.
  private var pending: [(pair: UInt64, stamp: UInt32)] = []
  /// The merged pairs, sorted and compressed.
  private var run: [UInt8] = []
  /// Pairs in the run.
  private var merged = 0
  /// Sightings the buffer holds before it is merged (16 bytes each).
  let bufferSize: Int

  /// An empty log; `bufferSize` sightings are merged at a time (small in tests).
  init(keepsTimes: Bool, bufferSize: Int = 1 << 18) {
    self.keepsTimes = keepsTimes
    self.bufferSize = bufferSize
  }

  /// Bytes held: the run and the buffer's capacity.
  var memory: Int { run.capacity + pending.capacity * MemoryLayout<(UInt64, UInt32)>.stride }

  /// Distinct pairs (after merging what is pending).
  var count: Int { merged + pending.count }

  /// Records that `user` touched `key` at `time`.
  @inline(__always)
  mutating func see(_ user: Int32, _ key: Int32, at time: Int64) {
    if pending.capacity == 0 { pending.reserveCapacity(bufferSize) }
    pending.append(
      (UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: key)), keepsTimes ? UserPairs.stamp(time) : 0))
    if pending.count >= bufferSize { merge() }
  }

  /// Merges the buffer into the run, keeping only pairs `keep` accepts (by stamp; every pair when
  /// the log keeps no times).
  mutating func merge(keeping keep: (UInt32) -> Bool = { _ in true }) {
    // The pending pairs sorted, each once with its latest stamp: sorted and compacted in place.
    pending.sort { $0.pair != $1.pair ? $0.pair < $1.pair : $0.stamp > $1.stamp }
    var unique = 0
    for index in pending.indices where unique == 0 || pending[unique - 1].pair != pending[index].pair {
      pending[unique] = pending[index]
      unique += 1
    }
    pending.removeLast(pending.count - unique)
    let sorted = pending
    pending = []
    var output = RunWriter(keepsTimes: keepsTimes, capacity: run.count + sorted.count * (keepsTimes ? 6 : 3))
    var old = RunReader(run, keepsTimes: keepsTimes)
    var next = 0
    var current = old.next()
    while current != nil || next < sorted.count {
      var pair: UInt64
      var stamp: UInt32
      if let (oldPair, oldStamp) = current, next == sorted.count || oldPair <= sorted[next].pair {
        (pair, stamp) = (oldPair, oldStamp)
        if next < sorted.count && sorted[next].pair == oldPair {
          stamp = max(stamp, sorted[next].stamp)
          next += 1
        }
        current = old.next()
      } else {
        (pair, stamp) = sorted[next]
        next += 1
      }
      if keep(stamp) { output.append(pair, stamp) }
    }
    run = output.bytes
    merged = output.count
  }

  /// Calls `body` with every merged pair in order (user, then key) and its stamp (0 without
  /// times). Call ``merge(keeping:)`` first to include what is pending.
  func forEachMerged(_ body: (UInt64, UInt32) -> Void) {
    var reader = RunReader(run, keepsTimes: keepsTimes)
    while let (pair, stamp) = reader.next() { body(pair, stamp) }
  }

  /// Calls `body` with every pair (merged first) as user, key and stamp, in order.
  mutating func forEach(_ body: (_ user: Int32, _ key: Int32, _ stamp: UInt32) -> Void) {
    if !pending.isEmpty { merge() }
    guard merged > 0 else { return }
    forEachMerged { pair, stamp in
      body(Int32(bitPattern: UInt32(pair >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: pair)), stamp)
    }
  }
}

/// Writes a run: each pair as the varint of its difference to the one before, then its stamp.
struct RunWriter {
  let keepsTimes: Bool
  private(set) var bytes: [UInt8] = []
  private(set) var count = 0
  private var previous: UInt64 = 0

  init(keepsTimes: Bool, capacity: Int) {
    self.keepsTimes = keepsTimes
    bytes.reserveCapacity(capacity)
  }

  mutating func append(_ pair: UInt64, _ stamp: UInt32) {
    var delta = pair &- previous
    while delta >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: delta) | 0x80)
      delta >>= 7
    }
    bytes.append(UInt8(delta))
    if keepsTimes {
      bytes.append(UInt8(truncatingIfNeeded: stamp))
      bytes.append(UInt8(truncatingIfNeeded: stamp >> 8))
      bytes.append(UInt8(truncatingIfNeeded: stamp >> 16))
      bytes.append(UInt8(truncatingIfNeeded: stamp >> 24))
    }
    previous = pair
    count += 1
  }
}

/// Reads a run back, pair by pair; a damaged run ends early (the count check in
/// ``PairLog/init(from:)`` notices).
struct RunReader {
  private let bytes: [UInt8]
  private let keepsTimes: Bool
  private var position = 0
  private var pair: UInt64 = 0

  init(_ bytes: [UInt8], keepsTimes: Bool) {
    self.bytes = bytes
    self.keepsTimes = keepsTimes
  }

  mutating func next() -> (UInt64, UInt32)? {
    var delta: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < bytes.count, shift < 64 else { return nil }
      let byte = bytes[position]
      position += 1
      delta |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    pair &+= delta
    var stamp: UInt32 = 0
    if keepsTimes {
      guard position + 4 <= bytes.count else { return nil }
      stamp = UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
        | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24
      position += 4
    }
    return (pair, stamp)
  }
}

extension PairLog {
  /// Writes the pairs (what is pending merged into a copy first; nothing is after a merge).
  func encode(into writer: inout BinaryWriter) {
    var copy = self
    if !copy.pending.isEmpty { copy.merge() }
    writer.write(UInt8(keepsTimes ? 1 : 0))
    writer.write(Int64(copy.merged))
    writer.write(copy.run)
  }

  init(from reader: inout BinaryReader) throws {
    keepsTimes = try reader.read(UInt8.self) == 1
    bufferSize = 1 << 18
    merged = Int(try reader.read(Int64.self))
    run = try reader.readArray(UInt8.self)
    var pairs = 0
    var previous: UInt64? = nil
    var ordered = true
    forEachMerged { pair, _ in
      if let previous, pair <= previous { ordered = false }
      previous = pair
      pairs += 1
    }
    guard ordered, pairs == merged else { throw StateError.damaged }
  }
}
