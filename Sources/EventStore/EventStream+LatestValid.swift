extension EventStream {
  /// The latest time of a row that the validators keep — the default as-of time of a report —
  /// or `nil` when the cut has none. A row the contract leaves out (an empty `user_id`, a
  /// `verdict` other than 1 or -1, feedback on a track missing from `catalog`, …) never sets
  /// it, however late its time: it would move every range's edges.
  ///
  /// From the latest time in 2000–2099 down: the rows at a time (both tables, through the
  /// `occurred_at` indexes) are validated, each judged on its own values as a scan of those rows
  /// alone would judge it, and the first time with a valid row is the answer. Usually that is
  /// the first time tried: one read of a handful of rows.
  public func latestValidTime(in cut: EventCut, catalog: Catalog) throws -> Int64? {
    var candidate = try latestTime(in: cut, before: nil)
    while let time = candidate {
      if try hasValidRow(at: time, in: cut, catalog: catalog) { return time }
      candidate = try latestTime(in: cut, before: time)
    }
    return nil
  }

  /// Whether a row of either table at `time` (milliseconds repaired) is valid.
  private func hasValidRow(at time: Int64, in cut: EventCut, catalog: Catalog) throws -> Bool {
    var (users, labels, issues) = (ByteInterner(), ByteInterner(), RowIssueCounts())
    var found = false
    try scanActivity(
      .times(after: time - 1, through: time, idsThrough: cut.maxEventID), catalog: catalog,
      asOf: EventTime.end, users: &users, issues: &issues
    ) { _ in found = true }
    guard !found else { return true }
    try scanFeedback(
      .times(after: time - 1, through: time, idsThrough: cut.maxFeedbackID), catalog: catalog,
      asOf: EventTime.end, users: &users, labels: &labels, issues: &issues
    ) { _ in found = true }
    return found
  }
}
