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

  private let edges: WindowEdges
  /// Per user: the latest event time (0 = no event).
  private(set) var lastTime: [Int64] = []
  private(set) var lastKind: [UInt8] = []
  /// Per user: the latest time at or before `asOf − 7 days` / `asOf − 30 days` (0 = none), which
  /// tells whether they were active in the previous 7 / 30 days.
  private(set) var lastBefore7: [Int64] = []
  private(set) var lastBefore30: [Int64] = []

  init(edges: WindowEdges) { self.edges = edges }

  @inline(__always)
  mutating func see(user: Int32, time: Int64, kind: LastKind) {
    let u = Int(user)
    if u >= lastTime.count { grow(to: u + 1) }
    if time >= lastTime[u] {
      lastTime[u] = time
      lastKind[u] = kind.rawValue
    }
    if time <= edges.start(days: 7) && time > lastBefore7[u] { lastBefore7[u] = time }
    if time <= edges.start(days: 30) && time > lastBefore30[u] { lastBefore30[u] = time }
  }

  private mutating func grow(to count: Int) {
    let extra = max(count - lastTime.count, lastTime.count / 2 + 64)
    lastTime.append(contentsOf: repeatElement(0, count: extra))
    lastKind.append(contentsOf: repeatElement(0, count: extra))
    lastBefore7.append(contentsOf: repeatElement(0, count: extra))
    lastBefore30.append(contentsOf: repeatElement(0, count: extra))
  }

  /// Users with an event in the last `days` days; `nil` days counts every user seen.
  func activeUsers(lastDays days: Int?) -> Int {
    guard let days else { return lastTime.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
    let start = edges.start(days: days)
    return lastTime.reduce(0) { $0 + ($1 > start ? 1 : 0) }
  }

  /// Users with an event in the `days` days before the last `days` days (7 or 30).
  func activeUsers(previousDays days: Int) -> Int {
    let before = days == 7 ? lastBefore7 : lastBefore30
    let start = edges.start(days: 2 * days)
    return before.reduce(0) { $0 + ($1 > start ? 1 : 0) }
  }
}
