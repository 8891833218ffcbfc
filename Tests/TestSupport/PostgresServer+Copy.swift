import EventStore
import Foundation
import GRDB

extension PostgresServer {
  /// Creates a database with schema v1 (through `tunedash init`'s DDL for PostgreSQL, which
  /// `initTables` runs) and copies every row of the SQLite database at `sqlitePath` into it,
  /// table by table in table order, with `COPY … FROM STDIN`: the same rows in both, in the
  /// columns both have.
  ///
  /// - Parameter initTables: creates the tables; the tests pass `tunedash init --db URL`.
  /// - Returns: the new database's name.
  public func copy(sqlite sqlitePath: String, initTables: (String) throws -> Void) throws -> String
  {
    let name = try createDatabase()
    try initTables(url(name))
    let queue = try DatabaseQueue(path: sqlitePath)
    defer { try? queue.close() }
    for (table, _) in SchemaV1.requiredColumns {
      // The columns both tables have (an optional column such as users.email_opt_out is
      // copied only where the PostgreSQL table was given it too).
      let target = Set(
        try psql(
          name, "SELECT column_name FROM information_schema.columns WHERE table_name = '\(table)'"
        )
        .split(separator: "\n").map(String.init))
      let (columns, text) = try queue.read { db in
        let columns = try String.fetchAll(
          db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]
        )
        .filter(target.contains)
        var text = ""
        let rows = try Row.fetchCursor(
          db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table)")
        while let row = try rows.next() {
          text += try (0..<row.count).map { try Self.copyField(row[$0] as DatabaseValue) }.joined(
            separator: "\t")
          text += "\n"
        }
        return (columns, text)
      }
      try psql(
        name, "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN",
        input: Data(text.utf8))
    }
    // COPY gave the ids; the next id the database generates follows the highest.
    for (table, id) in [("activity", "event_id"), ("feedback", "feedback_id")] {
      try psql(
        name,
        "SELECT setval(pg_get_serial_sequence('\(table)', '\(id)'), coalesce(max(\(id)), 0) + 1, false) FROM \(table)"
      )
    }
    try psql(name, "ANALYZE")
    return name
  }

  /// A value in COPY's text format: `\N` for NULL, backslash escapes in text.
  static func copyField(_ value: DatabaseValue) throws -> String {
    switch value.storage {
    case .null: return "\\N"
    case .int64(let number): return String(number)
    case .double(let number): return "\(number)"
    case .string(let text):
      guard !text.contains("\u{0}") else {
        throw ServerError("PostgreSQL text cannot hold NUL: \(text.debugDescription)")
      }
      return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "\t", with: "\\t"
      )
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    case .blob: throw ServerError("blobs are not copied")
    }
  }
}
