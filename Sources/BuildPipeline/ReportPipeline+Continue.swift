import Engine
import EventStore
import ReportModel

extension ReportPipeline {
  /// Builds the report as of `options.asOf` (which must be set) up to `cut`, going on from
  /// `saved` — the state a build without `--as-of` kept, as a scheduled `tunedash build` does —
  /// when it applies: then only the rows added since that build are read, and the old rows a
  /// range edge passed over. Otherwise (other options, catalog or partition, an as-of time
  /// before the state's or more than 7 days after it, rows deleted or rewritten) every row is
  /// read. Either way the report is the one ``build(from:options:userLabel:)`` gives for the
  /// same rows (no listener named), and nothing is saved: `saved` is only read.
  ///
  /// - Returns: the report, and how it was read.
  /// - Throws: what a build throws; ``PartialStateError`` when the source's highest ids are
  ///   below `cut` (rows were deleted).
  public static func buildContinuing<Source: EventSource>(
    from source: Source, options: ReportOptions, cut: EventCut?, saved: StateSource
  ) throws -> (report: Report, kind: Result.Kind) {
    precondition(options.asOf != nil, "a build going on from a saved state needs its as-of time")
    let stages: [BuildStage<Source.Reader>] = [
      .snapshot(pinned: cut), .startDecoding(continuingLatest: saved),
      .loadCatalog(features: true), .fixAsOf { try emptyResult(&$0) }, .restoreState,
      .startClusters, .scanRows, .countUsers, .sample, .settle, .keepClusters, .finish,
      .addClusters,
    ]
    return try run(stages, on: source, options: options) { context in
      if let early = context.early { return (early.report, .full(reason: .noEvents)) }
      return (context.need(context.report, "report"), context.kind)
    }
  }
}
