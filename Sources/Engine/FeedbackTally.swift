import EventStore

/// Counts likes and dislikes per window: in total, per local day, per genre (a track with two
/// genres counts for both), per `source`, per `model` and per track.
///
/// Definition: like ratio = likes ÷ (likes + dislikes), undefined with no ratings.
package struct FeedbackTally: Sendable {
  static let slots = Windows.slots.count

  /// `[slot * 2 + (0 like | 1 dislike)]`.
  private(set) var totals: [Int]
  /// Per local day: `[slot * 2 + …]`.
  private(set) var daily: DailyCounts
  /// `[(slot * genres + genre) * 2 + …]`.
  private(set) var byGenre: [Int]
  private let genres: Int
  /// `[(label * slots + slot) * 2 + …]`, labels from the scan's label interner.
  private(set) var bySource: [Int] = []
  /// `[(label * slots + slot) * 2 + …]`.
  private(set) var byModel: [Int] = []
  /// `[(track * slots + slot) * 2 + …]`, every window (the previous ones give the quality
  /// panel's previous-period figures).
  private(set) var byTrack: [Int32]

  init(lastDay: Int, genres: Int, tracks: Int) {
    totals = Array(repeating: 0, count: Self.slots * 2)
    daily = DailyCounts(fields: Self.slots * 2, lastDay: lastDay)
    self.genres = genres
    byGenre = Array(repeating: 0, count: Self.slots * genres * 2)
    byTrack = Array(repeating: 0, count: tracks * Self.slots * 2)
  }

  /// The position of a slot among those with per-track counts, or `nil`: only the current
  /// windows show track lists.
  @inline(__always)
  static func trackedIndex(_ slot: Int) -> Int? {
    switch slot {
    case 0: 0
    case 1: 1
    case 3: 2
    default: nil
    }
  }

  /// Counts a rating at `context` in `windows`, or takes it back (`sign` −1).
  @inline(__always)
  mutating func count(
    _ row: FeedbackRow, genres trackGenres: ArraySlice<Int32>, _ context: EventContext,
    in windows: Windows, sign: Int = 1
  ) {
    let field = row.isLike ? 0 : 1
    let source = Int(row.source)
    let model = Int(row.model)
    let needed = (max(source, model) + 1) * Self.slots * 2
    if bySource.count < needed {
      bySource.append(contentsOf: repeatElement(0, count: needed - bySource.count))
    }
    if byModel.count < needed {
      byModel.append(contentsOf: repeatElement(0, count: needed - byModel.count))
    }
    forEachSlot(windows) { slot in
      totals[slot * 2 + field] += sign
      daily.add(day: context.day, field: slot * 2 + field, Int32(sign))
      for genre in trackGenres { byGenre[(slot * genres + Int(genre)) * 2 + field] += sign }
      bySource[(source * Self.slots + slot) * 2 + field] += sign
      byModel[(model * Self.slots + slot) * 2 + field] += sign
      byTrack[(Int(row.track) * Self.slots + slot) * 2 + field] += Int32(sign)
    }
  }

  /// Moves the as-of day to `lastDay` (a later day).
  mutating func rebase(lastDay: Int) { daily.rebase(lastDay: lastDay) }

  /// Approximate bytes of the per-track and per-day counts.
  var memory: Int { byTrack.count * 4 + daily.values.count * 4 }

  /// (likes, dislikes) of a slot.
  func totals(slot: Int) -> (likes: Int, dislikes: Int) { (totals[slot * 2], totals[slot * 2 + 1]) }

  /// (likes, dislikes) on local `day` in a slot.
  func daily(slot: Int, day: Int) -> (likes: Int, dislikes: Int) {
    (daily.value(day: day, field: slot * 2), daily.value(day: day, field: slot * 2 + 1))
  }

  /// The earliest local day with a rating in a slot.
  func firstDay(slot: Int) -> Int? { daily.firstDay(fields: (slot * 2)..<(slot * 2 + 2)) }

  /// (likes, dislikes) per genre in a slot.
  func byGenre(slot: Int) -> [(Int, Int)] {
    (0..<genres).map { (byGenre[(slot * genres + $0) * 2], byGenre[(slot * genres + $0) * 2 + 1]) }
  }

  /// (likes, dislikes) per source label in a slot.
  func bySource(slot: Int) -> [(Int, Int)] { Self.perLabel(bySource, slot: slot) }

  /// (likes, dislikes) per model label in a slot.
  func byModel(slot: Int) -> [(Int, Int)] { Self.perLabel(byModel, slot: slot) }

  private static func perLabel(_ counts: [Int], slot: Int) -> [(Int, Int)] {
    (0..<(counts.count / (slots * 2))).map {
      (counts[($0 * slots + slot) * 2], counts[($0 * slots + slot) * 2 + 1])
    }
  }

  /// (likes, dislikes) of a track in a slot.
  package func track(_ track: Int, slot: Int) -> (likes: Int, dislikes: Int) {
    let base = (track * Self.slots + slot) * 2
    return (Int(byTrack[base]), Int(byTrack[base + 1]))
  }
}

extension FeedbackTally {
  func encode(into writer: inout BinaryWriter) {
    writer.write(totals)
    daily.encode(into: &writer)
    writer.write(Int64(genres))
    writer.write(byGenre)
    writer.write(bySource)
    writer.write(byModel)
    writer.write(byTrack)
  }

  init(from reader: inout BinaryReader) throws {
    totals = try reader.readArray(Int.self)
    daily = try DailyCounts(from: &reader)
    genres = Int(try reader.read(Int64.self))
    byGenre = try reader.readArray(Int.self)
    bySource = try reader.readArray(Int.self)
    byModel = try reader.readArray(Int.self)
    byTrack = try reader.readArray(Int32.self)
    guard totals.count == Self.slots * 2, byGenre.count == Self.slots * genres * 2 else {
      throw StateError.damaged
    }
  }
}

extension FeedbackTally: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) { statistics.trackBytes += memory }

  init(_ setup: AccumulatorSetup) {
    self.init(
      lastDay: setup.lastDay, genres: setup.catalog.genreNames.count,
      tracks: setup.catalog.trackCount)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    try self.init(from: &reader)
    guard byTrack.count == setup.catalog.trackCount * Self.slots * 2 else {
      throw StateError.damaged
    }
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) {
    if track >= 0 { Engine.prefetch(byTrack, Int(track) * Self.slots * 2) }
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    count(row, genres: event.trackGenres, event, in: event.windows)
  }

  mutating func advance(_ setup: AccumulatorSetup) { rebase(lastDay: setup.lastDay) }

  /// Sums; the per-source and per-model counts move to the merged label indexes.
  mutating func merge(_ other: FeedbackTally, _ mapping: MergeMapping) {
    addCounts(other.totals, to: &totals)
    daily.add(other.daily)
    addCounts(other.byGenre, to: &byGenre)
    addCounts(other.byTrack, to: &byTrack)
    Self.addPerLabel(other.bySource, to: &bySource, labels: mapping.labels)
    Self.addPerLabel(other.byModel, to: &byModel, labels: mapping.labels)
  }

  /// Adds per-label counts (`[(label * slots + slot) * 2 + …]`) with each label `l` of `part`
  /// moved to `labels[l]`.
  private static func addPerLabel(_ part: [Int], to merged: inout [Int], labels: [Int32]) {
    let stride = slots * 2
    for label in 0..<(part.count / stride) {
      let target = Int(labels[label]) * stride
      if merged.count < target + stride {
        merged.append(contentsOf: repeatElement(0, count: target + stride - merged.count))
      }
      for field in 0..<stride { merged[target + field] += part[label * stride + field] }
    }
  }

  @inline(__always)
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty else { return }
    count(row, genres: event.trackGenres, event, in: move.removed, sign: -1)
    count(row, genres: event.trackGenres, event, in: move.added)
  }
}
