/// The rows of the hand-counted small service (see `SmallService` in the analytics tests,
/// which lays them out as a table with the arithmetic): SQL for a schema v1 database.
public enum SmallServiceRows {
  /// `INSERT` statements for users, tracks, genres, activity and feedback.
  public static let sql = """
    INSERT INTO users (user_id, display_name, email, created_at) VALUES
      ('u1', 'Ann', 'ann@example.com', 0), ('u2', 'Bo', 'bo@example.com', 0),
      ('u3', 'Cy', 'cy@example.com', 0), ('u4', 'Di', 'di@example.com', 0),
      ('u5', 'Ed', 'ed@example.com', 0), ('u6', 'Flo', 'flo@example.com', 0);
    INSERT INTO tracks (track_id, title, artist) VALUES
      ('t1', 'One', 'Alpha'), ('t2', 'Two', 'Beta'), ('t3', 'Three', 'Gamma'), ('t4', 'Four', 'Delta');
    INSERT INTO track_genres VALUES ('t1', 'rock'), ('t1', 'pop'), ('t2', 'jazz'), ('t3', 'rock');
    INSERT INTO activity (event_id, user_id, kind, occurred_at, query, track_id) VALUES
      (1, 'u1', 'play', 1767225600 - 1, NULL, 't1'),
      (2, 'u2', 'play', 1767225600 - 7 * 86400, NULL, 't1'),
      (3, 'u2', 'search', 1767225600 - 7 * 86400 + 1, 'Rock anthems', 't3'),
      (4, 'u3', 'play', 1767225600 - 30 * 86400, NULL, 't2'),
      (5, 'u3', 'login', 1767225600 - 30 * 86400 + 1, NULL, NULL),
      (6, 'u4', 'playlist', 1767225600 - 40 * 86400, 'Rock & Roll 🎸', NULL),
      (7, 'u1', 'search', 1767225600 - 2 * 86400, 'rock', NULL),
      (8, 'u5', 'play', 1767225600 - 3 * 86400, NULL, 't4'),
      (9, 'u1', 'share', 1767225600 - 100 * 86400, NULL, NULL),
      (10, 'u4', 'play', 1767225600 - 5 * 86400, NULL, 't9');
    INSERT INTO feedback (feedback_id, user_id, track_id, verdict, occurred_at, source, model) VALUES
      (1, 'u1', 't1', 1, 1767225600 - 2 * 86400, 'song', 'rec-v2'),
      (2, 'u2', 't2', -1, 1767225600 - 8 * 86400, 'playlist', 'rec-v1'),
      (3, 'u3', 't3', 1, 1767225600 - 20 * 86400, 'song', 'rec-v2'),
      (4, 'u5', 't2', 1, 1767225600 - 45 * 86400, NULL, 'rec-v1'),
      (5, 'u1', 't1', -1, 1767225600, 'song', 'rec-v2'),
      (6, 'u2', 't1', 0, 1767225600 - 1, 'song', 'rec-v2'),
      (7, 'u9', 't999', 1, 1767225600 - 1, 'song', 'rec-v2');
    """
}
