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
  /// Sightings not merged yet: (user << 32 | key) and their stamps.
  private var pending: [UInt64] = []
  private var pendingStamps: [UInt32] = []
  /// The merged pairs, sorted and compressed.
  private var run: [UInt8] = []
  /// Pairs in the run.
  private var merged = 0
  /// Sightings the buffer holds before it is merged.
  let bufferSize: Int

  /// An empty log; `bufferSize` sightings are merged at a time (small in tests).
  init(keepsTimes: Bool, bufferSize: Int = 1 << 20) {
    self.keepsTimes = keepsTimes
    self.bufferSize = bufferSize
  }

  /// Bytes held: the run and the buffer's capacity.
  var memory: Int { run.capacity + pending.capacity * 8 + pendingStamps.capacity * 4 }

  /// Distinct pairs (after merging what is pending).
  var count: Int { merged + pending.count }

  /// Records that `user` touched `key` at `time`.
  @inline(__always)
  mutating func see(_ user: Int32, _ key: Int32, at time: Int64) {
    pending.append(UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: key)))
    if keepsTimes { pendingStamps.append(UserPairs.stamp(time)) }
    if pending.count >= bufferSize { merge() }
  }

  /// Merges the buffer into the run, keeping only pairs `keep` accepts (by stamp; every pair when
  /// the log keeps no times).
  mutating func merge(keeping keep: (UInt32) -> Bool = { _ in true }) {
    // The pending pairs sorted, each once with its latest stamp.
    var sorted: [(pair: UInt64, stamp: UInt32)] = []
    if keepsTimes {
      var entries = zip(pending, pendingStamps).map { (pair: $0, stamp: $1) }
      entries.sort { $0.pair != $1.pair ? $0.pair < $1.pair : $0.stamp > $1.stamp }
      sorted.reserveCapacity(entries.count)
      for entry in entries where sorted.last?.pair != entry.pair { sorted.append(entry) }
    } else {
      pending.sort()
      sorted.reserveCapacity(pending.count)
      for pair in pending where sorted.last?.pair != pair { sorted.append((pair, 0)) }
    }
    pending.removeAll(keepingCapacity: true)
    pendingStamps.removeAll(keepingCapacity: true)
    var output: [UInt8] = []
    output.reserveCapacity(run.count + sorted.count * (keepsTimes ? 6 : 2))
    var written = 0
    var previous: UInt64 = 0
    func emit(_ pair: UInt64, _ stamp: UInt32) {
      guard keep(stamp) else { return }
      var delta = pair &- previous
      while delta >= 0x80 {
        output.append(UInt8(truncatingIfNeeded: delta) | 0x80)
        delta >>= 7
      }
      output.append(UInt8(delta))
      if keepsTimes {
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: stamp >> UInt32(shift))) }
      }
      previous = pair
      written += 1
    }
    var next = 0
    forEachMerged { pair, stamp in
      while next < sorted.count, sorted[next].pair < pair {
        emit(sorted[next].pair, sorted[next].stamp)
        next += 1
      }
      if next < sorted.count, sorted[next].pair == pair {
        emit(pair, max(stamp, sorted[next].stamp))
        next += 1
      } else {
        emit(pair, stamp)
      }
    }
    while next < sorted.count {
      emit(sorted[next].pair, sorted[next].stamp)
      next += 1
    }
    run = output
    merged = written
  }

  /// Calls `body` with every merged pair in order (user, then key) and its stamp (0 without
  /// times). Call ``merge(keeping:)`` first to include what is pending.
  func forEachMerged(_ body: (UInt64, UInt32) -> Void) {
    run.withUnsafeBufferPointer { bytes in
      var position = 0
      var pair: UInt64 = 0
      while position < bytes.count {
        var delta: UInt64 = 0
        var shift: UInt64 = 0
        while true {
          // A damaged run ends early: the count check in `init(from:)` notices.
          guard position < bytes.count, shift < 64 else { return }
          let byte = bytes[position]
          position += 1
          delta |= UInt64(byte & 0x7F) << shift
          if byte < 0x80 { break }
          shift += 7
        }
        pair &+= delta
        var stamp: UInt32 = 0
        if keepsTimes {
          guard position + 4 <= bytes.count else { return }
          stamp = UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
            | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24
          position += 4
        }
        body(pair, stamp)
      }
    }
  }

  /// Calls `body` with every pair (merged first) as user, key and stamp, in order.
  mutating func forEach(_ body: (_ user: Int32, _ key: Int32, _ stamp: UInt32) -> Void) {
    if !pending.isEmpty { merge() }
    forEachMerged { pair, stamp in
      body(Int32(bitPattern: UInt32(pair >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: pair)), stamp)
    }
  }
}

extension PairLog {
  /// Writes the pairs (merged first; `keep` as for ``merge(keeping:)``).
  func encode(into writer: inout BinaryWriter, keeping keep: (UInt32) -> Bool = { _ in true }) {
    var copy = self
    copy.merge(keeping: keep)
    writer.write(UInt8(keepsTimes ? 1 : 0))
    writer.write(Int64(copy.merged))
    writer.write(copy.run)
  }

  init(from reader: inout BinaryReader) throws {
    keepsTimes = try reader.read(UInt8.self) == 1
    bufferSize = 1 << 20
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
