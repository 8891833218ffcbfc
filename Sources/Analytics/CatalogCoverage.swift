import EventStore
import ReportModel

/// Ratings per catalog track in each range, for the catalog coverage and the Gini coefficient
/// of ratings (``QualityReport``). A rating is a valid `feedback` row (a like or a dislike).
struct CatalogCoverage: Accumulator {
  /// The ranges kept, in the order of ``ratings``' inner index.
  static let windows: [(Windows, RangeKey)] = [(.all, .all), (.current30, .days30), (.current7, .days7)]

  /// `[track * 3 + window]`: ratings of the track in the window.
  private(set) var ratings: [Int32]

  init(_ setup: AccumulatorSetup) {
    ratings = Array(repeating: 0, count: setup.catalog.trackCount * Self.windows.count)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    ratings = try reader.readArray(Int32.self)
    guard ratings.count == setup.catalog.trackCount * Self.windows.count else {
      throw StateError.damaged
    }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(ratings)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    count(row.track, in: event.windows, sign: 1)
  }

  @inline(__always)
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty else { return }
    count(row.track, in: move.removed, sign: -1)
    count(row.track, in: move.added, sign: 1)
  }

  @inline(__always)
  private mutating func count(_ track: Int32, in windows: Windows, sign: Int32) {
    for (index, window) in Self.windows.enumerated() where windows.contains(window.0) {
      ratings[Int(track) * Self.windows.count + index] += sign
    }
  }

  /// Writes each range's ``QualityReport``.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    let tracks = context.setup.catalog.trackCount
    for (index, window) in Self.windows.enumerated() {
      let counts = (0..<tracks).map { Int(ratings[$0 * Self.windows.count + index]) }
      let quality = Self.quality(counts)
      switch window.1 {
      case .all: report.ranges.all.quality = quality
      case .days30: report.ranges.days30.quality = quality
      case .days7: report.ranges.days7.quality = quality
      }
    }
  }

  /// Coverage and Gini of ratings per catalog track.
  static func quality(_ counts: [Int]) -> QualityReport {
    let rated = counts.count { $0 > 0 }
    let total = counts.reduce(0, +)
    var gini: Double?
    if total > 0 {
      let sorted = counts.sorted()
      let weighted = sorted.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * Double($1.element) }
      let n = Double(counts.count)
      gini = Rounding.ratio(2 * weighted / (n * Double(total)) - (n + 1) / n)
    }
    return QualityReport(
      ratedTracks: rated, catalogTracks: counts.count,
      coverage: counts.isEmpty ? nil : Rounding.ratio(Double(rated) / Double(counts.count)),
      gini: gini)
  }
}
