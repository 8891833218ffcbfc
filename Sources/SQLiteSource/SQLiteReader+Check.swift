import EventStore

extension SQLiteReader {
  /// The number of rows in `table`, one of ``SchemaV1/requiredColumns``.
  public func rowCount(of table: String) throws -> Int {
    Int(try scalar("SELECT count(*) FROM \(table)") ?? 0)
  }

  /// `track_genres` rows naming a track missing from `tracks`.
  public func orphanGenreRows() throws -> Int {
    Int(
      try scalar(
        "SELECT count(*) FROM track_genres WHERE track_id NOT IN (SELECT track_id FROM tracks)")
        ?? 0)
  }

  /// Whether an index on `table` starts with `occurred_at` (always `true` for views).
  public func hasTimeIndex(on table: String) throws -> Bool {
    let isView =
      try scalar("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = '\(table)'")
      ?? 0
    if isView > 0 { return true }
    let found =
      try scalar(
        """
        SELECT count(*) FROM pragma_index_list('\(table)') AS l
        WHERE (SELECT name FROM pragma_index_info(l.name) WHERE seqno = 0) = 'occurred_at'
        """) ?? 0
    return found > 0
  }
}
