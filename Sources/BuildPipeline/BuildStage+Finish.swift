import Engine
import EventStore
import Formatting
import Workers

extension BuildStage {
  /// Starts the sound clusters, which need only the catalog and its features. When the last
  /// build's whole model still applies (``KeptSound``: the same feature rows, k, method,
  /// catalog and program), it is taken as it is and the features are not read. Otherwise the
  /// features are read here, on the build's own thread, if the catalog's read left them for
  /// later, and K-means (unless the saved clusters still apply) runs while the rows are read
  /// and counted, at a lower priority, on the processor time the scan leaves; ``keepClusters``
  /// (or, when it is not done by then, ``addClusters``) waits for it.
  static var startClusters: BuildStage {
    BuildStage(name: "start clusters") { context in
      let catalog = context.need(context.catalog, "catalog")
      let (clusters, cache) = (context.options.clusters, context.savedSound)
      if let kept = context.keptSound,
        kept.applies(featureRows: context.featureRows, clusters: clusters, catalog: catalog)
      {
        context.sound = Background { kept.model }
        context.detail = "kept from the last build"
        return
      }
      context.keptSound = nil
      let features = try context.features ?? Self.features(context)
      context.features = features
      context.sound = Background(returnMemory: true) {
        SoundModel(
          features: features, catalog: catalog, clusters: clusters, cache: cache,
          lowPriority: true)
      }
    }
  }

  /// Merges the partial states of partitions `0 ..< N`, one at a time, so that at most the
  /// merged state and one partial are in memory; refuses a set that does not fit together.
  static func mergeStates(_ partials: [ReportPipeline.Partial]) -> BuildStage {
    BuildStage(name: "merge states") { context in
      let catalog = context.need(context.catalog, "catalog")
      var merged: EngineState?
      var seen = Set<Int>()
      for partial in partials {
        let state = try ReportPipeline.decodePartial(
          partial, options: context.options, catalog: catalog)
        if let first = merged {
          try ReportPipeline.check(state, fits: first, file: partial.name)
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
      }
      guard let state = merged else { throw PartialStateError(.noPartials) }
      let count = state.partition.count
      let missing = (0..<count).filter { !seen.contains($0) }
      guard missing.isEmpty else { throw PartialStateError(.missingPartitions(missing, of: count)) }
      context.asOf = state.engine.asOf
      context.cut = state.cut
      context.state = state
      context.detail = NumberFormat.count(partials.count, "state")
    }
  }

  /// Tidies the state's buffers once every row is counted: before the finish and before the
  /// state is written.
  static var settle: BuildStage {
    BuildStage(name: "settle") { context in
      context.engineState.engine.settle(Workers.loop())
    }
  }

  /// Finishes the report from the counts: privacy thresholds, top-N cuts, the few titles and
  /// names a page shows.
  static var finish: BuildStage {
    BuildStage(name: "finish") { context in
      let state = context.engineState
      let (reader, userLabel) = (context.reader, context.userLabel)
      let inputs = FinishInputs(
        users: state.users, labels: state.labels, issues: state.issues,
        registeredUsers: state.registeredUsers, neverActiveUsers: state.neverActiveUsers,
        trackDetails: { try reader.trackDetails($0) }, userLabel: { try userLabel($0, reader) })
      context.report = try state.engine.finish(inputs, loop: Workers.loop())
    }
  }

  /// Keeps the sound clusters in the state, for the next build, when they are ready (kept from
  /// the last build, or K-means done beside the scan): the state is final from here on, and
  /// ``BuildContext/stateReady`` hears it, so that it can be written while the report is
  /// finished (the finish only reads the state). Clusters still being computed are not waited
  /// for: the finish runs beside them, and ``addClusters`` keeps them.
  static var keepClusters: BuildStage {
    BuildStage(name: "keep clusters") { context in
      guard context.need(context.sound, "clusters").isDone else {
        context.detail = "after the finish: K-means is still running"
        return
      }
      keep(&context)
    }
  }

  /// Adds the sound clusters to the report, once ``keepClusters`` or this stage (waiting for
  /// them) kept them in the state.
  static var addClusters: BuildStage {
    BuildStage(name: "add clusters") { context in
      if context.sound != nil { keep(&context) }
      var report = context.need(context.report, "report")
      context.engineState.engine.add(context.soundModel, to: &report)
      context.report = report
    }
  }

  /// Waits for the clusters, keeps them in the state and hands the final state to
  /// ``BuildContext/stateReady``.
  private static func keep(_ context: inout BuildContext<Reader>) {
    let model = context.need(context.sound, "clusters").value
    context.sound = nil
    context.soundModel = model
    context.engineState.sound = model?.cache
    // The model taken as it was, or the one just made from the features read.
    var kept = context.keptSound
    if kept == nil, let model, let features = context.features {
      kept = KeptSound(
        model, features: features, clusters: context.options.clusters,
        catalog: context.need(context.catalog, "catalog"))
    }
    context.engineState.keptSound = kept
    context.stateReady?(
      ReportPipeline.SavedState(
        state: context.engineState, options: context.options,
        catalog: context.need(context.catalog, "catalog")))
  }
}
