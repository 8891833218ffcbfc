import EventStore

/// A set of (user, key) pairs, each with the latest time it was seen — like ``UserPairs``, but
/// for many pairs per user (a listener's tracks run into the thousands at W10M, where sorted
/// per-user lists cost a shift per insertion). New sightings go to an append buffer; a full
/// buffer is sorted, deduplicated (latest time kept) and written as a new sorted *run*; four
/// runs of about the same size are merged into one, so each pair is rewritten about
/// log₄(pairs ÷ buffer) times in all, not once per buffer, and at most about three runs per
/// size wait to be merged. Reading merges the runs on the fly. A log without times
/// also skips a sighting of the pair its user saw last (a search, then the play of its pick).
///
/// Runs are stored compressed: each pair as the varint of its difference to the pair before
/// (user in the high 32 bits, key in the low 32, so a listener's keys are small steps), followed
/// by its time stamp (``UserPairs/stamp(_:)``, 4 bytes) unless the log keeps no times. At
/// 200,000 tracks that is about 2 bytes a pair without times, 6 with.
struct PairLog: Sendable {
  /// One sorted, compressed run.
  struct Run: Sendable {
    var bytes: [UInt8]
    var count: Int
    /// Whether its pairs are already in what the log's owner derived from it: a run restored
    /// from a state or taken over from a partition's state, or one that
    /// ``mergeReportingNew(_:)`` reported (see there). Runs of new sightings are not.
    var counted = false
    /// Where each user's pairs begin: for a run a merge may splice into (one read from a
    /// state, or the result of a merge of every run), `nil` for the buffer's runs.
    var index: RunIndex? = nil
  }

  /// Whether times are kept (otherwise only which pairs exist).
  let keepsTimes: Bool
  /// Sightings not merged yet: (user << 32 | key) and the stamp (0 without times), sorted and
  /// deduplicated in place when flushed.
  private var pending: [(pair: UInt64, stamp: UInt32)] = []
  /// The runs, oldest (and largest) first.
  private(set) var runs: [Run] = []
  /// Sightings the buffer holds before it is flushed (16 bytes each).
  let bufferSize: Int
  /// `[user]`: the key of the user's last sighting, + 1 (0: none); only without times.
  private var lastKey: [UInt32] = []

  /// An empty log; `bufferSize` sightings are flushed at a time (small in tests).
  init(keepsTimes: Bool, bufferSize: Int = 1 << 18) {
    self.keepsTimes = keepsTimes
    self.bufferSize = bufferSize
  }

  /// Bytes held: the runs with their indexes, and the buffer's capacity.
  var memory: Int {
    runs.reduce(0) { $0 + $1.bytes.capacity + ($1.index?.memory ?? 0) } + pending.capacity
      * MemoryLayout<(UInt64, UInt32)>.stride
      + lastKey.count * 4
  }

  /// Pairs held: exact after ``merge(keepingAfter:)``; before, a pair in two runs counts twice.
  var count: Int { runs.reduce(0) { $0 + $1.count } + pending.count }

  /// Starts loading what ``see(_:_:at:)`` reads for `user` first (see ``prefetch(_:_:)``).
  @inline(__always)
  func prefetch(user: Int32) {
    if !keepsTimes { Engine.prefetch(lastKey, Int(user)) }
  }

  /// Records that `user` touched `key` at `time`.
  @inline(__always)
  mutating func see(_ user: Int32, _ key: Int32, at time: Int64) {
    if !keepsTimes {
      let u = Int(user)
      if u >= lastKey.count {
        lastKey.append(
          contentsOf: repeatElement(0, count: max(u + 1 - lastKey.count, lastKey.count / 2 + 64)))
      }
      let tagged = UInt32(bitPattern: key) &+ 1
      if lastKey[u] == tagged { return }
      lastKey[u] = tagged
    }
    if pending.capacity == 0 { pending.reserveCapacity(bufferSize) }
    pending.append(
      (
        UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: key)),
        keepsTimes ? UserPairs.stamp(time) : 0
      ))
    if pending.count >= bufferSize { flush() }
  }

  /// Writes the buffer as a new run, then merges the newest four runs into one while the oldest
  /// of them is at most twice the size of the newest.
  mutating func flush() {
    guard !pending.isEmpty else { return }
    Self.radixSort(&pending)
    let sorted = pending
    pending = []
    let keepsTimes = self.keepsTimes
    // Equal pairs are neighbours now: each is written once, with its latest stamp.
    let run = RunWriter.run(
      capacity: sorted.count * RunWriter.maximumEntryBytes, keepsTimes: keepsTimes
    ) { writer in
      var index = 0
      while index < sorted.count {
        let pair = sorted[index].pair
        var stamp = sorted[index].stamp
        index += 1
        while index < sorted.count && sorted[index].pair == pair {
          stamp = max(stamp, sorted[index].stamp)
          index += 1
        }
        writer.append(pair, stamp)
      }
    }
    runs.append(run)
    // Only runs of new sightings are merged here: a counted run stays apart until
    // ``mergeReportingNew(_:)`` tells which pairs are new.
    while runs.count >= Self.mergeWidth
      && runs[runs.count - Self.mergeWidth].count <= 2 * runs[runs.count - 1].count
      && !runs.suffix(Self.mergeWidth).contains(where: \.counted)
    {
      let newest = Array(runs.suffix(Self.mergeWidth))
      runs.removeLast(Self.mergeWidth)
      runs.append(Self.merged(newest, keepsTimes: keepsTimes, indexed: false) { _ in true })
    }
  }

  /// How many runs of about the same size are merged at a time.
  static let mergeWidth = 4

  /// Sorts entries by pair: least significant digit first, a byte at a time, skipping the bytes
  /// in which every pair is the same (a radix sort: linear, and stable, which nothing here needs).
  static func radixSort(_ entries: inout [(pair: UInt64, stamp: UInt32)]) {
    guard entries.count > 1 else { return }
    var varying: UInt64 = 0
    let first = entries[0].pair
    for entry in entries { varying |= entry.pair ^ first }
    var scratch = entries
    for shift in stride(from: UInt64(0), to: 64, by: 8) where (varying >> shift) & 0xFF != 0 {
      var counts = [Int](repeating: 0, count: 257)
      for entry in entries { counts[Int((entry.pair >> shift) & 0xFF) + 1] += 1 }
      for digit in 1...256 { counts[digit] += counts[digit - 1] }
      entries.withUnsafeBufferPointer { source in
        scratch.withUnsafeMutableBufferPointer { target in
          for entry in source {
            let digit = Int((entry.pair >> shift) & 0xFF)
            target[counts[digit]] = entry
            counts[digit] += 1
          }
        }
      }
      swap(&entries, &scratch)
    }
  }

  /// Whether the last merge spliced (tests: the splice's own result equals a whole merge's, so
  /// only this tells which one ran).
  private(set) var lastMergeSpliced = false

  /// Flushes the buffer and merges every run into one, keeping only the pairs whose stamp is
  /// after `threshold` (every pair when it is `nil` or the log keeps no times).
  ///
  /// When the oldest run holds most pairs and none of its stamps is at or before the
  /// threshold, only the stretches of the users in the other runs are rewritten
  /// (``spliced(_:_:keepsTimes:after:report:)``): an hourly rebuild's few new pairs cost what
  /// they touch, not a pass over every pair. The bytes are the same either way.
  mutating func merge(keepingAfter threshold: UInt32? = nil) {
    flush()
    lastMergeSpliced = false
    let threshold = keepsTimes ? threshold : nil
    guard let first = runs.first else { return }
    // One run without times is merged already; one with times only when none of its stamps is
    // left out (a whole merge of it would leave it uncounted).
    if runs.count == 1 && !keepsTimes { return }
    if runs.count == 1 && Self.keepsEvery(first, after: threshold) {
      runs[0].counted = false
      return
    }
    let all = runs
    runs = []
    lastMergeSpliced = Self.canSplice(all, after: threshold)
    if lastMergeSpliced {
      runs = [
        Self.spliced(all[0], Array(all.dropFirst()), keepsTimes: keepsTimes, after: threshold)
      ]
    } else {
      runs = [
        Self.merged(all, keepsTimes: keepsTimes, indexed: true) { stamp in
          threshold.map { stamp > $0 } ?? true
        }
      ]
    }
  }

  /// A pair of one listener as ``mergeReportingNew(_:)`` reports it.
  struct UserPair {
    /// The pair's key.
    var key: Int32
    /// Whether no counted run held it (``Run/counted``).
    var isNew: Bool
  }

  /// Flushes the buffer and merges every run into one, like ``merge(keepingAfter:)`` (every pair
  /// kept), and calls `body` once for each user with a pair that no counted run held: with all
  /// of that user's pairs, in key order, each marked new or not. The merged run is counted, so
  /// the next call reports only pairs seen after this one: an owner that keeps figures derived
  /// from the pairs brings them up to date from the users this reports, not from every pair.
  mutating func mergeReportingNew(_ body: (UnsafeBufferPointer<UserPair>) -> Void) {
    flush()
    lastMergeSpliced = false
    guard !runs.isEmpty, runs.count > 1 || !runs[0].counted else { return }
    let all = runs
    runs = []
    lastMergeSpliced = all[0].counted && Self.canSplice(all, after: nil)
    if lastMergeSpliced {
      var run = withoutActuallyEscaping(body) { body in
        Self.spliced(
          all[0], Array(all.dropFirst()), keepsTimes: keepsTimes, after: nil, report: body)
      }
      run.counted = true
      runs = [run]
      return
    }
    let capacity = all.reduce(0) { $0 + $1.bytes.count }
    var run = RunWriter.run(capacity: capacity, keepsTimes: keepsTimes, indexed: true) { writer in
      // The closure's own variable, not a captured one (whose every access is checked at run
      // time).
      var groups = UserGroups()
      MergedRuns.forEach(all, keepsTimes: keepsTimes) { pair, stamp, counted in
        groups.add(pair, isNew: !counted, body)
        writer.append(pair, stamp)
      }
      groups.close(body)
    }
    run.counted = true
    runs = [run]
  }

  /// Gathers the pairs of one user at a time for ``mergeReportingNew(_:)``.
  struct UserGroups {
    private var pairs: [UserPair] = []
    private var user = UInt64.max
    private var anyNew = false

    /// Adds a pair (in order), reporting the previous user's pairs when `pair` starts another.
    @inline(__always)
    mutating func add(
      _ pair: UInt64, isNew: Bool, _ body: (UnsafeBufferPointer<UserPair>) -> Void
    ) {
      if pair >> 32 != user {
        close(body)
        user = pair >> 32
      }
      pairs.append(UserPair(key: Int32(bitPattern: UInt32(truncatingIfNeeded: pair)), isNew: isNew))
      anyNew = anyNew || isNew
    }

    /// Reports the current user's pairs if one of them is new, and starts afresh.
    mutating func close(_ body: (UnsafeBufferPointer<UserPair>) -> Void) {
      if anyNew { pairs.withUnsafeBufferPointer(body) }
      pairs.removeAll(keepingCapacity: true)
      anyNew = false
    }
  }

  /// One run holding every pair of `runs` once, with its latest stamp, if `keep` accepts it;
  /// `indexed` for a merge of every run.
  private static func merged(
    _ runs: [Run], keepsTimes: Bool, indexed: Bool, keeping keep: (UInt32) -> Bool
  ) -> Run {
    let capacity = runs.reduce(0) { $0 + $1.bytes.count }
    return RunWriter.run(capacity: capacity, keepsTimes: keepsTimes, indexed: indexed) { writer in
      MergedRuns.forEach(runs, keepsTimes: keepsTimes) { pair, stamp, _ in
        if keep(stamp) { writer.append(pair, stamp) }
      }
    }
  }

  /// Appends another set of listeners' pairs, its users moved by `mapping`, as one more run
  /// (``merge(keepingAfter:)`` later folds the runs into one). The other log's users are all new
  /// here, so no pair is in both. The run is counted: what the other log's owner derived from
  /// it comes with its state.
  mutating func append(_ other: PairLog, _ mapping: MergeMapping) {
    precondition(other.keepsTimes == keepsTimes, "pair logs of another kind")
    var source = other
    source.flush()
    let offset = UInt64(mapping.userOffset) << 32
    let capacity = source.runs.reduce(0) { $0 + $1.count } * RunWriter.maximumEntryBytes
    guard capacity > 0 else { return }
    let run = RunWriter.run(capacity: capacity, keepsTimes: keepsTimes) { writer in
      MergedRuns.forEach(source.runs, keepsTimes: keepsTimes) { pair, stamp, _ in
        writer.append(pair &+ offset, stamp)
      }
    }
    runs.append(PairLog.Run(bytes: run.bytes, count: run.count, counted: true))
  }

  /// Calls `body` with every pair in order (user, then key) and its latest stamp (0 without
  /// times), what is pending included.
  func forEachPair(_ body: (_ user: Int32, _ key: Int32, _ stamp: UInt32) -> Void) {
    var log = self
    log.flush()
    MergedRuns.forEach(log.runs, keepsTimes: keepsTimes) { pair, stamp, _ in
      body(
        Int32(bitPattern: UInt32(pair >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: pair)),
        stamp)
    }
  }
}

/// The pairs of several runs in order, each once with its latest stamp.
enum MergedRuns {
  /// Calls `body` with every pair of `runs` in order, once, with its latest stamp and whether a
  /// counted run holds it (``PairLog/Run/counted``): the smallest of the runs' current pairs
  /// each time (a scan of a few heads; runs are merged a few at a time).
  static func forEach(
    _ runs: [PairLog.Run], keepsTimes: Bool, _ body: (UInt64, UInt32, _ counted: Bool) -> Void
  ) {
    var readers = runs.map { RunReader($0.bytes, keepsTimes: keepsTimes) }
    let counted = runs.map(\.counted)
    if readers.count == 1 {
      while let (pair, stamp) = readers[0].next() { body(pair, stamp, counted[0]) }
      return
    }
    // The current pair of each run (UInt64.max once it is read to the end) and its stamp.
    var pairs = [UInt64](repeating: .max, count: readers.count)
    var stamps = [UInt32](repeating: 0, count: readers.count)
    var live = 0
    for index in readers.indices {
      if let (pair, stamp) = readers[index].next() {
        (pairs[index], stamps[index]) = (pair, stamp)
        live += 1
      }
    }
    readers.withUnsafeMutableBufferPointer { readers in
      pairs.withUnsafeMutableBufferPointer { pairs in
        stamps.withUnsafeMutableBufferPointer { stamps in
          while live > 0 {
            var smallest = UInt64.max
            for pair in pairs where pair < smallest { smallest = pair }
            var stamp: UInt32 = 0
            var inCounted = false
            for index in 0..<pairs.count where pairs[index] == smallest {
              stamp = max(stamp, stamps[index])
              inCounted = inCounted || counted[index]
              if let (next, nextStamp) = readers[index].next() {
                (pairs[index], stamps[index]) = (next, nextStamp)
              } else {
                pairs[index] = .max
                live -= 1
              }
            }
            body(smallest, stamp, inCounted)
          }
        }
      }
    }
  }
}

/// Writes a run: each pair as the varint of its difference to the one before, then its stamp,
/// straight into a buffer sized for the worst case (no per-byte checks).
struct RunWriter {
  /// The most bytes one entry takes: a 64-bit varint (10) and a stamp (4).
  static let maximumEntryBytes = 14

  private let base: UnsafeMutablePointer<UInt8>
  private let keepsTimes: Bool
  private(set) var position = 0
  private(set) var count = 0
  private var previous: UInt64 = 0
  /// The run's index, when it is built.
  private var index: RunIndex?

  /// A run written by `fill` into at most `capacity` bytes (a bound the caller guarantees:
  /// ``maximumEntryBytes`` per entry, or the bytes of the runs being merged).
  /// With `indexed`, the run comes with its ``RunIndex``.
  static func run(
    capacity: Int, keepsTimes: Bool, indexed: Bool = false, _ fill: (inout RunWriter) -> Void
  ) -> PairLog.Run {
    var count = 0
    var index: RunIndex?
    var bytes = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, initialized in
      var writer = RunWriter(base: buffer.baseAddress!, keepsTimes: keepsTimes)
      if indexed { writer.index = RunIndex() }
      fill(&writer)
      initialized = writer.position
      count = writer.count
      if count > 0 { writer.index?.close(last: writer.previous) }
      index = writer.index
    }
    // A small run written into a worst-case buffer keeps only what it needs.
    if bytes.capacity > bytes.count + bytes.count / 4 + 4096 { bytes = Array(bytes) }
    return PairLog.Run(bytes: bytes, count: count, index: index)
  }

  private init(base: UnsafeMutablePointer<UInt8>, keepsTimes: Bool) {
    self.base = base
    self.keepsTimes = keepsTimes
  }

  @inline(__always)
  mutating func append(_ pair: UInt64, _ stamp: UInt32) {
    index?.note(pair, stamp: stamp, after: previous, offset: position, entry: count)
    writeDelta(pair &- previous)
    if keepsTimes {
      base[position] = UInt8(truncatingIfNeeded: stamp)
      base[position + 1] = UInt8(truncatingIfNeeded: stamp >> 8)
      base[position + 2] = UInt8(truncatingIfNeeded: stamp >> 16)
      base[position + 3] = UInt8(truncatingIfNeeded: stamp >> 24)
      position += 4
    }
    previous = pair
    count += 1
  }

  @inline(__always)
  private mutating func writeDelta(_ value: UInt64) {
    var delta = value
    while delta >= 0x80 {
      base[position] = UInt8(truncatingIfNeeded: delta) | 0x80
      position += 1
      delta >>= 7
    }
    base[position] = UInt8(delta)
    position += 1
  }

  /// Appends the stretches of users `positions` (of its ``PairLog/Run/index``) of `run` as
  /// they are: only the first entry's difference is written anew, against the pair before it
  /// here; the rest of the bytes are copied. Both runs are indexed.
  mutating func copy(_ run: PairLog.Run, users positions: Range<Int>) {
    guard !positions.isEmpty, let source = run.index, index != nil else {
      precondition(positions.isEmpty, "a copy between runs without an index")
      return
    }
    let range = source.bytes(of: positions, in: run.bytes.count)
    let firstLength = RunReader.varint(in: run.bytes, at: range.lowerBound).length
    let start = position
    writeDelta(source.firstPair(positions.lowerBound) &- previous)
    // Where the copied entries' bytes now are, relative to where they were.
    let shift = position - (range.lowerBound + firstLength)
    run.bytes.withUnsafeBufferPointer { bytes in
      let rest = range.lowerBound + firstLength..<range.upperBound
      (base + position).update(from: bytes.baseAddress! + rest.lowerBound, count: rest.count)
      position += rest.count
    }
    if count > 0 { index!.close(last: previous) }
    for user in positions {
      let offset = user == positions.lowerBound ? start : Int(source.offsets[user]) + shift
      index!.append(
        source, user, offset: offset,
        entry: count + Int(source.entriesBefore[user] - source.entriesBefore[positions.lowerBound]))
    }
    index!.note(stamp: source.minimumStamp)
    count += source.entries(of: positions, in: run.count)
    previous = source.lastPair(positions.upperBound - 1)
  }
}

/// Reads a run back, pair by pair; a damaged run ends early (the count check in
/// ``PairLog/init(from:)`` notices).
struct RunReader {
  private let bytes: [UInt8]
  private let keepsTimes: Bool
  /// The byte the next entry starts at, and the end of the bytes read.
  private(set) var position: Int
  private let end: Int
  private var pair: UInt64

  /// Reads the whole run.
  init(_ bytes: [UInt8], keepsTimes: Bool) {
    self.bytes = bytes
    self.keepsTimes = keepsTimes
    (position, end, pair) = (0, bytes.count, 0)
  }

  /// Reads the stretch of user `position` of `run`'s index (nothing when it is `nil`).
  init(_ run: PairLog.Run, keepsTimes: Bool, user position: Int?) {
    self.bytes = run.bytes
    self.keepsTimes = keepsTimes
    guard let position, let index = run.index else {
      (self.position, end, pair) = (0, 0, 0)
      return
    }
    let range = index.bytes(of: position..<position + 1, in: run.bytes.count)
    (self.position, end) = (range.lowerBound, range.upperBound)
    // The first entry's difference was to a pair of another user: start from the pair that
    // makes it come out as the index says.
    pair = index.firstPair(position) &- Self.varint(in: run.bytes, at: range.lowerBound).value
  }

  /// The varint at `offset` of `bytes` and how many bytes it takes (a run's own bytes: whole).
  static func varint(in bytes: [UInt8], at offset: Int) -> (value: UInt64, length: Int) {
    var position = offset
    let value = readVarint(bytes, at: &position, end: bytes.count) ?? 0
    return (value, position - offset)
  }

  /// Reads the varint at `position`, before `end`, and moves past it; `nil` when it runs past
  /// `end` or 64 bits (a damaged run).
  @inline(__always)
  private static func readVarint(_ bytes: [UInt8], at position: inout Int, end: Int) -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < end, shift < 64 else { return nil }
      let byte = bytes[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  /// Whether every byte was read.
  var isAtEnd: Bool { position == end }

  mutating func next() -> (UInt64, UInt32)? {
    guard let delta = Self.readVarint(bytes, at: &position, end: end) else { return nil }
    pair &+= delta
    var stamp: UInt32 = 0
    if keepsTimes {
      guard position + 4 <= end else { return nil }
      stamp =
        UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
        | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24
      position += 4
    }
    return (pair, stamp)
  }
}

extension PairLog {
  /// Writes the pairs as one run (merged into a copy first, unless ``merge(keepingAfter:)`` already
  /// left one).
  func encode(into writer: inout BinaryWriter) {
    var copy = self
    if !copy.pending.isEmpty || copy.runs.count > 1 { copy.merge() }
    writer.write(UInt8(keepsTimes ? 1 : 0))
    writer.write(Int64(copy.runs.first?.count ?? 0))
    writer.write(copy.runs.first?.bytes ?? [])
  }

  init(from reader: inout BinaryReader) throws {
    keepsTimes = try reader.read(UInt8.self) == 1
    bufferSize = 1 << 18
    let count = Int(try reader.read(Int64.self))
    let bytes = try reader.readArray(UInt8.self)
    var pairs = 0
    var previous: UInt64 = 0
    var index = RunIndex()
    var decoder = RunReader(bytes, keepsTimes: keepsTimes)
    var offset = 0
    while let (pair, stamp) = decoder.next() {
      guard pairs == 0 || pair > previous else { throw StateError.damaged }
      index.note(pair, stamp: stamp, after: previous, offset: offset, entry: pairs)
      offset = decoder.position
      previous = pair
      pairs += 1
    }
    guard pairs == count, decoder.isAtEnd else { throw StateError.damaged }
    index.close(last: previous)
    runs = count > 0 ? [Run(bytes: bytes, count: count, counted: true, index: index)] : []
  }
}
