import Engine
import EventStore
import ReportModel

extension ReportPipeline {
  /// Builds the report of every row up to `cut`, like ``build(from:options:userLabel:)`` (no
  /// saved state, no listener named), and collects on the way what `listeners` played and
  /// rated (``PlayedTracks``): one read where a weekly digest would otherwise make two, for the
  /// owners' report and for the tracks its picking listeners already heard.
  ///
  /// - Parameters:
  ///   - cut: the highest ids to read, so that the tracks match a read of the same snapshot on
  ///     another connection; `nil`: the source's own.
  ///   - listeners: the user ids (their bytes) whose plays and ratings to collect, distinct.
  /// - Returns: the report, and their tracks (`nil` for a source without a valid event time).
  /// - Throws: what a build throws; ``PartialStateError`` when the source's highest ids are
  ///   below `cut` (rows were deleted).
  public static func buildCollectingPlays<Source: EventSource>(
    from source: Source, options: ReportOptions, cut: EventCut?, of listeners: [[UInt8]]
  ) throws -> (report: Report, played: PlayedTracks?) {
    let stages: [BuildStage<Source.Reader>] = [
      .snapshot(pinned: cut), .collectPlays(of: listeners), .loadCatalog(features: true),
      .fixAsOf { try emptyResult(&$0) }, .restoreState, .startClusters, .scanRows, .countUsers,
      .sample, .settle, .keepClusters, .finish, .addClusters,
    ]
    return try run(stages, on: source, options: options) { context in
      if let early = context.early { return (early.report, nil) }
      return (context.need(context.report, "report"), context.played)
    }
  }
}

extension BuildStage {
  /// Makes the full read that follows collect the plays and ratings of `listeners`.
  static func collectPlays(of listeners: [[UInt8]]) -> BuildStage {
    BuildStage(name: "collect plays") { $0.playsOf = listeners }
  }
}
