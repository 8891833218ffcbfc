/// The input contract an app writes to: schema version 1.
///
/// Apps with other table names can expose these tables as SQL views. Extra tables and extra
/// columns are allowed and ignored; the tables and columns listed in ``requiredColumns`` must
/// exist under these names.
public enum SchemaV1 {
  /// The statements `tunedash init` runs on SQLite: the five tables and the indexes the reads
  /// need.
  public static let statements: [String] = tables + indexes

  /// `CREATE TABLE` statements of the contract, for SQLite.
  public static let tables: [String] = tables(.sqlite)

  /// The statements `tunedash init` runs in `dialect`: the same tables and indexes.
  public static func statements(_ dialect: SQLDialect) -> [String] { tables(dialect) + indexes }

  /// `CREATE TABLE` statements of the contract in `dialect`: one description of the tables,
  /// with each database's names for 64-bit integers, doubles and the event ids.
  public static func tables(_ dialect: SQLDialect) -> [String] {
    let (integer, real, id) = (dialect.integer, dialect.real, dialect.eventID)
    return [
      """
      CREATE TABLE users (user_id TEXT PRIMARY KEY, display_name TEXT, email TEXT, created_at \(integer))
      """,
      """
      CREATE TABLE tracks (track_id TEXT PRIMARY KEY, title TEXT NOT NULL, artist TEXT NOT NULL, album TEXT,
        danceability \(real), energy \(real), valence \(real), tempo \(real), acousticness \(real))
      """,
      """
      CREATE TABLE track_genres (track_id TEXT NOT NULL, genre TEXT NOT NULL,
        PRIMARY KEY (track_id, genre))\(dialect.withoutRowID)
      """,
      """
      CREATE TABLE activity (event_id \(id), user_id TEXT NOT NULL, kind TEXT NOT NULL,
        occurred_at \(integer) NOT NULL, query TEXT, track_id TEXT)
      """,
      """
      CREATE TABLE feedback (feedback_id \(id), user_id TEXT NOT NULL, track_id TEXT NOT NULL,
        verdict \(integer) NOT NULL, occurred_at \(integer) NOT NULL, source TEXT, model TEXT)
      """,
    ]
  }

  /// Indexes that keep the reads fast: finding the latest event time, and reading a time slice.
  public static let indexes: [String] = [
    "CREATE INDEX activity_occurred_at ON activity(occurred_at)",
    "CREATE INDEX feedback_occurred_at ON feedback(occurred_at)",
  ]

  /// The audio-feature columns of `tracks` the recommender needs (`recommend`, `evaluate`).
  public static let audioFeatures = ["danceability", "energy", "valence", "tempo", "acousticness"]

  /// Audio-feature columns of `tracks` the recommender uses when the table has them.
  public static let optionalFeatures = ["speechiness", "instrumentalness", "liveness", "loudness"]

  /// The column of `users` that `tunedash digest` needs: where to send a listener's digest.
  public static let emailColumn = "email"

  /// An optional column of `users`: `email_opt_out INTEGER`, 1 when the listener asked for no
  /// email. Without it, every listener with a valid address may receive the digest.
  public static let optOutColumn = "email_opt_out"

  /// What a source selects for the digest's opt-out, given the columns `users` has: the
  /// optional column, or the constant `0` without it.
  /// - Throws: ``EventStoreError`` when `users` has no `email` column (`location` names the
  ///   database in the message).
  public static func optOutExpression(present: Set<String>, location: String) throws -> String {
    guard present.contains(emailColumn) else {
      throw EventStoreError(
        .contractViolation, path: location, table: "users", column: emailColumn,
        message:
          "table `users` in \(location) has no column `email`, which the weekly digest needs",
        hint: "add `email TEXT` to users (schema v1 has it), or a view that provides it")
    }
    return present.contains(optOutColumn) ? optOutColumn : "0"
  }

  /// The tables and columns TuneDash reads, in the order it reads them.
  public static let requiredColumns: [(table: String, columns: [String])] = [
    ("users", ["user_id", "display_name", "created_at"]),
    ("tracks", ["track_id", "title", "artist"]),
    ("track_genres", ["track_id", "genre"]),
    ("activity", ["event_id", "user_id", "kind", "occurred_at", "query", "track_id"]),
    (
      "feedback",
      ["feedback_id", "user_id", "track_id", "verdict", "occurred_at", "source", "model"]
    ),
  ]
}

extension SchemaV1 {
  /// Checks that every table and column of ``requiredColumns`` exists, given each table's
  /// lower-cased column names (empty when the table does not exist).
  /// - Throws: ``EventStoreError/Kind-swift.enum/contractViolation`` naming the first missing
  ///   table or column of the database at `location`.
  public static func verify(location: String, columnNames: (String) throws -> Set<String>) throws {
    for (table, columns) in requiredColumns {
      let found = try columnNames(table)
      guard !found.isEmpty else {
        throw EventStoreError(
          .contractViolation, path: location, table: table,
          message:
            "\(location) has no table `\(table)` (schema v1 needs users, tracks, track_genres, activity, feedback)",
          hint:
            "create schema v1 in an empty database with `tunedash init --db …` (a new SQLite file or a PostgreSQL URI), "
            + "or expose your tables as SQL views with these names (on PostgreSQL, readable through the role's search_path: "
            + "USAGE on their schema)"
        )
      }
      if let missing = columns.first(where: { !found.contains($0) }) {
        throw EventStoreError(
          .contractViolation, path: location, table: table, column: missing,
          message: "table `\(table)` in \(location) has no column `\(missing)`",
          hint:
            "schema v1 needs \(table)(\(columns.joined(separator: ", "))); add the column or a view that provides it"
        )
      }
    }
  }

  /// The feature columns a `tracks` table with columns `present` offers: the five of
  /// ``audioFeatures``, then those of ``optionalFeatures`` it has. Names come from these
  /// constants, never from the database, so they can be written into SQL.
  /// - Throws: ``EventStoreError`` naming the first of the five that is missing.
  public static func featureColumns(present: Set<String>, location: String) throws -> [String] {
    if let missing = audioFeatures.first(where: { !present.contains($0) }) {
      throw EventStoreError(
        .contractViolation, path: location, table: "tracks", column: missing,
        message:
          "table `tracks` in \(location) has no column `\(missing)`, which the recommender needs",
        hint:
          "add the audio-feature columns \(audioFeatures.joined(separator: ", ")) to tracks, or a view that provides them"
      )
    }
    return audioFeatures + optionalFeatures.filter(present.contains)
  }
}

/// The SQL dialects schema v1 is written in.
public enum SQLDialect: Sendable {
  /// SQLite: `INTEGER` and `REAL` (64-bit both), ids that are the rowid.
  case sqlite
  /// PostgreSQL: `BIGINT`, `DOUBLE PRECISION`, ids generated by default like SQLite's rowid.
  case postgresql

  /// A 64-bit integer column.
  var integer: String { self == .sqlite ? "INTEGER" : "BIGINT" }
  /// A 64-bit floating-point column.
  var real: String { self == .sqlite ? "REAL" : "DOUBLE PRECISION" }
  /// An event id: the primary key, numbered by the database when a row leaves it out.
  var eventID: String {
    self == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
  }
  /// What ends the `track_genres` table (SQLite stores it as its primary key's b-tree).
  var withoutRowID: String { self == .sqlite ? " WITHOUT ROWID" : "" }

  /// An `ORDER BY` term that sorts `column` by the bytes of its text form, a prefix first: the
  /// one canonical order in which every source reads tracks, genres and features, so
  /// that K-means seeding, ties and listings depend on the rows' content, never on the order a
  /// table happens to keep (insertion, `VACUUM`, a restore). Integer ids sort as their decimal
  /// text, as both databases convert them.
  public func byteOrder(_ column: String) -> String {
    self == .sqlite ? "CAST(\(column) AS TEXT)" : "\(column)::text COLLATE \"C\""
  }
}
