import BuildPipeline
import Digest
import Engine
import EventStore
import ReportModel
import Workers

/// The owners' report of a week, built on a thread of its own: the 7-day range of the report a
/// build with `--as-of` at the week's end computes, through the same pipeline. It needs nothing
/// from the listeners' digests, so it is built while the week's searches are read (on one core
/// most of the time); ``report()`` waits for it.
///
/// The build reads its own snapshot of the source, through a connection of its own (an SQLite
/// source reads through one connection at a time), as it did when it ran after the listeners'
/// side: the week is fixed before it starts, and a build as of the week's end counts no later
/// event.
final class OwnersBuild: Sendable {
  private let work: Background<Result<OwnersDigest, any Error>>

  /// Starts building the report of `week` from the source `open` opens.
  init(
    open: @escaping @Sendable () throws -> any EventSource, week: DigestWeek,
    options: DigestOptions
  ) {
    work = Background(returnMemory: true) {
      Result {
        let source = try open()
        // No sound clusters: the owners' report shows none, and k shapes nothing else in a
        // report (see ``ReportOptions/clusters``), so the build's K-means would be wasted.
        let reportOptions = ReportOptions(
          asOf: week.asOf, zone: options.zone, minRatings: options.minRatings,
          minUsers: options.minUsers, clusters: 0)
        // The report names no listener the owners' email shows, so no labels are needed.
        let report = try ReportPipeline.build(from: source, options: reportOptions) { _ in [:] }
        return OwnersDigest(week: week, range: report.ranges.days7, siteURL: options.siteURL)
      }
    }
  }

  /// The report, once built (waits for it). Asked for once.
  /// - Throws: what the build threw.
  func report() throws -> OwnersDigest {
    try work.value.get()
  }
}
