/// What `tunedash check` reports about a source database.
public struct ContractCheck: Sendable, Equatable {
  /// Rows in each contract table, in ``SchemaV1/requiredColumns`` order.
  public var rowCounts: [(table: String, rows: Int)]
  /// Valid `activity` and `feedback` rows (after skipping rows that break the contract).
  public var validActivity: Int
  /// Valid `feedback` rows.
  public var validFeedback: Int
  /// The earliest and latest valid event time, Unix seconds; `nil` when there are no events.
  public var firstTime: Int64?
  /// The latest valid event time: the default as-of time of a report.
  public var lastTime: Int64?
  /// Rows that break the contract, by reason and table.
  public var issues: RowIssueCounts
  /// `track_genres` rows that name a track missing from `tracks`.
  public var orphanGenreRows: Int
  /// Indexes of ``SchemaV1/indexes`` that are missing (reads still work, only slower).
  public var missingIndexes: [String]

  public static func == (lhs: ContractCheck, rhs: ContractCheck) -> Bool {
    lhs.rowCounts.map(\.table) == rhs.rowCounts.map(\.table)
      && lhs.rowCounts.map(\.rows) == rhs.rowCounts.map(\.rows)
      && lhs.validActivity == rhs.validActivity && lhs.validFeedback == rhs.validFeedback
      && lhs.firstTime == rhs.firstTime && lhs.lastTime == rhs.lastTime && lhs.issues == rhs.issues
      && lhs.orphanGenreRows == rhs.orphanGenreRows && lhs.missingIndexes == rhs.missingIndexes
  }
}

extension ContractCheckReader where Self: EventStream & CatalogReader {
  /// Validates every row of the cut against the contract, as a build would read it.
  ///
  /// - Parameter asOf: the as-of time rows are judged against; by default the latest valid
  ///   event time, so only an explicit earlier time makes rows count as ``RowIssue/futureTime``.
  public func checkContract(asOf: Int64? = nil) throws -> ContractCheck {
    let cut = try cut()
    let catalog = try loadCatalog()
    let judgeAgainst = try asOf ?? latestValidTime(in: cut, catalog: catalog) ?? EventTime.earliest
    var users = ByteInterner()
    var labels = ByteInterner()
    var issues = RowIssueCounts()
    var first: Int64?
    var last: Int64?
    func see(_ time: Int64) {
      first = min(first ?? time, time)
      last = max(last ?? time, time)
    }
    var activity = 0
    try scanActivity(
      .ids(.upTo(cut.maxEventID)), catalog: catalog, asOf: judgeAgainst, users: &users,
      issues: &issues
    ) { row in
      activity += 1
      see(row.time)
    }
    var feedback = 0
    try scanFeedback(
      .ids(.upTo(cut.maxFeedbackID)), catalog: catalog, asOf: judgeAgainst, users: &users,
      labels: &labels, issues: &issues
    ) { row in
      feedback += 1
      see(row.time)
    }
    var counts: [(String, Int)] = []
    for (table, _) in SchemaV1.requiredColumns {
      counts.append((table, try rowCount(of: table)))
    }
    let orphans = try orphanGenreRows()
    var missing: [String] = []
    for (table, index) in [("activity", SchemaV1.indexes[0]), ("feedback", SchemaV1.indexes[1])] {
      if try !hasTimeIndex(on: table) { missing.append(index) }
    }
    return ContractCheck(
      rowCounts: counts, validActivity: activity, validFeedback: feedback, firstTime: first,
      lastTime: last, issues: issues, orphanGenreRows: orphans, missingIndexes: missing)
  }
}
