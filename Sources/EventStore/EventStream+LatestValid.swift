extension EventStream {
  /// The latest time of a row that the validators keep — the default as-of time of a report —
  /// or `nil` when the cut has none. A row the contract leaves out (an empty `user_id`, a
  /// `verdict` other than 1 or -1, feedback on a track missing from `catalog`, …) never sets
  /// it, however late its time: it would move every range's edges.
  ///
  /// From the latest time in 2000–2099 down, time slices of both tables are read through the
  /// `occurred_at` indexes and validated, each row judged on its own values as a scan of those
  /// rows alone would judge it; the latest valid time of the first slice that has one is the
  /// answer. The first slice is the latest second alone, which usually settles it in one read
  /// of a handful of rows; each further slice is twice as long as the one before and starts at
  /// the latest time before it, so a long run of rows left out (or a table of nothing else)
  /// costs a few reads of about twice those rows, never a read per second.
  public func latestValidTime(in cut: EventCut, catalog: Catalog) throws -> Int64? {
    var through = try latestTime(in: cut, before: nil)
    var length: Int64 = 1
    while let end = through {
      let start = end - length
      if let found = try latestValid(after: start, through: end, in: cut, catalog: catalog) {
        return found
      }
      through = try latestTime(in: cut, before: start + 1)
      length = min(length * 2, EventTime.end)
    }
    return nil
  }

  /// The latest time of a valid row of either table in `(after, through]` (milliseconds
  /// repaired), or `nil`.
  private func latestValid(
    after: Int64, through: Int64, in cut: EventCut, catalog: Catalog
  ) throws -> Int64? {
    var (users, labels, issues) = (ByteInterner(), ByteInterner(), RowIssueCounts())
    var latest: Int64?
    try scanActivity(
      .times(after: after, through: through, idsThrough: cut.maxEventID), catalog: catalog,
      asOf: EventTime.end, users: &users, issues: &issues
    ) { row in latest = max(latest ?? row.time, row.time) }
    try scanFeedback(
      .times(after: after, through: through, idsThrough: cut.maxFeedbackID), catalog: catalog,
      asOf: EventTime.end, users: &users, labels: &labels, issues: &issues
    ) { row in latest = max(latest ?? row.time, row.time) }
    return latest
  }
}
