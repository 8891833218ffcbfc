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
    progress: (Double) -> Void = { _ in }
  ) throws -> Report {
    try source.read { reader in
      let cut = try reader.cut()
      let catalog = try reader.loadCatalog()
      var users = ByteInterner()
      var labels = ByteInterner()
      var issues = RowIssueCounts()
      guard let asOf = try options.asOf ?? reader.latestTime(in: cut) else {
        var registered = 0
        try reader.registeredUsers { _, _ in registered += 1 }
        return AnalyticsEngine.emptyReport(
          zone: options.zone, catalog: catalog, registeredUsers: registered, issues: issues,
          minUsers: options.minUsers)
      }
      var engine = AnalyticsEngine(asOf: asOf, catalog: catalog, options: options)
      // Row ids approximate row counts well enough for a progress bar.
      let total = Double(max(1, cut.maxEventID + cut.maxFeedbackID))
      var seen = 0
      try reader.scanActivity(
        .ids(.upTo(cut.maxEventID)), catalog: catalog, asOf: asOf, users: &users, issues: &issues
      ) { row in
        engine.add(row)
        seen &+= 1
        if seen & 0xFFFF == 0 { progress(min(1, Double(row.id) / total)) }
      }
      try reader.scanFeedback(
        .ids(.upTo(cut.maxFeedbackID)), catalog: catalog, asOf: asOf, users: &users,
        labels: &labels, issues: &issues
      ) { row in
        engine.add(row)
        seen &+= 1
        if seen & 0xFFFF == 0 { progress(min(1, Double(cut.maxEventID + row.id) / total)) }
      }
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
