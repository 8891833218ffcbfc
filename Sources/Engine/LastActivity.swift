import EventStore

/// Each user's latest event (activity or feedback) and what it was, and the active-user counts
/// that follow from it.
///
/// Definitions: a user is *active* in a range when they have at least one `activity` or
/// `feedback` row in it. The *last activity* of a user is their latest such row up to the
/// as-of time; when several share that second, the later row wins: feedback after activity,
/// then the higher id — whatever order rows are read in.
struct LastActivity: Sendable {
  /// What a user did last: an activity kind (the same raw values as ``ActivityKind``), or a
  /// like or dislike.
  enum LastKind: UInt8, Sendable {
    case search, playlist, play, login, other, like, dislike

    /// The kind of an activity row.
    init(_ kind: ActivityKind) { self.init(rawValue: kind.rawValue)! }

    var name: String {
      switch self {
      case .like: "like"
      case .dislike: "dislike"
      default: ActivityKind(rawValue: rawValue)!.name
      }
    }
  }

  /// One user's state, kept together so updating it touches one cache line.
  struct UserState: Sendable {
    /// The latest event time (0 = no event yet).
    var last: Int64 = 0
    /// The latest time at or before the end of the previous period of the last 7 / 30 days
    /// (0 = none), which tells whether the user was active in that period.
    var before7: Int64 = 0
    var before30: Int64 = 0
    /// Breaks ties between events in the same second: the table (feedback high) and the id.
    var rank: Int64 = 0
    /// What the latest event was (a ``LastKind``).
    var kind: UInt8 = 0
  }

  private(set) var edges: WindowEdges
  private(set) var users: [UserState] = []

  init(edges: WindowEdges) { self.edges = edges }

  /// The rank of a row among events of the same second: feedback after activity, then by id.
  @inline(__always)
  static func rank(feedback: Bool, id: Int64) -> Int64 {
    (feedback ? 1 << 62 : 0) | (id & (1 << 62 - 1))
  }

  @inline(__always)
  mutating func see(user: Int32, time: Int64, kind: LastKind, rank: Int64) {
    let u = Int(user)
    if u >= users.count { grow(to: u + 1) }
    users.withUnsafeMutableBufferPointer { states in
      if time > states[u].last || (time == states[u].last && rank > states[u].rank) {
        states[u].last = time
        states[u].rank = rank
        states[u].kind = kind.rawValue
      }
    }
    crossed(user: user, time: time)
  }

  /// Notes `time` against the edges of the previous 7 and 30 days; for new rows, and for old
  /// rows that the edges passed when the as-of time moved.
  @inline(__always)
  mutating func crossed(user: Int32, time: Int64) {
    let u = Int(user)
    let (end7, end30) = (edges.previous(days: 7).through, edges.previous(days: 30).through)
    users.withUnsafeMutableBufferPointer { states in
      if time <= end7 && time > states[u].before7 { states[u].before7 = time }
      if time <= end30 && time > states[u].before30 { states[u].before30 = time }
    }
  }

  /// Moves the edges to a later as-of time.
  mutating func advance(to edges: WindowEdges) { self.edges = edges }

  private mutating func grow(to count: Int) {
    let extra = max(count - users.count, users.count / 2 + 64)
    users.append(contentsOf: repeatElement(UserState(), count: extra))
  }

  /// Every user's latest event time (0 for slots not used).
  var lastTime: [Int64] { users.map(\.last) }

  /// The latest event time and kind of `user`.
  func last(of user: Int) -> (time: Int64, kind: LastKind) {
    (users[user].last, LastKind(rawValue: users[user].kind)!)
  }

  /// Users with an event in the last `days` days; `nil` days counts every user seen.
  func activeUsers(lastDays days: Int?) -> Int {
    let start = days.map { edges.start(days: $0) } ?? 0
    return users.reduce(0) { $0 + ($1.last > start ? 1 : 0) }
  }

  /// Users with an event in the previous period of the last `days` days (7 or 30).
  func activeUsers(previousDays days: Int) -> Int {
    let start = edges.previous(days: days).after
    return users.reduce(0) { $0 + ((days == 7 ? $1.before7 : $1.before30) > start ? 1 : 0) }
  }
}

extension LastActivity {
  func encode(into writer: inout BinaryWriter) {
    writer.write(edges.asOf)
    writer.write(users.map(\.last))
    writer.write(users.map(\.before7))
    writer.write(users.map(\.before30))
    writer.write(users.map(\.rank))
    writer.write(users.map(\.kind))
  }

  init(from reader: inout BinaryReader, edges: WindowEdges) throws {
    guard try reader.read(Int64.self) == edges.asOf else { throw StateError.damaged }
    self.edges = edges
    let last = try reader.readArray(Int64.self)
    let before7 = try reader.readArray(Int64.self)
    let before30 = try reader.readArray(Int64.self)
    let rank = try reader.readArray(Int64.self)
    let kind = try reader.readArray(UInt8.self)
    guard [before7.count, before30.count, rank.count, kind.count].allSatisfy({ $0 == last.count }),
      kind.allSatisfy({ LastKind(rawValue: $0) != nil })
    else { throw StateError.damaged }
    users = last.indices.map {
      UserState(
        last: last[$0], before7: before7[$0], before30: before30[$0], rank: rank[$0], kind: kind[$0]
      )
    }
  }
}

extension LastActivity: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) {
    statistics.users += users.count(where: { $0.last > 0 })
    statistics.userBytes += users.count * MemoryLayout<UserState>.stride
  }

  init(_ setup: AccumulatorSetup) { self.init(edges: setup.edges) }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    try self.init(from: &reader, edges: setup.edges)
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) { Engine.prefetch(users, Int(user)) }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    see(
      user: row.user, time: row.time, kind: LastKind(row.kind),
      rank: Self.rank(feedback: false, id: row.id))
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    see(
      user: row.user, time: row.time, kind: row.isLike ? .like : .dislike,
      rank: Self.rank(feedback: true, id: row.id))
  }

  mutating func advance(_ setup: AccumulatorSetup) { advance(to: setup.edges) }

  /// Per-user records, laid end to end: active-user counts then add up over the partitions.
  mutating func merge(_ other: LastActivity, _ mapping: MergeMapping) {
    mapping.appendUsers(other.users, to: &users, empty: UserState())
  }

  /// Every recounted row is checked against the moved edges, whether its windows changed or not.
  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    crossed(user: row.user, time: row.time)
  }

  @inline(__always)
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {
    crossed(user: row.user, time: row.time)
  }
}
