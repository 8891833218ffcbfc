import EventStore

/// Each user's latest event (activity or feedback) and what it was, and the active-user counts
/// that follow from it.
///
/// Definitions: a user is *active* in a range when they have at least one `activity` or
/// `feedback` row in it. The *last activity* of a user is their latest such row up to the
/// as-of time; when several share that second, the later row wins (activity before feedback,
/// then by id).
struct LastActivity: Sendable {
  /// What a user did last: an activity kind, or a like or dislike.
  enum LastKind: UInt8, Sendable {
    case search, playlist, play, login, other, like, dislike

    var name: String {
      switch self {
      case .search: "search"
      case .playlist: "playlist"
      case .play: "play"
      case .login: "login"
      case .other: "other"
      case .like: "like"
      case .dislike: "dislike"
      }
    }
  }

  /// One user's state, kept together so updating it touches one cache line.
  struct UserState: Sendable {
    /// The latest event time (0 = no event yet).
    var last: Int64 = 0
    /// The latest time at or before `asOf − 7 days` / `asOf − 30 days` (0 = none), which tells
    /// whether the user was active in the previous 7 / 30 days.
    var before7: Int64 = 0
    var before30: Int64 = 0
    /// What the latest event was (a ``LastKind``).
    var kind: UInt8 = 0
  }

  private let edges: WindowEdges
  private(set) var users: [UserState] = []

  init(edges: WindowEdges) { self.edges = edges }

  @inline(__always)
  mutating func see(user: Int32, time: Int64, kind: LastKind) {
    let u = Int(user)
    if u >= users.count { grow(to: u + 1) }
    users.withUnsafeMutableBufferPointer { states in
      if time >= states[u].last {
        states[u].last = time
        states[u].kind = kind.rawValue
      }
      if time <= edges.start(days: 7) && time > states[u].before7 { states[u].before7 = time }
      if time <= edges.start(days: 30) && time > states[u].before30 { states[u].before30 = time }
    }
  }

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

  /// Users with an event in the `days` days before the last `days` days (7 or 30).
  func activeUsers(previousDays days: Int) -> Int {
    let start = edges.start(days: 2 * days)
    return users.reduce(0) { $0 + ((days == 7 ? $1.before7 : $1.before30) > start ? 1 : 0) }
  }
}
