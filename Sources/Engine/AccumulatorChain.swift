import EventStore
import ReportModel
import Workers

/// Two accumulators as one: every call goes to `first`, then to `second`. Nested, chains hold
/// any number of accumulators with static dispatch — the compiler specialises the whole chain,
/// so the per-row cost is that of calling each accumulator directly.
struct AccumulatorChain<First: AccumulatorGroup, Second: AccumulatorGroup>: AccumulatorGroup {
  var first: First
  var second: Second

  /// A chain has no state of its own: its layout is its members'.
  static var stateLayout: String { First.stateLayout + ", " + Second.stateLayout }

  init(_ setup: AccumulatorSetup) {
    first = First(setup)
    second = Second(setup)
  }

  static var members: Int { First.members + Second.members }

  func encodeSections(into writer: inout BinaryWriter) {
    first.encodeSections(into: &writer)
    second.encodeSections(into: &writer)
  }

  static func decodeMember(
    _ index: Int, from sections: StateSections, first: Int, _ setup: AccumulatorSetup
  ) throws -> any Accumulator {
    index < First.members
      ? try First.decodeMember(index, from: sections, first: first, setup)
      : try Second.decodeMember(
        index - First.members, from: sections, first: first + First.members, setup)
  }

  init(members: [any Accumulator], first index: Int) {
    first = First(members: members, first: index)
    second = Second(members: members, first: index + First.members)
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) {
    first.prefetch(user: user, track: track)
    second.prefetch(user: user, track: track)
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    first.add(row, event)
    second.add(row, event)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    first.add(row, event)
    second.add(row, event)
  }

  mutating func advance(_ setup: AccumulatorSetup) {
    first.advance(setup)
    second.advance(setup)
  }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    first.recount(row, event, move)
    second.recount(row, event, move)
  }

  @inline(__always)
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {
    first.recount(row, event, move)
    second.recount(row, event, move)
  }

  mutating func merge(_ other: Self, _ mapping: MergeMapping) {
    first.merge(other.first, mapping)
    second.merge(other.second, mapping)
  }

  mutating func settle(_ loop: IndexLoop) {
    first.settle(loop)
    second.settle(loop)
  }

  func finish(into report: inout Report, _ context: FinishContext) throws {
    try first.finish(into: &report, context)
    try second.finish(into: &report, context)
  }

  func find<T: Accumulator>(_ type: T.Type) -> T? {
    first.find(type) ?? second.find(type)
  }

  func describe(into statistics: inout EngineStatistics) {
    first.describe(into: &statistics)
    second.describe(into: &statistics)
  }
}
