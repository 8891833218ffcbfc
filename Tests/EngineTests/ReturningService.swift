import BuildPipeline
import Engine
import EventStore
import ReportModel
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

  /// Everything but the late row 12, in memory.
  static let early = MemorySource(
    users: ["a", "b", "c", "d", "e", "f", "g"].map {
      .init(id: $0, displayName: $0.uppercased(), email: nil)
    },
    tracks: [.init(id: "t1", title: "One", artist: "Alpha")],
    activity: [
      .init(id: 1, user: "a", kind: "play", time: 1_763_632_800, track: "t1"),
      .init(id: 2, user: "b", kind: "search", time: 1_770_631_200, query: "jazz"),
      .init(id: 3, user: "a", kind: "play", time: 1_770_717_600, track: "t1"),
      .init(id: 4, user: "c", kind: "login", time: 1_770_890_400),
      .init(id: 5, user: "a", kind: "play", time: 1_771_322_400, track: "t1"),
      .init(id: 6, user: "d", kind: "play", time: 1_771_581_600, track: "t1"),
      .init(id: 7, user: "f", kind: "login", time: 1_771_815_600),
      .init(id: 8, user: "a", kind: "play", time: 1_771_927_200, track: "t1"),
      .init(id: 9, user: "e", kind: "play", time: 1_772_100_000, track: "t1"),
      .init(id: 10, user: "a", kind: "login", time: 1_772_532_000),
      .init(id: 11, user: "d", kind: "play", time: 1_772_618_400, track: "t1"),
    ],
    feedback: [
      .init(
        id: 1, user: "c", track: "t1", verdict: 1, time: 1_771_408_800, source: "song",
        model: "rec-v1"),
      .init(
        id: 2, user: "b", track: "t1", verdict: 1, time: 1_772_013_600, source: "song",
        model: "rec-v1"),
    ])

  /// The late row 12: e at 2026-02-16 10:00.
  static let late = MemorySource.Activity(id: 12, user: "e", kind: "login", time: 1_771_236_000)

  /// Every row, the late row included.
  static var all: MemorySource {
    var source = early
    source.activity.append(late)
    return source
  }

  /// The options of a report as of A in `zone`.
  static func options(zone: String = "UTC", minUsers: Int = 1) -> ReportOptions {
    ReportOptions(asOf: asOf, zone: ZoneRules(identifier: zone)!, minRatings: 1, minUsers: minUsers)
  }

  /// A build of `source`, incremental from `state` when it applies.
  static func build(_ source: MemorySource, options: ReportOptions, state: [UInt8]? = nil) throws
    -> ReportPipeline.Result
  {
    try ReportPipeline.build(
      from: source, options: options,
      previousState: state.map(StateSource.init(bytes:)),
      userLabel: { ids, _ in Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") }) })
  }

  /// The report of every row, late row included.
  static func report(zone: String = "UTC", minUsers: Int = 1) throws -> Report {
    try build(all, options: options(zone: zone, minUsers: minUsers)).report
  }
}
