import EventStore

extension SQLiteReader {
  /// Throws ``EventStoreError/Kind-swift.enum/contractViolation`` naming the first missing table
  /// or column of ``SchemaV1/requiredColumns``.
  func verifyContract() throws {
    _ = try scalar("PRAGMA schema_version")
    try SchemaV1.verify(location: path, columnNames: columnNames(of:))
  }

  /// The column names of a table or view, lower-cased; empty when it does not exist.
  func columnNames(of table: String) throws -> Set<String> {
    let statement = try RawStatement(db, sql: "SELECT name FROM pragma_table_info(?)")
    statement.bind(1, table)
    var names: Set<String> = []
    while try statement.step(db) {
      if let name = statement.string(0) { names.insert(name.lowercased()) }
    }
    return names
  }
}
