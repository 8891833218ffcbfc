import EventStore
import Formatting
import ReportModel

extension LastActivity {
  /// Writes the listeners' part of the report: how many are known and active, how long ago each
  /// was last active, and the most recently active under their labels.
  func finish(into report: inout Report, _ context: FinishContext) throws {
    report.users = try usersReport(context)
  }

  private func usersReport(_ context: FinishContext) throws -> UsersReport {
    let (inputs, edges, zone) = (context.inputs, context.setup.edges, context.setup.options.zone)
    var buckets = Array(repeating: 0, count: RecencyBucket.spans.count)
    var known = 0
    let asOfDay = zone.localDay(edges.asOf)
    for time in lastTime where time > 0 {
      known += 1
      let days = asOfDay - zone.localDay(time)
      let bucket = RecencyBucket.spans.firstIndex { days >= $0.from && days < $0.to }!
      buckets[bucket] += 1
    }
    return UsersReport(
      registered: inputs.registeredUsers, known: known, neverActive: inputs.neverActiveUsers,
      activeLastDay: activeUsers(lastDays: 1), activeLast7Days: activeUsers(lastDays: 7),
      activeLast30Days: activeUsers(lastDays: 30),
      recency: RecencyBucket.spans.enumerated().map {
        RecencyBucket(bucket: $1.key, label: $1.label, users: buckets[$0])
      },
      recent: try recentUsers(inputs, wanted: context.setup.options.recentUsers))
  }

  private func recentUsers(_ inputs: FinishInputs, wanted: Int) throws -> [RecentUser] {
    guard wanted > 0 else { return [] }
    let lastTime = self.lastTime
    let seen = lastTime.indices.filter { lastTime[$0] > 0 }
    // The `wanted`-th latest time (or the earliest, with fewer listeners): one pass, no sort.
    let latest = TopSelection.first(wanted, of: seen.lazy.map { lastTime[$0] }, by: >)
    guard let cutoff = latest.last else { return [] }
    let candidates = seen.filter { lastTime[$0] >= cutoff }
    let ids = candidates.map { inputs.users.string(at: Int32($0)) }
    let labels = try inputs.userLabel(ids)
    let rows = zip(candidates, ids).map { user, id in
      (
        time: last(of: user).time, label: ReportText.clean(labels[id] ?? "unknown"),
        kind: last(of: user).kind.name
      )
    }
    return rows.sorted { $0.time != $1.time ? $0.time > $1.time : $0.label < $1.label }
      .prefix(wanted)
      .map { RecentUser(user: $0.label, lastSeen: DateFormat.isoUTC($0.time), kind: $0.kind) }
  }
}
