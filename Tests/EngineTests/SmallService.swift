import BuildPipeline
import Engine
import EventStore
import ReportModel
import TestSupport

/// A tiny service whose every number was counted by hand; the tests below check the report
/// against those counts.
///
/// As-of time A = 2026-01-01T00:00:00Z (a Thursday); D = one day. A falls at the very start of
/// its day, the hardest case for the calendar ranges: in UTC the as-of day 1 Jan holds the one
/// second A, so the last 7 days are 26 Dec 00:00 (A − 6D) through A and the last 30 days start
/// at A − 29D; their previous periods end at the same time of day as A, 7 and 30 days earlier
/// (A − 7D and A − 30D, inclusive), and start at A − 13D and A − 59D. Rows sit on the edges on
/// purpose: row 2 at A − 7D is the last second of the previous 7 days; row 3 one second later
/// falls between the two periods (in neither), as does row 5 for the 30 days.
///
/// Catalog: t1 = rock + pop (two genres), t2 = jazz, t3 = rock, t4 = no genre.
/// Users table: u1 … u6 (u6 never does anything).
///
///  activity  user kind     time          query            track
///  1         u1   play     A − 1                          t1
///  2         u2   play     A − 7D                         t1
///  3         u2   search   A − 7D + 1    "Rock anthems"   t3
///  4         u3   play     A − 30D                        t2
///  5         u3   login    A − 30D + 1
///  6         u4   playlist A − 40D       "Rock & Roll 🎸"
///  7         u1   search   A − 2D        "rock"
///  8         u5   play     A − 3D                         t4
///  9         u1   share    A − 100D                        (other kind)
///  10        u4   play     A − 5D                         t9 (not in the catalog)
///
///  feedback  user track verdict time      source    model
///  1         u1   t1    +1      A − 2D    song      rec-v2
///  2         u2   t2    −1      A − 8D    playlist  rec-v1
///  3         u3   t3    +1      A − 20D   song      rec-v2
///  4         u5   t2    +1      A − 45D   NULL      rec-v1
///  5         u1   t1    −1      A         song      rec-v2
///  6         u2   t1     0      A − 1     song      rec-v2   (bad verdict: skipped)
///  7         u9   t999  +1      A − 1     song      rec-v2   (unknown track: skipped)
enum SmallService {
  static let asOf: Int64 = 1_767_225_600
  static let day: Int64 = 86_400

  /// The rows above, in memory: these tests need no database file.
  static let source = SmallServiceRows.source

  /// The report of `source` as of A, in UTC unless a zone is given, tracks ranked from one
  /// rating, and groups published from one user unless `minUsers` says otherwise.
  static func report(
    from source: some EventSource = SmallService.source, zone: String = "UTC",
    asOf: Int64? = SmallService.asOf, minUsers: Int = 1
  ) throws -> Report {
    var options = ReportOptions(
      asOf: asOf, zone: ZoneRules(identifier: zone)!, minRatings: 1, minUsers: minUsers)
    options.recentUsers = 10
    return try ReportPipeline.build(from: source, options: options) { ids in
      Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") })
    }
  }
}
