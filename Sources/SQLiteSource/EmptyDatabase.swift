import EventStore

/// Creates empty schema v1 databases: `tunedash init`.
public enum EmptyDatabase {
  /// Creates the five tables and their indexes in a new file at `path`.
  /// - Throws: ``EventStoreError/Kind-swift.enum/alreadyExists`` when `path` exists.
  public static func create(at path: String) throws {
    try WritableDatabase.create(at: path) { database in
      for statement in SchemaV1.statements { try database.execute(statement) }
    }
  }
}
