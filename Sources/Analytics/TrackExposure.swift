import EventStore
import ReportModel

/// Plays per catalog track in each range; with the per-track likes and dislikes that
/// ``FeedbackTally`` already keeps, what ``QualityReport``'s catalog coverage, Gini coefficient
/// and popularity bias are computed from. A rating is a valid `feedback` row; a play is a valid
/// `activity` row of kind `play` that names a catalog track.
struct TrackExposure: Accumulator {
  /// The ranges kept, in the order of the arrays' inner index.
  static let windows: [(Windows, RangeKey)] = [(.all, .all), (.current30, .days30), (.current7, .days7)]
  /// The share of a range's plays the popularity head holds at least.
  static let headShare = 0.8

  /// `[track * 3 + window]`: plays of the track in the window.
  private(set) var plays: [Int32]

  init(_ setup: AccumulatorSetup) {
    plays = Array(repeating: 0, count: setup.catalog.trackCount * Self.windows.count)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    plays = try reader.readArray(Int32.self)
    guard plays.count == setup.catalog.trackCount * Self.windows.count else {
      throw StateError.damaged
    }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(plays)
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    if row.kind == .play && row.track >= 0 { Self.count(&plays, row.track, in: event.windows, sign: 1) }
  }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty, row.kind == .play, row.track >= 0 else { return }
    Self.count(&plays, row.track, in: move.removed, sign: -1)
    Self.count(&plays, row.track, in: move.added, sign: 1)
  }

  /// Adds `sign` to the track's counts of the ranges in `windows` (unrolled: this runs for
  /// every play and every rating).
  @inline(__always)
  private static func count(_ counts: inout [Int32], _ track: Int32, in windows: Windows, sign: Int32) {
    let base = Int(track) * 3
    counts.withUnsafeMutableBufferPointer { counts in
      if windows.contains(.all) { counts[base] &+= sign }
      if windows.contains(.current30) { counts[base + 1] &+= sign }
      if windows.contains(.current7) { counts[base + 2] &+= sign }
    }
  }

  /// Writes each range's ``QualityReport``.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let catalog = context.setup.catalog
    let feedback = context.feedback
    // Each track's place in id order, computed once: ties in plays are broken by it.
    var idRank = [Int](repeating: 0, count: catalog.trackCount)
    let byID = (0..<catalog.trackCount).sorted {
      catalog.tracks.bytes(at: Int32($0)).lexicographicallyPrecedes(catalog.tracks.bytes(at: Int32($1)))
    }
    for (rank, track) in byID.enumerated() { idRank[track] = rank }
    for (index, window) in Self.windows.enumerated() {
      let column = { (counts: [Int32]) in
        (0..<catalog.trackCount).map { Int(counts[$0 * Self.windows.count + index]) }
      }
      let slot = Windows.currentSlot(window.1)
      let ratings = (0..<catalog.trackCount).map { feedback.track($0, slot: slot) }
      let quality = Self.quality(
        plays: column(plays), likes: ratings.map(\.likes), dislikes: ratings.map(\.dislikes),
        idRank: idRank)
      switch window.1 {
      case .all: report.ranges.all.quality = quality
      case .days30: report.ranges.days30.quality = quality
      case .days7: report.ranges.days7.quality = quality
      }
    }
  }

  /// Coverage, Gini of ratings and popularity bias, from per-track counts of one range.
  static func quality(plays: [Int], likes: [Int], dislikes: [Int], idRank: [Int]) -> QualityReport {
    let ratings = zip(likes, dislikes).map { $0 + $1 }
    let rated = ratings.count { $0 > 0 }
    let total = ratings.reduce(0, +)
    var gini: Double?
    if total > 0 {
      let sorted = ratings.sorted()
      let weighted = sorted.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * Double($1.element) }
      let n = Double(ratings.count)
      gini = Rounding.ratio(2 * weighted / (n * Double(total)) - (n + 1) / n)
    }
    // The head: the most-played tracks (ties by id) until they hold 80% of the plays. A track
    // without plays adds nothing, so only played tracks are sorted.
    let allPlays = plays.reduce(0, +)
    var head = Set<Int>()
    if allPlays > 0 {
      let played = plays.indices.filter { plays[$0] > 0 }.sorted {
        plays[$0] != plays[$1] ? plays[$0] > plays[$1] : idRank[$0] < idRank[$1]
      }
      var held = 0
      for track in played where Double(held) < headShare * Double(allPlays) {
        head.insert(track)
        held += plays[track]
      }
    }
    var (headLikes, headDislikes, tailLikes, tailDislikes) = (0, 0, 0, 0)
    for track in ratings.indices where ratings[track] > 0 {
      if head.contains(track) {
        (headLikes, headDislikes) = (headLikes + likes[track], headDislikes + dislikes[track])
      } else {
        (tailLikes, tailDislikes) = (tailLikes + likes[track], tailDislikes + dislikes[track])
      }
    }
    return QualityReport(
      ratedTracks: rated, catalogTracks: ratings.count,
      coverage: ratings.isEmpty ? nil : Rounding.ratio(Double(rated) / Double(ratings.count)),
      gini: gini,
      popularity: allPlays > 0 && total > 0
        ? PopularityBias(
          headTracks: head.count,
          tailShare: Rounding.ratio(Double(tailLikes + tailDislikes) / Double(total)),
          head: RatedGroup(name: "head", likes: headLikes, dislikes: headDislikes),
          tail: RatedGroup(name: "tail", likes: tailLikes, dislikes: tailDislikes))
        : nil)
  }
}
