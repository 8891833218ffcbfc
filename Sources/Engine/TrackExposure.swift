import EventStore
import ReportModel
import Workers

/// Plays per catalog track in each range; with the per-track likes and dislikes that
/// ``FeedbackTally`` already keeps, what ``QualityReport``'s tracks played, catalog coverage,
/// Gini coefficient and popularity bias are computed from. A rating is a valid `feedback` row; a
/// play is a valid `activity` row of kind `play` that names a catalog track; *tracks played* =
/// catalog tracks with at least one play in the range.
struct TrackExposure: Accumulator {
  static let stateVersion = 1

  /// The share of a range's plays the popularity head holds at least.
  static let headShare = 0.8
  static let slots = Windows.slots.count

  /// `[track * slots + slot]`: plays of the track in the window.
  private(set) var plays: [Int32]

  init(_ setup: AccumulatorSetup) {
    plays = Array(repeating: 0, count: setup.catalog.trackCount * Self.slots)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    plays = try reader.readArray(Int32.self)
    guard plays.count == setup.catalog.trackCount * Self.slots else { throw StateError.damaged }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(plays)
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) {
    if track >= 0 { Engine.prefetch(plays, Int(track) * Self.slots) }
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    if row.kind == .play && row.track >= 0 {
      Self.count(&plays, row.track, in: event.windows, sign: 1)
    }
  }

  /// Plays add up.
  mutating func merge(_ other: TrackExposure, _ mapping: MergeMapping) {
    addCounts(other.plays, to: &plays)
  }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty, row.kind == .play, row.track >= 0 else { return }
    Self.count(&plays, row.track, in: move.removed, sign: -1)
    Self.count(&plays, row.track, in: move.added, sign: 1)
  }

  /// Adds `sign` to the track's counts of the windows in `windows`.
  @inline(__always)
  private static func count(
    _ counts: inout [Int32], _ track: Int32, in windows: Windows, sign: Int32
  ) {
    let base = Int(track) * slots
    counts.withUnsafeMutableBufferPointer { counts in
      forEachSlot(windows) { slot in counts[base + slot] &+= sign }
    }
  }

  /// Writes each range's ``QualityReport`` (tracks played, coverage, Gini, popularity bias, and
  /// the same for the range before); the other accumulators add their figures to it.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let catalog = context.setup.catalog
    let feedback = context.feedback
    let idRank = Self.idRank(catalog)
    let plays = self.plays
    // Each window's figures are independent of the others': computed side by side.
    let qualities = IndexLoops.map(context.loop, Windows.slots.count) { slot in
      var likes = [Int](repeating: 0, count: catalog.trackCount)
      var dislikes = likes
      for track in 0..<catalog.trackCount {
        (likes[track], dislikes[track]) = feedback.track(track, slot: slot)
      }
      return Self.quality(
        plays: (0..<catalog.trackCount).map { Int(plays[$0 * Self.slots + slot]) },
        likes: likes, dislikes: dislikes, idRank: idRank)
    }
    for range in RangeKey.allCases {
      var current = qualities[Windows.currentSlot(range)]
      if let previousSlot = Windows.previousSlot(range) {
        let previous = qualities[previousSlot]
        current.previous = PreviousQuality(
          playedTracks: previous.playedTracks, coverage: previous.coverage, gini: previous.gini,
          tailShare: previous.tailShare,
          novelty: nil)
      }
      report.ranges[range].quality = current
    }
  }

  /// Each track's place in byte order of the ids, by which ties in plays are broken: the catalog
  /// index itself when the catalog lists its tracks in that order, as every source does.
  static func idRank(_ catalog: Catalog) -> [Int] {
    let tracks = catalog.tracks
    let count = catalog.trackCount
    let inOrder = (0..<max(0, count - 1)).allSatisfy { track in
      !tracks.bytes(at: Int32(track + 1)).lexicographicallyPrecedes(tracks.bytes(at: Int32(track)))
    }
    if inOrder { return Array(0..<count) }
    var idRank = [Int](repeating: 0, count: count)
    let byID = (0..<count).sorted {
      tracks.bytes(at: Int32($0)).lexicographicallyPrecedes(tracks.bytes(at: Int32($1)))
    }
    for (rank, track) in byID.enumerated() { idRank[track] = rank }
    return idRank
  }
}
