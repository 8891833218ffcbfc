import EventStore
import Formatting
import ReportModel

extension AnalyticsEngine {
  // MARK: Users

  func usersReport(_ inputs: FinishInputs) throws -> UsersReport {
    var buckets = Array(repeating: 0, count: RecencyBucket.spans.count)
    var known = 0
    let asOfDay = options.zone.localDay(asOf)
    for time in last.lastTime where time > 0 {
      known += 1
      let days = asOfDay - options.zone.localDay(time)
      let bucket = RecencyBucket.spans.firstIndex { days >= $0.from && days < $0.to }!
      buckets[bucket] += 1
    }
    return UsersReport(
      registered: inputs.registeredUsers, known: known, neverActive: inputs.neverActiveUsers,
      activeLastDay: last.activeUsers(lastDays: 1), activeLast7Days: last.activeUsers(lastDays: 7),
      activeLast30Days: last.activeUsers(lastDays: 30),
      recency: RecencyBucket.spans.enumerated().map {
        RecencyBucket(bucket: $1.key, label: $1.label, users: buckets[$0])
      },
      recent: try recentUsers(inputs))
  }

  private func recentUsers(_ inputs: FinishInputs) throws -> [RecentUser] {
    let wanted = options.recentUsers
    guard wanted > 0 else { return [] }
    let lastTime = last.lastTime
    let seen = lastTime.indices.filter { lastTime[$0] > 0 }
    let times = seen.map { lastTime[$0] }.sorted(by: >)
    guard let cutoff = times.prefix(wanted).last else { return [] }
    let candidates = seen.filter { lastTime[$0] >= cutoff }
    let ids = candidates.map { inputs.users.string(at: Int32($0)) }
    let labels = try inputs.userLabel(ids)
    let rows = zip(candidates, ids).map { user, id in
      (
        time: last.last(of: user).time, label: ReportText.clean(labels[id] ?? "unknown"),
        kind: last.last(of: user).kind.name
      )
    }
    return rows.sorted { $0.time != $1.time ? $0.time > $1.time : $0.label < $1.label }
      .prefix(wanted)
      .map { RecentUser(user: $0.label, lastSeen: DateFormat.isoUTC($0.time), kind: $0.kind) }
  }

  // MARK: Data quality

  static func dataQuality(_ counts: RowIssueCounts) -> DataQualityReport {
    var issues: [DataIssue] = []
    var skipped = 0
    var kept = 0
    for table in EventTable.allCases {
      for issue in RowIssue.allCases {
        let rows = counts.count(issue, in: table)
        guard rows > 0 else { continue }
        issues.append(
          DataIssue(
            table: table.rawValue, issue: issue.rawValue, description: issue.summary, rows: rows,
            skipped: issue.isSkipped, breaksContract: issue.breaksContract))
        if issue.isSkipped { skipped += rows } else { kept += rows }
      }
    }
    return DataQualityReport(issues: issues, skippedRows: skipped, keptRows: kept)
  }
}
