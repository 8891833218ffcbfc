import EventStore

/// Builds a ``Report`` from a source database in one read transaction: takes the cut, loads
/// the catalog, streams both event tables through an ``AnalyticsEngine`` and finishes it.
///
/// ```swift
/// let source = try SourceDatabase(path: "events.sqlite")
/// let report = try ReportBuilder.build(from: source, options: ReportOptions()) { ids in
///   Dictionary(uniqueKeysWithValues: ids.map { ($0, pseudonym(for: $0)) })
/// }
/// ```
public enum ReportBuilder {
  /// Streams `source` through the engine and returns the report.
  ///
  /// - Parameter userLabel: how the few users a page names are shown (pseudonyms by default);
  ///   it may look up more about them with the reader, within the same read transaction.
  public static func build(
    from source: SourceDatabase, options: ReportOptions,
    userLabel: @escaping ([String]) throws -> [String: String]
  ) throws -> Report {
    try build(from: source, options: options, userLabel: { ids, _ in try userLabel(ids) })
  }

  /// Streams `source` through the engine; `userLabel` also receives the open reader, and
  /// `progress` hears the share of rows read so far (0 … 1) every 65,536 rows.
  public static func build(
    from source: SourceDatabase, options: ReportOptions,
    userLabel: @escaping ([String], EventReader) throws -> [String: String],
    progress: (Double) -> Void = { _ in }, statistics: (EngineStatistics) -> Void = { _ in }
  ) throws -> Report {
    try source.read { reader in
      let cut = try reader.cut()
      let catalog = try reader.loadCatalog()
      guard let asOf = try options.asOf ?? reader.latestTime(in: cut) else {
        // No valid event time at all: every row (if any) breaks the contract; count why.
        var registered = 0
        try reader.registeredUsers { _, _ in registered += 1 }
        var (users, labels, issues) = (ByteInterner(), ByteInterner(), RowIssueCounts())
        try reader.scanActivity(
          .ids(.upTo(cut.maxEventID)), catalog: catalog, asOf: EventTime.end, users: &users,
          issues: &issues) { _ in }
        try reader.scanFeedback(
          .ids(.upTo(cut.maxFeedbackID)), catalog: catalog, asOf: EventTime.end, users: &users,
          labels: &labels, issues: &issues) { _ in }
        return AnalyticsEngine.emptyReport(
          zone: options.zone, catalog: catalog, registeredUsers: registered, issues: issues,
          minUsers: options.minUsers)
      }
      let outcome = try ParallelScan(catalog: catalog, asOf: asOf, cut: cut).run(
        reader: reader, engine: AnalyticsEngine(asOf: asOf, catalog: catalog, options: options),
        progress: progress)
      let engine = outcome.engine
      let (users, labels, issues) = (outcome.users, outcome.labels, outcome.issues)
      statistics(engine.statistics)
      var registered = 0
      var neverActive = 0
      try reader.registeredUsers { id, _ in
        registered += 1
        if users.index(of: id) == nil { neverActive += 1 }
      }
      return try engine.finish(
        FinishInputs(
          users: users, labels: labels, issues: issues, registeredUsers: registered,
          neverActiveUsers: neverActive, trackDetails: { try reader.trackDetails($0) },
          userLabel: { try userLabel($0, reader) }))
    }
  }
}
