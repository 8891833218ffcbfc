import EventStore
import ReportModel
import Workers

/// One metric's share of the one-pass engine: it sees every valid row once, keeps only
/// per-user, per-track, per-genre or per-term state (never per-event state), and can be saved
/// and restored so the next build reads only new rows.
///
/// The engine calls, for every build: ``init(_:)`` (or ``init(decoding:_:)`` with a saved
/// state), then ``add(_:_:)-(ActivityRow,_)`` and ``add(_:_:)-(FeedbackRow,_)`` for each row in
/// id order; for an incremental build first ``advance(_:)`` to the new as-of time and
/// ``recount(_:_:_:)-(ActivityRow,_,_)`` for every old row a range edge passed over; and at the
/// end ``finish(into:_:)``. Adding a metric is one new conforming type plus one line in
/// ``AnalyticsEngine/Accumulators``; the test that incremental builds equal full builds then
/// covers it too.
///
/// Every method but the initialisers, ``encode(into:)`` and ``merge(_:_:)`` has a default that
/// does nothing, so an accumulator implements only what it counts — and says how its state for
/// one set of listeners merges with another's (a partitioned build).
protocol Accumulator: Sendable {
  /// The version of what ``encode(into:)`` writes: raise it when the state's layout or meaning
  /// changes. The state file's version is derived from every accumulator's (see
  /// ``stateLayout``), so an old state is never read with a new meaning.
  static var stateVersion: Int { get }

  /// The accumulators a state holds, in order, with their versions: "ActivityCounter 1, …".
  static var stateLayout: String { get }

  /// An empty accumulator for a report as of `setup.edges.asOf`.
  init(_ setup: AccumulatorSetup)

  /// Restores the state ``encode(into:)`` wrote for the same options and catalog.
  /// - Throws: ``StateError/damaged`` when the bytes do not fit `setup`.
  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws

  /// Writes the state, everything the next build needs to go on counting.
  func encode(into writer: inout BinaryWriter)

  /// How many accumulators this one holds: 1, or the members of a chain.
  static var members: Int { get }

  /// Writes the state as ``encode(into:)`` does, each member's as a section of its own
  /// (``StateSections``), so that the next build can decode them side by side.
  func encodeSections(into writer: inout BinaryWriter)

  /// Decodes member `index` (of ``members``) from its section, `first + index` of `sections`.
  /// - Throws: ``StateError/damaged`` when the section does not fit `setup`, or is longer.
  static func decodeMember(
    _ index: Int, from sections: StateSections, first: Int, _ setup: AccumulatorSetup
  ) throws -> any Accumulator

  /// The accumulator whose members ``decodeMember(_:from:first:_:)`` decoded, from
  /// `members[first...]`.
  init(members: [any Accumulator], first: Int)

  /// Starts loading the state that a row of `user` and `track` (−1: none) will touch, a few
  /// rows before it is added: the engine's rows name listeners and tracks all over memory, and
  /// waiting for each would cost more than counting. Only a hint; it changes nothing.
  func prefetch(user: Int32, track: Int32)

  /// Counts a new, valid `activity` row (its time is not after the as-of time).
  mutating func add(_ row: ActivityRow, _ event: EventContext)

  /// Counts a new, valid `feedback` row.
  mutating func add(_ row: FeedbackRow, _ event: EventContext)

  /// Moves the as-of time forward (an incremental build), before any row is recounted.
  mutating func advance(_ setup: AccumulatorSetup)

  /// Moves an already counted `activity` row out of the windows it had at the old as-of time
  /// and into those it has now. Called for every row a range edge may have passed over, also
  /// when its windows did not change (`move` is then empty).
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove)

  /// Moves an already counted `feedback` row, like the activity version.
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove)

  /// Tidies the state once every row is counted, before ``finish(into:_:)`` and
  /// ``encode(into:)``: merges buffers, drops what the edges have passed for good.
  mutating func settle(_ loop: IndexLoop)

  /// Adds the state of the same accumulator for another, disjoint set of listeners (a partition
  /// of the same build: same as-of time, catalog and options), so that the result is what one
  /// pass over both sets' rows would have counted. Every number is a sum, or a count of distinct
  /// listeners — which adds across disjoint sets — so merging is exact. `mapping` says where the
  /// other state's users and labels go. Called before ``settle()``; nothing is added after.
  mutating func merge(_ other: Self, _ mapping: MergeMapping)

  /// Writes this accumulator's part of the report, which starts empty for the as-of time;
  /// accumulators finish in the chain's order, each reading only its own state and the
  /// ``FinishContext`` (the distinct-user counts the privacy rule needs across accumulators are
  /// in it).
  func finish(into report: inout Report, _ context: FinishContext) throws

  /// Adds the size of this accumulator's state to `statistics` (`--verbose`, the benchmarks).
  func describe(into statistics: inout EngineStatistics)

  /// This accumulator if it is a `T`, or the `T` inside it (a chain); `nil` otherwise. For the
  /// finish step, which reads several accumulators at once. Optimised builds resolve it at
  /// compile time.
  func find<T: Accumulator>(_ type: T.Type) -> T?
}

extension Accumulator {
  static var stateLayout: String { "\(Self.self) \(stateVersion)" }
  static var members: Int { 1 }

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

/// What ``Accumulator/finish(into:_:)`` may use besides its own state.
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
  /// The distinct listeners of each track and artist (``TrackAudience/audience(_:_:)``).
  var audience: TrackAudience.Audience
  /// Runs an accumulator's independent pieces of work (one per range, say) side by side when
  /// it is parallel; a finish is the same either way.
  var loop: IndexLoop = IndexLoops.serial
}
