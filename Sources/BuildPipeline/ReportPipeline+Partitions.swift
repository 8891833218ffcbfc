import Engine
import EventStore

extension ReportPipeline {
  /// Counts one partition of the listeners (see ``ListenerPartition``) and returns its state,
  /// without finishing a report: `tunedash build --partition I/N --state-out FILE`.
  ///
  /// The cut and the as-of time are the whole tables' (the latest valid event of every
  /// listener, unless `options.asOf` is set), not the partition's, so that every partition
  /// counts up to the same time. Only the rows of the partition's listeners are validated and
  /// counted (and the `users` rows of those listeners); the catalog is loaded for the track
  /// indexes, but the sound clusters, which depend on the catalog alone, are left to the merge.
  ///
  /// Partitions built on several machines, or at several moments, of a table that keeps
  /// growing must agree on the rows they count: give them all the same `cut` (the highest ids to
  /// read, at most the table's now); its latest event is then the same default as-of time too.
  ///
  /// - Throws: ``PartialStateError`` with ``PartialStateError/Reason/noEvents`` when the
  ///   database has no valid event time yet, or ``PartialStateError/Reason/cutNotReached`` when
  ///   `cut` names rows the database does not have; the source's errors.
  public static func buildPartial<Source: EventSource>(
    from source: Source, options: ReportOptions, partition: ListenerPartition,
    cut pinned: EventCut? = nil,
    progress: @escaping (Double) -> Void = { _ in }
  ) throws -> SavedState {
    try run(
      partitionStages(partition, cut: pinned), on: source, options: options, progress: progress
    ) { context in
      SavedState(
        state: context.engineState, options: options,
        catalog: context.need(context.catalog, "catalog"))
    }
  }

  /// The stages of one partition's build: the rows of its listeners, counted but not finished.
  static func partitionStages<Reader>(_ partition: ListenerPartition, cut pinned: EventCut?)
    -> [BuildStage<Reader>]
  {
    [
      .snapshot(pinned: pinned), .loadCatalog(features: false),
      .fixAsOf { _ in throw PartialStateError(.noEvents) }, .freshState(partition: partition),
      .scanRows, .countUsers, .sample, .settle,
    ]
  }

  /// One partial state to merge and the name it is known by in messages (its file).
  public struct Partial: Sendable {
    /// The file's name, for messages.
    public var name: String
    /// Its bytes.
    public var state: StateSource

    /// A partial state called `name`.
    public init(name: String, state: StateSource) {
      self.name = name
      self.state = state
    }
  }

  /// Merges the partial states of partitions `0 ..< N` of one build and finishes the report:
  /// the same report, byte for byte, as one unpartitioned build of the same rows with the same
  /// options (`tunedash merge`).
  ///
  /// `source` gives only what does not depend on the listeners: the catalog (checked against
  /// each partial's fingerprint), the sound clusters, and the titles and names of the few
  /// tracks and users a page shows; no event row is read. The partials are decoded and merged one
  /// at a time, so at most the merged state and one partial are in memory. Privacy thresholds
  /// and top-N cuts are applied only at the finish, over the merged counts.
  ///
  /// - Throws: ``PartialStateError`` when the partials do not fit together: unreadable, another
  ///   version, other options or catalog, another as-of time, cut or partition count, a
  ///   partition twice, shared listeners, or missing partitions.
  public static func merge<Source: EventSource>(
    _ partials: [Partial], from source: Source, options: ReportOptions,
    userLabel: @escaping ([String], Source.Reader) throws -> [String: String]
  ) throws -> Result {
    guard !partials.isEmpty else { throw PartialStateError(.noPartials) }
    return try run(
      mergeStages(partials), on: source, options: options, userLabel: userLabel
    ) { context in
      Result(
        report: context.need(context.report, "report"), state: nil,
        kind: .full(reason: .noSavedState), statistics: context.engineState.engine.statistics,
        steps: context.clock)
    }
  }

  /// The stages of a merge: no event row is read; the clusters run while the states merge.
  static func mergeStages<Reader>(_ partials: [Partial]) -> [BuildStage<Reader>] {
    [
      .loadCatalog(features: true), .startClusters, .mergeStates(partials), .countAllUsers,
      .settle, .keepClusters,
      .finish,
      .addClusters,
    ]
  }

  /// Refuses a partial `state` (from `file`) made for another build than `first`: another
  /// partition count, as-of time or cut.
  static func check(_ state: EngineState, fits first: EngineState, file: String) throws {
    guard state.partition.count == first.partition.count else {
      throw PartialStateError(
        .countDiffers(expected: first.partition.count, found: state.partition.count), file: file)
    }
    guard state.engine.asOf == first.engine.asOf else {
      throw PartialStateError(.asOfDiffers, file: file)
    }
    guard state.cut == first.cut else { throw PartialStateError(.cutDiffers, file: file) }
  }

  /// Decodes one partial state for `options` and `catalog`, turning a mismatch into the
  /// partial-state error that names the file.
  static func decodePartial(_ partial: Partial, options: ReportOptions, catalog: Catalog)
    throws(PartialStateError)
    -> EngineState
  {
    do {
      return try EngineState(decoding: partial.state, options: options, catalog: catalog)
    } catch {
      let reason: PartialStateError.Reason =
        switch error {
        case .unreadable: .unreadable
        case .otherVersion: .otherVersion
        case .optionsChanged: .optionsDiffer
        case .catalogChanged: .catalogDiffers
        }
      throw PartialStateError(reason, file: partial.name)
    }
  }
}
