import EventStore
import ReportModel
import Workers

/// What the engine holds and calls: one ``Accumulator``, or several as one
/// (``AccumulatorChain``). Each row goes to every member; the state is written and read per
/// member, one section each (``StateSections``), so that a build decodes them side by side.
protocol AccumulatorGroup: Sendable {
  /// The accumulators the group holds, in order, with their versions: "ActivityCounter 1, …".
  static var stateLayout: String { get }

  /// Empty accumulators for a report as of `setup.edges.asOf`.
  init(_ setup: AccumulatorSetup)

  /// How many accumulators the group holds: 1, or the members of a chain.
  static var members: Int { get }

  /// Writes each member's state (``Accumulator/encode(into:)``) as a section of its own.
  func encodeSections(into writer: inout BinaryWriter)

  /// Decodes member `index` (of ``members``) from its section, `first + index` of `sections`.
  /// - Throws: ``StateError/damaged`` when the section does not fit `setup`, or is longer.
  static func decodeMember(
    _ index: Int, from sections: StateSections, first: Int, _ setup: AccumulatorSetup
  ) throws -> any Accumulator

  /// The group whose members ``decodeMember(_:from:first:_:)`` decoded, from
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

  /// Tidies the state once every row is counted, before ``finish(into:_:)`` and the state is
  /// written: merges buffers, drops what the edges have passed for good.
  mutating func settle(_ loop: IndexLoop)

  /// Adds the state of the same accumulators for another, disjoint set of listeners (a
  /// partition of the same build: same as-of time, catalog and options), so that the result is
  /// what one pass over both sets' rows would have counted. Every number is a sum, or a count
  /// of distinct listeners — which adds across disjoint sets — so merging is exact. `mapping`
  /// says where the other state's users and labels go. Called before ``settle(_:)``; nothing is
  /// added after.
  mutating func merge(_ other: Self, _ mapping: MergeMapping)

  /// Writes this group's part of the report, which starts empty for the as-of time;
  /// accumulators finish in the chain's order, each reading only its own state and the
  /// ``FinishContext`` (the distinct-user counts the privacy rule needs across accumulators are
  /// in it).
  func finish(into report: inout Report, _ context: FinishContext) throws

  /// Adds the size of the group's state to `statistics` (`--verbose`, the benchmarks).
  func describe(into statistics: inout EngineStatistics)

  /// The member that is a `T`, if any. For the finish step, which reads several accumulators at
  /// once. Optimised builds resolve it at compile time.
  func find<T: Accumulator>(_ type: T.Type) -> T?
}
