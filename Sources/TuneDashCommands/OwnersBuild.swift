import BuildPipeline
import Digest
import Engine
import EventStore
import ReportModel
import Synchronization
import Workers

/// The owners' report of a week, built on a thread of its own: the 7-day range of the report a
/// build with `--as-of` at the week's end computes, through the same pipeline. It starts once
/// the week's searches are read and collects on the way the plays and ratings of the listeners
/// who picked a track, which the listeners' side takes (``played()``) instead of reading every
/// play and rating a second time.
///
/// The build reads through a connection of its own (an SQLite source reads through one
/// connection at a time) up to the listeners' side's highest ids, so that both sides count the
/// same rows of a log that is only appended to (``PlayedTracks`` says what the ids do not pin):
/// the week is fixed before it starts, and a build as of the week's end counts no later event.
/// When its tracks do not apply, the listeners' side reads them itself, after the build.
///
/// With the state a scheduled `tunedash build` keeps (`digest --state`), the build goes on from
/// it instead, reading only what was added since (``ReportPipeline/buildContinuing``); it then
/// collects nothing, and the listeners' side reads their tracks itself, meanwhile.
final class OwnersBuild: Sendable {
  private typealias Built = (
    digest: OwnersDigest, played: PlayedTracks?, kind: ReportPipeline.Result.Kind?
  )
  private let work: Background<Result<Built, any Error>>
  /// The build's outcome once waited for; the pairs are dropped once taken.
  private let outcome = Mutex<Result<Built, any Error>?>(nil)

  /// Whether the build collects the picking listeners' plays and ratings (without a state).
  let collects: Bool

  /// Starts building the report of `week` from the source `open` opens, up to `cut`: going on
  /// from `state` when there is one, otherwise collecting the plays and ratings of `listeners`
  /// (user ids' bytes).
  init(
    open: @escaping @Sendable () throws -> any EventSource, week: DigestWeek, cut: EventCut,
    listeners: [[UInt8]], options: DigestOptions, state: StateSource? = nil
  ) {
    collects = state == nil
    work = Background(returnMemory: true) {
      Result {
        let source = try open()
        // No sound clusters: the owners' report shows none, and k shapes nothing else in a
        // report (see ``ReportOptions/clusters``), so the build's K-means would be wasted.
        let reportOptions = ReportOptions(
          asOf: week.asOf, zone: options.zone, minRatings: options.minRatings,
          minUsers: options.minUsers, clusters: 0)
        // The report names no listener the owners' email shows, so no labels are needed.
        let built: (report: Report, played: PlayedTracks?, kind: ReportPipeline.Result.Kind?)
        if let state {
          let (report, kind) = try Self.pinned(to: cut) {
            try ReportPipeline.buildContinuing(
              from: source, options: reportOptions, cut: $0, saved: state)
          }
          built = (report, nil, kind)
        } else {
          let (report, played) = try Self.pinned(to: cut) {
            try ReportPipeline.buildCollectingPlays(
              from: source, options: reportOptions, cut: $0, of: listeners)
          }
          built = (report, played, nil)
        }
        return (
          OwnersDigest(week: week, range: built.report.ranges.days7, siteURL: options.siteURL),
          built.played, built.kind
        )
      }
    }
  }

  /// `build` up to `cut` — or, when rows below the cut were deleted since it was taken, up to
  /// the source's own highest ids: the report of what is there now, whose tracks are then of
  /// another cut (the listeners' side reads its own). The snapshot is a build's first stage,
  /// so the first attempt has read nothing else (a saved state included).
  private static func pinned<T>(to cut: EventCut, _ build: (EventCut?) throws -> T) throws -> T {
    do {
      return try build(cut)
    } catch let error as PartialStateError {
      guard case .cutNotReached = error.reason else { throw error }
      return try build(nil)
    }
  }

  /// Waits for the build; its outcome is kept for the next call.
  private func waitForOutcome<T>(_ body: (inout Built) -> T) throws -> T {
    try outcome.withLock { outcome in
      if outcome == nil { outcome = work.value }
      var built = try outcome!.get()
      let value = body(&built)
      outcome = .success(built)
      return value
    }
  }

  /// The plays and ratings the build collected (waits for it), handed over once: later calls
  /// get `nil`. A build that collects nothing returns `nil` at once.
  /// - Throws: what the build threw.
  func played() throws -> PlayedTracks? {
    guard collects else { return nil }
    return try waitForOutcome { built in
      defer { built.played = nil }
      return built.played
    }
  }

  /// The report, once built (waits for it), and, for a build going on from a state, how it
  /// read the rows.
  /// - Throws: what the build threw.
  func report() throws -> (digest: OwnersDigest, kind: ReportPipeline.Result.Kind?) {
    try waitForOutcome { ($0.digest, $0.kind) }
  }
}
