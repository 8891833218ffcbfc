extension EventStream {
  /// Digests of the rows with the given ids, as ``readBatches(_:_:_:)`` reads them; an id
  /// without a row has no entry. An incremental build compares them with those of the build
  /// before, to notice rows that were rewritten or deleted.
  public func rowDigests(_ table: EventTable, ids: [Int64]) throws -> [Int64: UInt64] {
    var digests: [Int64: UInt64] = [:]
    for id in Set(ids) {
      try readBatches(table, .ids(IDSpan(after: id - 1, through: id))) { batch in
        batch.withRows { rows in
          for row in 0..<rows.count { digests[rows.int64(row, 0)] = rows.digest(row) }
        }
      }
    }
    return digests
  }

  /// Streams the valid `activity` rows selected by `filter`, in id order.
  ///
  /// Rows later than `asOf` are left out (and counted as ``RowIssue/futureTime`` when more than a
  /// day later). User ids are interned into `users`; every issue met is counted into `issues`.
  public func scanActivity(
    _ filter: EventFilter, catalog: Catalog, asOf: Int64, users: inout ByteInterner,
    issues: inout RowIssueCounts, _ body: (ActivityRow) throws -> Void
  ) throws {
    var validator = ActivityValidator(catalog: catalog, asOf: asOf, users: users, issues: issues)
    try readBatches(.activity, filter) { try validator.validate($0, body) }
    users = validator.users
    issues = validator.issues
  }

  /// Streams the valid `feedback` rows selected by `filter`, in id order.
  ///
  /// Like ``scanActivity(_:catalog:asOf:users:issues:_:)``; `source` and `model` are interned
  /// into `labels` (NULL as `""`).
  public func scanFeedback(
    _ filter: EventFilter, catalog: Catalog, asOf: Int64, users: inout ByteInterner,
    labels: inout ByteInterner, issues: inout RowIssueCounts, _ body: (FeedbackRow) throws -> Void
  ) throws {
    var validator = FeedbackValidator(
      catalog: catalog, asOf: asOf, users: users, labels: labels, issues: issues)
    try readBatches(.feedback, filter) { try validator.validate($0, body) }
    users = validator.users
    labels = validator.labels
    issues = validator.issues
  }
}
