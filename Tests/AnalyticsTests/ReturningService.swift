import Analytics
import EventStore
import ReportModel
import SQLiteSource
import TestSupport

/// A tiny service for who comes back, every number counted by hand in ``RetentionTests``.
///
/// As-of time A = Wed 2026-03-04 18:00 UTC (13:00 in New York, UTC−5 until 8 March). The week
/// of A (Mon 2 March – Sun 8 March) is not complete, so the last complete week W is the week of
/// Mon 23 February; W−1 = 16 Feb, W−2 = 9 Feb, …, W−11 = 8 Dec 2025, and W−12 = 1 Dec 2025 is
/// only "the week before" W−11.
///
///  activity  user  kind    time (UTC)          local week (UTC)   New York
///  1         a     play    2025-11-20 10:00    W−14
///  2         b     search  2026-02-09 10:00    W−2 (Mon)
///  3         a     play    2026-02-10 10:00    W−2
///  4         c     login   2026-02-12 10:00    W−2
///  5         a     play    2026-02-17 10:00    W−1
///  6         d     play    2026-02-20 10:00    W−1
///  7         f     login   2026-02-23 03:00    W (Mon)            Sun 22 Feb 22:00: W−1
///  8         a     play    2026-02-24 10:00    W
///  9         e     play    2026-02-26 10:00    W
///  10        a     login   2026-03-03 10:00    A's week (not complete)
///  11        d     play    2026-03-04 10:00    A's week
///  12        e     login   2026-02-16 10:00    W−1   (a late row: read last, yet e's first event)
///
///  feedback  user  track  verdict  time (UTC)
///  1         c     t1     +1       2026-02-18 10:00   W−1
///  2         b     t1     +1       2026-02-25 10:00   W
///
/// So: a's first event is long before every range and cohort; b skips W−1 and comes back in W;
/// c stops after W−1; d starts in W−1, skips W and comes back in A's unfinished week; e's first
/// event moves from W to W−1 when the late row 12 is read; f's only event is on Monday in UTC
/// and on Sunday — the week before — in New York. Every event but f's is at 05:00 in New York,
/// the same date as in UTC. User g never does anything.
enum ReturningService {
  /// A.
  static let asOf: Int64 = 1_772_647_200

  /// Everything but the late row 12.
  static let early = """
    INSERT INTO users (user_id, display_name, email, created_at) VALUES
      ('a', 'A', NULL, 0), ('b', 'B', NULL, 0), ('c', 'C', NULL, 0), ('d', 'D', NULL, 0),
      ('e', 'E', NULL, 0), ('f', 'F', NULL, 0), ('g', 'G', NULL, 0);
    INSERT INTO tracks (track_id, title, artist) VALUES ('t1', 'One', 'Alpha');
    INSERT INTO activity (event_id, user_id, kind, occurred_at, query, track_id) VALUES
      (1, 'a', 'play', 1763632800, NULL, 't1'),
      (2, 'b', 'search', 1770631200, 'jazz', NULL),
      (3, 'a', 'play', 1770717600, NULL, 't1'),
      (4, 'c', 'login', 1770890400, NULL, NULL),
      (5, 'a', 'play', 1771322400, NULL, 't1'),
      (6, 'd', 'play', 1771581600, NULL, 't1'),
      (7, 'f', 'login', 1771815600, NULL, NULL),
      (8, 'a', 'play', 1771927200, NULL, 't1'),
      (9, 'e', 'play', 1772100000, NULL, 't1'),
      (10, 'a', 'login', 1772532000, NULL, NULL),
      (11, 'd', 'play', 1772618400, NULL, 't1');
    INSERT INTO feedback (feedback_id, user_id, track_id, verdict, occurred_at, source, model) VALUES
      (1, 'c', 't1', 1, 1771408800, 'song', 'rec-v1'),
      (2, 'b', 't1', 1, 1772013600, 'song', 'rec-v1');
    """

  /// The late row 12: e at 2026-02-16 10:00.
  static let late = """
    INSERT INTO activity (event_id, user_id, kind, occurred_at, query, track_id) VALUES
      (12, 'e', 'login', 1771236000, NULL, NULL);
    """

  /// The options of a report as of A in `zone`.
  static func options(zone: String = "UTC", minUsers: Int = 1) -> ReportOptions {
    ReportOptions(asOf: asOf, zone: ZoneRules(identifier: zone)!, minRatings: 1, minUsers: minUsers)
  }

  /// A build of `fixture`, incremental from `state` when it applies.
  static func build(_ fixture: Fixture, options: ReportOptions, state: [UInt8]? = nil) throws
    -> ReportPipeline.Result
  {
    try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database), options: options,
      previousState: state.map(StateSource.init(bytes:)),
      userLabel: { ids, _ in Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") }) })
  }

  /// The report of every row, late row included.
  static func report(zone: String = "UTC", minUsers: Int = 1) throws -> Report {
    try build(Fixture(sql: early + late), options: options(zone: zone, minUsers: minUsers)).report
  }
}
