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
    progress: (Double) -> Void = { _ in }
  ) throws -> SavedState {
    MallocTuning.applied
    return try source.read { reader in
      let now = try reader.cut()
      if let pinned, pinned.maxEventID > now.maxEventID || pinned.maxFeedbackID > now.maxFeedbackID
      {
        throw PartialStateError(.cutNotReached(now))
      }
      let cut = pinned ?? now
      let catalog = try reader.loadCatalog()
      guard let asOf = try options.asOf ?? reader.latestTime(in: cut) else {
        throw PartialStateError(.noEvents)
      }
      var state = EngineState(
        engine: AnalyticsEngine(asOf: asOf, catalog: catalog, options: options),
        partition: partition)
      _ = try readRows(
        &state, through: cut, asOf: asOf, reader: reader, catalog: catalog, progress: progress)
      state.activitySamples = try reader.rowDigests(
        .activity, ids: EngineState.sampleIDs(below: cut.maxEventID))
      state.feedbackSamples = try reader.rowDigests(
        .feedback, ids: EngineState.sampleIDs(below: cut.maxFeedbackID))
      try countRegisteredUsers(&state, reader: reader)
      state.engine.settle()
      return SavedState(state: state, options: options, catalog: catalog)
    }
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
    MallocTuning.applied
    guard !partials.isEmpty else { throw PartialStateError(.noPartials) }
    return try source.read { reader in
      var clock = StepClock()
      let catalog = try reader.loadCatalog()
      let features = try Self.features(reader, catalog: catalog)
      // K-means at a lower priority while the states are merged (see `build`).
      let sound = BackgroundWork(returnMemory: true) {
        SoundModel(
          features: features, catalog: catalog, clusters: options.clusters, lowPriority: true)
      }
      var merged: EngineState?
      var seen = Set<Int>()
      for partial in partials {
        let state = try decodePartial(partial, options: options, catalog: catalog)
        if let first = merged.map({ (count: $0.partition.count, asOf: $0.engine.asOf, cut: $0.cut) }
        ) {
          guard state.partition.count == first.count else {
            throw PartialStateError(
              .countDiffers(expected: first.count, found: state.partition.count), file: partial.name
            )
          }
          guard state.engine.asOf == first.asOf else {
            throw PartialStateError(.asOfDiffers, file: partial.name)
          }
          guard state.cut == first.cut else {
            throw PartialStateError(.cutDiffers, file: partial.name)
          }
        }
        guard seen.insert(state.partition.index).inserted else {
          throw PartialStateError(.duplicatePartition(state.partition), file: partial.name)
        }
        if merged == nil {
          merged = state
        } else {
          do throws(PartialStateError) {
            try merged!.merge(state)
          } catch {
            throw PartialStateError(error.reason, file: partial.name)
          }
        }
        clock.lap("merged \(partial.name)")
      }
      var state = merged!
      let count = state.partition.count
      let missing = (0..<count).filter { !seen.contains($0) }
      guard missing.isEmpty else { throw PartialStateError(.missingPartitions(missing, of: count)) }
      let inputs = FinishInputs(
        users: state.users, labels: state.labels, issues: state.issues,
        registeredUsers: state.registeredUsers,
        neverActiveUsers: state.neverActiveUsers, trackDetails: { try reader.trackDetails($0) },
        userLabel: { try userLabel($0, reader) })
      state.engine.settle()
      var report = try state.engine.finish(inputs)
      clock.lap("finish")
      state.engine.add(sound.value, to: &report)
      clock.lap("sound clusters")
      return Result(
        report: report, state: nil, kind: .full(reason: .noSavedState),
        statistics: state.engine.statistics,
        steps: clock)
    }
  }

  /// Decodes one partial state for `options` and `catalog`, turning a mismatch into the
  /// partial-state error that names the file.
  private static func decodePartial(_ partial: Partial, options: ReportOptions, catalog: Catalog)
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
