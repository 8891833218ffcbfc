import Engine
import EventStore
import ReportModel

extension ReportPipeline {
  /// Builds the report of every row up to `cut`, like ``build(from:options:userLabel:)`` (no
  /// saved state, no listener named), and collects on the way what each listener played and
  /// rated (``PlayedTracks``): one read where a weekly digest would otherwise make two, for
  /// the owners' report and for the tracks its listeners already heard.
  ///
  /// - Parameter cut: the highest ids to read, so that the pairs match a read of the same
  ///   snapshot on another connection; `nil`: the source's own.
  /// - Returns: the report, and the pairs (`nil` for a source without a valid event time).
  /// - Throws: what a build throws; ``PartialStateError`` when the source's highest ids are
  ///   below `cut` (rows were deleted).
  public static func buildCollectingPlays<Source: EventSource>(
    from source: Source, options: ReportOptions, cut: EventCut?
  ) throws -> (report: Report, played: PlayedTracks?) {
    let stages: [BuildStage<Source.Reader>] = [
      .snapshot(pinned: cut), .collectPlays, .loadCatalog(features: true),
      .fixAsOf { try emptyResult(&$0) }, .restoreState, .startClusters, .scanRows, .sample,
      .countUsers, .settle, .finish, .addClusters,
    ]
    return try run(stages, on: source, options: options) { context in
      if let early = context.early { return (early.report, nil) }
      return (context.need(context.report, "report"), context.played)
    }
  }
}

extension BuildStage {
  /// Makes the full read that follows collect the plays and ratings it counts.
  static var collectPlays: BuildStage {
    BuildStage(name: "collect plays") { $0.collectsPlays = true }
  }
}
