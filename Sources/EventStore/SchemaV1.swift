/// The input contract an app writes to: schema version 1.
///
/// Apps with other table names can expose these tables as SQL views. Extra tables and extra
/// columns are allowed and ignored; the tables and columns listed in ``requiredColumns`` must
/// exist under these names.
public enum SchemaV1 {
  /// The statements `tunedash init` runs: the five tables and the indexes the reads need.
  public static let statements: [String] = tables + indexes

  /// `CREATE TABLE` statements of the contract.
  public static let tables: [String] = [
    """
    CREATE TABLE users (user_id TEXT PRIMARY KEY, display_name TEXT, email TEXT, created_at INTEGER)
    """,
    """
    CREATE TABLE tracks (track_id TEXT PRIMARY KEY, title TEXT NOT NULL, artist TEXT NOT NULL, album TEXT,
      danceability REAL, energy REAL, valence REAL, tempo REAL, acousticness REAL)
    """,
    """
    CREATE TABLE track_genres (track_id TEXT NOT NULL, genre TEXT NOT NULL,
      PRIMARY KEY (track_id, genre)) WITHOUT ROWID
    """,
    """
    CREATE TABLE activity (event_id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL,
      occurred_at INTEGER NOT NULL, query TEXT, track_id TEXT)
    """,
    """
    CREATE TABLE feedback (feedback_id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, track_id TEXT NOT NULL,
      verdict INTEGER NOT NULL, occurred_at INTEGER NOT NULL, source TEXT, model TEXT)
    """,
  ]

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

  /// The tables and columns TuneDash reads, in the order it reads them.
  public static let requiredColumns: [(table: String, columns: [String])] = [
    ("users", ["user_id", "display_name", "created_at"]),
    ("tracks", ["track_id", "title", "artist"]),
    ("track_genres", ["track_id", "genre"]),
    ("activity", ["event_id", "user_id", "kind", "occurred_at", "query", "track_id"]),
    ("feedback", ["feedback_id", "user_id", "track_id", "verdict", "occurred_at", "source", "model"]),
  ]
}
