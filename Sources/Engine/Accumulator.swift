import EventStore
import ReportModel
import Workers

/// One metric's share of the one-pass engine, with a state of its own: it sees every valid row
/// once, keeps only per-user, per-track, per-genre or per-term state (never per-event state), and
/// can be saved and restored so the next build reads only new rows.
///
/// The engine calls, for every build: ``AccumulatorGroup/init(_:)`` (or, with a saved state,
/// ``init(decoding:_:)`` on its own section of it), then ``AccumulatorGroup/add(_:_:)-(ActivityRow,_)`` and
/// ``AccumulatorGroup/add(_:_:)-(FeedbackRow,_)`` for each row in id order; for an incremental
/// build first ``AccumulatorGroup/advance(_:)`` to the new as-of time and
/// ``AccumulatorGroup/recount(_:_:_:)-(ActivityRow,_,_)`` for every old row a range edge passed
/// over; and at the end ``AccumulatorGroup/finish(into:_:)``. Adding a metric is one new
/// conforming type plus one line in ``AnalyticsEngine/Accumulators``; the test that incremental
/// builds equal full builds then covers it too.
///
/// Every method but the initialisers, ``encode(into:)`` and ``AccumulatorGroup/merge(_:_:)`` has
/// a default that does nothing, so an accumulator implements only what it counts — and says how
/// its state for one set of listeners merges with another's (a partitioned build).
protocol Accumulator: AccumulatorGroup {
  /// The version of what ``encode(into:)`` writes: raise it when the state's layout or meaning
  /// changes. The state file's version is derived from every accumulator's (see
  /// ``AccumulatorGroup/stateLayout``), so an old state is never read with a new meaning.
  static var stateVersion: Int { get }

  /// Restores the state ``encode(into:)`` wrote for the same options and catalog.
  /// - Throws: ``StateError/damaged`` when the bytes do not fit `setup`.
  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws

  /// Writes the state, everything the next build needs to go on counting.
  func encode(into writer: inout BinaryWriter)
}

extension Accumulator {
  static var stateLayout: String { "\(Self.self) \(stateVersion)" }
  static var members: Int { 1 }

  /// One section: the state ``encode(into:)`` writes.
  func encodeSections(into writer: inout BinaryWriter) {
    writer.mark()
    encode(into: &writer)
  }

  static func decodeMember(
    _ index: Int, from sections: StateSections, first: Int, _ setup: AccumulatorSetup
  ) throws -> any Accumulator {
    precondition(index == 0, "one accumulator, one member")
    var reader = sections.reader(first)
    let member = try Self(decoding: &reader, setup)
    guard reader.isAtEnd else { throw StateError.damaged }
    return member
  }

  init(members: [any Accumulator], first: Int) {
    guard let member = members[first] as? Self else {
      preconditionFailure("member \(first) is not a \(Self.self)")
    }
    self = member
  }

  func prefetch(user: Int32, track: Int32) {}
  mutating func add(_ row: ActivityRow, _ event: EventContext) {}
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {}
  mutating func advance(_ setup: AccumulatorSetup) {}
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {}
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {}
  mutating func settle(_ loop: IndexLoop) {}
  func finish(into report: inout Report, _ context: FinishContext) throws {}
  func find<T: Accumulator>(_ type: T.Type) -> T? { self as? T }
  func describe(into statistics: inout EngineStatistics) {}
}

/// What every accumulator is built from: the as-of time's window edges and local day, the
/// catalog and the options.
struct AccumulatorSetup: Sendable {
  /// The edges of the windows as of the report's time.
  var edges: WindowEdges
  /// The as-of time's local day number.
  var lastDay: Int
  /// The tracks and genres.
  var catalog: Catalog
  /// The options that shape the counts.
  var options: ReportOptions

  /// The setup for a report as of `asOf`.
  init(asOf: Int64, catalog: Catalog, options: ReportOptions) {
    edges = WindowEdges(asOf: asOf, zone: options.zone)
    lastDay = options.zone.localDay(asOf)
    self.catalog = catalog
    self.options = options
  }
}

/// The windows a recounted row leaves and enters when the as-of time moves.
struct WindowMove {
  /// Windows the row was in and is not any more.
  var removed: Windows
  /// Windows the row is in now and was not before.
  var added: Windows

  /// The move of a row from its windows `old` to `new`.
  init(from old: Windows, to new: Windows) {
    removed = old.subtracting(new)
    added = new.subtracting(old)
  }

  /// Whether the row stays in the same windows.
  var isEmpty: Bool { removed.isEmpty && added.isEmpty }
}

/// What ``AccumulatorGroup/finish(into:_:)`` may use besides its own state.
struct FinishContext {
  /// The setup the accumulators were built from.
  var setup: AccumulatorSetup
  /// The interned ids, issue counts and lookups of the build.
  var inputs: FinishInputs
  /// The likes and dislikes already counted (per track too), so that a metric built on
  /// ratings reads them instead of counting every rating a second time.
  var feedback: FeedbackTally
  /// `[slot]`: the active users of each window (see ``LastActivity``).
  var activeUsers: [Int]
  /// Every listener's first event, so that metrics built on it (new listeners, retention) read
  /// it instead of keeping a second copy.
  var tenure: ListenerTenure
  /// The distinct raters per genre, label and track, for the privacy rule on rated groups and
  /// the top tracks.
  var raters: RaterCounts
  /// Every distinct-user count across accumulators (``DistinctCounts``), counted once.
  var counts: DistinctCounts
  /// The catalog's genre names, cleaned for the pages.
  var genreNames: [String]
  /// The distinct listeners of each track and artist (``TrackAudience/audience(recent:previous:)``).
  var audience: TrackAudience.Audience
  /// Runs an accumulator's independent pieces of work (one per range, say) side by side when
  /// it is parallel; a finish is the same either way.
  var loop: IndexLoop = IndexLoops.serial
}
