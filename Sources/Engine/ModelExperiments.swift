import EventStore
import ReportModel

/// The ratings that model-version comparisons (``ModelComparison``) are computed from: who
/// rated a recommendation of which version, seeded from which source, on which local day, and
/// whether they liked it; and each version's first rating in the whole log.
///
/// A comparison counts only the days on which both versions served, and those are known only
/// at the end; so the state keeps every rating as one 8-byte record — listener, local day, like —
/// in a list per (model, source) pair, instead of per-listener sums. That is exact for every
/// range at once (a range's days are a filter at the end), needs no recounting when the as-of
/// time moves (a rating never leaves the log, and the ranges' edges are whole local days
/// except the as-of time, which no counted row is after), and merges across partitions by
/// concatenation.
struct ModelExperiments: Accumulator {
  static let stateVersion = 1

  /// The (model, source) label pairs, packed by ``pairKey(model:source:)``, in first-seen order.
  private(set) var pairs: [Int64] = []
  /// `[pair]`: that pair's ratings, each packed by ``record(user:day:isLike:)``.
  private(set) var records: [[UInt64]] = []
  /// Where each pair is in ``pairs``.
  private var pairIndex: [Int64: Int] = [:]
  /// The last pair looked up and its index: consecutive ratings mostly share one.
  private var lastPair: (key: Int64, index: Int) = (-1, -1)
  /// `[label]`: the time of the model's first rating; `Int64.max` for a label that is no model.
  private(set) var firstRating: [Int64] = []

  init(_ setup: AccumulatorSetup) {}

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    pairs = try reader.readArray(Int64.self)
    records = try pairs.map { _ in try reader.readArray(UInt64.self) }
    firstRating = try reader.readArray(Int64.self)
    for (index, key) in pairs.enumerated() {
      let (model, source) = Self.labels(of: key)
      guard model >= 0, source >= 0, pairIndex.updateValue(index, forKey: key) == nil else {
        throw StateError.damaged
      }
    }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(pairs)
    for list in records { writer.write(list) }
    writer.write(firstRating)
  }

  func describe(into statistics: inout EngineStatistics) {
    statistics.userBytes += records.reduce(0) { $0 + $1.count * 8 } + firstRating.count * 8
  }

  /// One rating: the listener in the high 32 bits, the local day offset by 2³⁰ in the next 31,
  /// a like in the lowest bit.
  @inline(__always)
  static func record(user: Int32, day: Int, isLike: Bool) -> UInt64 {
    UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(truncatingIfNeeded: day + dayOffset))
      << 1
      | (isLike ? 1 : 0)
  }

  /// The listener of a ``record(user:day:isLike:)``.
  @inline(__always)
  static func user(_ record: UInt64) -> Int { Int(record >> 32) }

  /// The local day of a ``record(user:day:isLike:)``.
  @inline(__always)
  static func day(_ record: UInt64) -> Int { Int((record >> 1) & 0x7FFF_FFFF) - dayOffset }

  /// Whether a ``record(user:day:isLike:)`` is a like.
  @inline(__always)
  static func isLike(_ record: UInt64) -> Bool { record & 1 == 1 }

  /// Days are stored as `day + 2³⁰` in 31 bits: any day from 2.9 million years before 1970 on.
  private static let dayOffset = 1 << 30

  /// A (model, source) label pair as one key.
  @inline(__always)
  static func pairKey(model: Int32, source: Int32) -> Int64 {
    Int64(model) << 32 | Int64(UInt32(bitPattern: source))
  }

  /// The model and source labels of a ``pairKey(model:source:)``.
  static func labels(of key: Int64) -> (model: Int32, source: Int32) {
    (Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key))
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    let key = Self.pairKey(model: row.model, source: row.source)
    let index = key == lastPair.key ? lastPair.index : slot(of: key)
    lastPair = (key, index)
    records[index].append(Self.record(user: row.user, day: event.day, isLike: row.isLike))
    see(model: Int(row.model), at: row.time)
  }

  /// Keeps `time` if it is the model's first rating so far.
  @inline(__always)
  private mutating func see(model: Int, at time: Int64) {
    if model >= firstRating.count {
      firstRating.append(contentsOf: repeatElement(Int64.max, count: model + 1 - firstRating.count))
    }
    firstRating[model] = min(firstRating[model], time)
  }

  /// The index of `key` in ``pairs``, added if new.
  private mutating func slot(of key: Int64) -> Int {
    if let index = pairIndex[key] { return index }
    pairs.append(key)
    records.append([])
    pairIndex[key] = pairs.count - 1
    return pairs.count - 1
  }

  /// The other partition's ratings, with its listeners and labels moved, after these; first
  /// ratings are the earlier of the two.
  mutating func merge(_ other: ModelExperiments, _ mapping: MergeMapping) {
    let shift = UInt64(mapping.userOffset) << 32
    for (key, list) in zip(other.pairs, other.records) {
      let (model, source) = Self.labels(of: key)
      let index = slot(
        of: Self.pairKey(
          model: mapping.labels[Int(model)], source: mapping.labels[Int(source)]))
      records[index].append(contentsOf: list.lazy.map { $0 &+ shift })
    }
    for (label, time) in other.firstRating.enumerated() where time != Int64.max {
      see(model: Int(mapping.labels[label]), at: time)
    }
    lastPair = (-1, -1)
  }
}
