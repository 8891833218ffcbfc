import BuildPipeline
import Engine
import EventStore
import ReportModel
import SQLiteSource
import TestSupport
import Testing

/// The in-memory source the engine tests read gives what a database of the same rows gives:
/// the same report and the same state, byte for byte, for each hand-counted service.
@Suite("Reports from memory and from SQLite")
struct MemorySourceTests {
  /// The services, by name, and the options of their tests.
  static let services: [(String, MemorySource, ReportOptions)] = [
    ("small service", SmallService.source, options(SmallService.asOf)),
    ("small service with sound", SoundClusterTests.source, options(SmallService.asOf, clusters: 2)),
    (
      "small service, as of A − 3 days", SmallService.source,
      options(SmallService.asOf - 3 * 86_400)
    ),
    ("returning service", ReturningService.all, ReturningService.options()),
    (
      "returning service in New York", ReturningService.all,
      ReturningService.options(zone: "America/New_York")
    ),
  ]

  /// A report as of `asOf` in UTC, tracks ranked from one rating, groups published from one
  /// user, with `clusters` sound clusters.
  static func options(_ asOf: Int64, clusters: Int = 17) -> ReportOptions {
    ReportOptions(asOf: asOf, minRatings: 1, minUsers: 1, clusters: clusters)
  }

  @Test(arguments: services.indices)
  func theSameRowsGiveTheSameReportAndState(_ service: Int) throws {
    let (name, source, options) = Self.services[service]
    let fixture = try Fixture(sql: source.sql)
    let label: ([String]) -> [String: String] = { ids in
      Dictionary(uniqueKeysWithValues: ids.map { ($0, "label-\($0)") })
    }
    let memory = try ReportPipeline.build(from: source, options: options, previousState: nil) {
      ids, _ in label(ids)
    }
    let sqlite = try ReportPipeline.build(
      from: SourceDatabase(path: fixture.database), options: options, previousState: nil
    ) { ids, _ in label(ids) }
    #expect(memory.report == sqlite.report, "\(name)")
    #expect(memory.state?.bytes == sqlite.state?.bytes, "\(name)")
    #expect(memory.state?.listeners ?? 0 > 0, "\(name)")
  }
}
