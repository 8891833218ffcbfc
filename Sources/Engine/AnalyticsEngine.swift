import EventStore
import Formatting
import ReportModel
import Workers

/// The one-pass engine: every valid row is handed to every accumulator once, then
/// ``finish(_:)`` turns their state into a ``Report``.
///
/// Memory grows with users, tracks, genres and terms, never with events: rows are not kept.
/// The engine is pure — no clock, no files, no database — so tests feed it rows directly.
public struct AnalyticsEngine: Sendable {
  /// Every accumulator, in the order each sees a row and writes its state. A new metric is one
  /// more line here (and one new file with its ``Accumulator``).
  typealias Accumulators =
    AccumulatorChain<
      ActivityCounter,
      AccumulatorChain<
        FeedbackTally,
        AccumulatorChain<
          GenrePopularity,
          AccumulatorChain<
            LastActivity,
            AccumulatorChain<
              WordCounter,
              AccumulatorChain<
                RaterCounts,
                AccumulatorChain<
                  TrackExposure,
                  AccumulatorChain<
                    TrackAudience,
                    AccumulatorChain<
                      ListenerTenure,
                      AccumulatorChain<
                        RecentDays,
                        ModelExperiments
                      >
                    >
                  >
                >
              >
            >
          >
        >
      >
    >

  package let options: ReportOptions
  package private(set) var edges: WindowEdges
  /// The edges before the last ``advance(to:)``: those that recounted rows leave.
  private var movedFrom: WindowEdges
  package let catalog: Catalog
  private var clock: LocalClock
  private(set) var accumulators: Accumulators

  /// An engine for a report as of `asOf` over `catalog`.
  public init(asOf: Int64, catalog: Catalog, options: ReportOptions) {
    let setup = AccumulatorSetup(asOf: asOf, catalog: catalog, options: options)
    self.options = options
    self.edges = setup.edges
    movedFrom = setup.edges
    self.catalog = catalog
    clock = LocalClock(options.zone)
    accumulators = Accumulators(setup)
  }

  /// The accumulators a saved state holds, in order, with their versions (see
  /// ``AccumulatorGroup/stateLayout``): what a state file's version is derived from.
  package static var stateLayout: String { Accumulators.stateLayout }

  /// The as-of time.
  public var asOf: Int64 { edges.asOf }

  @inline(__always)
  private mutating func context(_ time: Int64, windows: Windows, track: Int32) -> EventContext {
    let (day, second) = clock.local(time)
    return EventContext(
      windows: windows, day: day, weekday: CivilDate.weekday(ofDayNumber: day),
      hour: second / 3600, trackGenres: track >= 0 ? catalog.genres(ofTrack: track) : [])
  }

  /// Starts loading what a row of `user` and `track` (−1: none) will touch; call it a few rows
  /// ahead of ``add(_:)-(ActivityRow)``. Only a hint: it changes no count.
  @inline(__always)
  public func prefetch(user: Int32, track: Int32) {
    if track >= 0 { catalog.prefetchGenres(ofTrack: track) }
    accumulators.prefetch(user: user, track: track)
  }

  /// Adds one valid `activity` row (its time must not be after the as-of time).
  public mutating func add(_ row: ActivityRow) {
    let event = context(row.time, windows: edges.windows(of: row.time), track: row.track)
    accumulators.add(row, event)
  }

  /// Adds one valid `feedback` row (its time must not be after the as-of time).
  public mutating func add(_ row: FeedbackRow) {
    let event = context(row.time, windows: edges.windows(of: row.time), track: row.track)
    accumulators.add(row, event)
  }

  /// Tidies every accumulator's state once all rows are counted (merges buffers): call before
  /// ``finish(_:)`` and before the state is written, so neither needs a copy.
  /// `loop` runs the independent halves of the work (``IndexLoops/serial`` unless the caller
  /// passes a parallel one); the state is the same either way.
  public mutating func settle(_ loop: @escaping IndexLoop = IndexLoops.serial) {
    accumulators.settle(loop)
  }

  // MARK: Moving the as-of time

  /// Moves the as-of time forward to `asOf`, for an incremental build. Counts still describe
  /// the old windows until every row an edge passed over is recounted with
  /// ``recount(_:)-(ActivityRow)``.
  public mutating func advance(to asOf: Int64) {
    precondition(asOf >= edges.asOf, "the as-of time only moves forward")
    let setup = AccumulatorSetup(asOf: asOf, catalog: catalog, options: options)
    movedFrom = edges
    edges = setup.edges
    accumulators.advance(setup)
  }

  /// Moves an already counted `activity` row from the windows it had before the last
  /// ``advance(to:)`` to those it has now. Only per-range counts change.
  public mutating func recount(_ row: ActivityRow) {
    let event = context(row.time, windows: edges.windows(of: row.time), track: row.track)
    let move = WindowMove(from: movedFrom.windows(of: row.time), to: event.windows)
    accumulators.recount(row, event, move)
  }

  /// Moves an already counted `feedback` row between windows, like the activity version.
  public mutating func recount(_ row: FeedbackRow) {
    let event = context(row.time, windows: edges.windows(of: row.time), track: row.track)
    let move = WindowMove(from: movedFrom.windows(of: row.time), to: event.windows)
    accumulators.recount(row, event, move)
  }

  // MARK: Partitions

  /// Adds the state of an engine that counted another, disjoint set of listeners for the same
  /// as-of time, catalog and options (see ``AccumulatorGroup/merge(_:_:)``).
  package mutating func merge(_ other: AnalyticsEngine, _ mapping: MergeMapping) {
    precondition(other.asOf == asOf, "engines of different as-of times")
    accumulators.merge(other.accumulators, mapping)
  }

  // MARK: The first wave's accumulators, for the finish

  var activity: ActivityCounter { accumulators.find(ActivityCounter.self)! }
  package var feedback: FeedbackTally { accumulators.find(FeedbackTally.self)! }
  var genres: GenrePopularity { accumulators.find(GenrePopularity.self)! }
  var last: LastActivity { accumulators.find(LastActivity.self)! }
  var words: WordCounter { accumulators.find(WordCounter.self)! }
  var raters: RaterCounts { accumulators.find(RaterCounts.self)! }
  var audience: TrackAudience { accumulators.find(TrackAudience.self)! }
  var tenure: ListenerTenure { accumulators.find(ListenerTenure.self)! }
  var recentDays: RecentDays { accumulators.find(RecentDays.self)! }
}

extension AnalyticsEngine {
  /// Writes every accumulator (not the options or the catalog, which the next build brings):
  /// the as-of time, then each accumulator as a section of its own (``StateSections``), and
  /// marks the start of the section after them.
  package func encode(into writer: inout BinaryWriter) {
    writer.write(edges.asOf)
    accumulators.encodeSections(into: &writer)
    writer.mark()
  }

  /// The number of sections ``encode(into:)`` starts: one per accumulator, and the one after.
  package static var sections: Int { Accumulators.members + 1 }

  /// Restores what ``encode(into:)`` wrote for the same options and catalog: the as-of time
  /// from `reader` (which then ends), the accumulators from `sections` (their sections start
  /// at `first`), decoded side by side as `loop` runs them.
  package init(
    from reader: inout BinaryReader, sections: StateSections, first: Int, catalog: Catalog,
    options: ReportOptions, loop: IndexLoop
  ) throws {
    let setup = AccumulatorSetup(
      asOf: try reader.read(Int64.self), catalog: catalog, options: options)
    guard reader.isAtEnd, first + Self.sections <= sections.count else {
      throw StateError.damaged
    }
    self.options = options
    self.catalog = catalog
    edges = setup.edges
    movedFrom = setup.edges
    clock = LocalClock(options.zone)
    // The largest sections first, so that the last to start are short (the all-time pairs of
    // listeners and tracks alone are half the state).
    let members = Accumulators.members
    let order = (0..<members).sorted { sections.size(first + $0) > sections.size(first + $1) }
    let decoded = IndexLoops.map(loop, members) { turn in
      Swift.Result {
        try Accumulators.decodeMember(order[turn], from: sections, first: first, setup)
      }
    }
    var turnOf = [Int](repeating: 0, count: members)
    for (turn, index) in order.enumerated() { turnOf[index] = turn }
    accumulators = Accumulators(members: try turnOf.map { try decoded[$0].get() }, first: 0)
  }
}
