import Engine
import EventStore
import Formatting
import Workers

extension BuildStage {
  /// Takes the cut: the tables' highest ids now, or `pinned` (several partitions' agreed cut),
  /// which the tables must have reached.
  static func snapshot(pinned: EventCut? = nil) -> BuildStage {
    BuildStage(name: "open snapshot") { context in
      let now = try context.reader.cut()
      if let pinned, pinned.maxEventID > now.maxEventID || pinned.maxFeedbackID > now.maxFeedbackID
      {
        throw PartialStateError(.cutNotReached(now))
      }
      context.cut = pinned ?? now
    }
  }

  /// Loads the catalog — or keeps the saved state's, when the database's catalog rows are the
  /// ones it was built from — and, when `features`, the audio features the clusters need
  /// (``features(_:)``). A kept catalog's features are only digested here, in the same pass
  /// over `tracks`: ``startClusters`` reads them if the saved sound model does not apply.
  static func loadCatalog(features: Bool) -> BuildStage {
    BuildStage(name: "load catalog") { context in
      let catalog: Catalog
      if let saved = try savedCatalog(&context, features: features) {
        catalog = saved
        context.detail = "kept from the last build"
      } else {
        catalog = try context.reader.loadCatalog()
      }
      context.catalog = catalog
      guard features, context.featureRows == nil else { return }
      context.features = try Self.features(context)
    }
  }

  /// The audio features of the context's catalog; without the feature columns (a database that
  /// predates them) none: the build goes on without sound clusters, and the data-quality panel
  /// says why.
  static func features(_ context: BuildContext<Reader>) throws -> TrackFeatureValues {
    do {
      return try context.reader.trackFeatureValues(
        catalog: context.need(context.catalog, "catalog"))
    } catch let error as EventStoreError
      where error.kind == .contractViolation && error.table == "tracks"
    {
      return TrackFeatureValues(columns: [], missingColumn: error.column)
    }
  }

  /// The catalog the saved state carries, when the source's digest of its catalog rows is the
  /// one that catalog was built from (the state is decoded meanwhile, then waited for), with
  /// the digest of the features in ``BuildContext/featureRows`` when `features` asks for it and
  /// the source gives one; `nil` without a saved state, or when the source keeps no digest or
  /// the rows changed.
  private static func savedCatalog(_ context: inout BuildContext<Reader>, features: Bool) throws
    -> Catalog?
  {
    guard context.decoding != nil,
      let digest = try context.reader.catalogRowsDigest(withFeatures: features),
      let saved = context.savedStateCatalog(), saved.rowsDigest == digest.catalog
    else { return nil }
    context.featureRows = digest.features
    return saved
  }

  /// Fixes the as-of time: the options', or the latest valid event up to the cut. Without one
  /// (no events yet), `whenNoEvents` decides: it leaves an early result or throws.
  static func fixAsOf(whenNoEvents: @escaping (inout BuildContext<Reader>) throws -> Void)
    -> BuildStage
  {
    BuildStage(name: "fix as-of time") { context in
      if let asOf = try context.options.asOf
        ?? context.reader.latestValidTime(
          in: context.cut, catalog: context.need(context.catalog, "catalog"))
      {
        context.asOf = asOf
      } else {
        try whenNoEvents(&context)
      }
    }
  }

  /// Makes an empty state for `partition`.
  static func freshState(partition: ListenerPartition = .whole) -> BuildStage {
    BuildStage(name: "new state") { context in
      context.state = fresh(context, partition: partition)
    }
  }

  /// Starts decoding the saved state of the last build, when there is one, on a thread of its
  /// own: it carries the catalog it was counted against, so it does not wait for the database's
  /// (``restoreState`` compares the two).
  static func startDecoding(_ saved: StateSource?) -> BuildStage {
    BuildStage(name: "start decoding state") { context in
      guard let saved else { return }
      context.decoding = ReportPipeline.startDecoding(saved, options: context.options)
    }
  }

  /// Like ``startDecoding(_:)``, for a build as of a given time (`--as-of`) that goes on from the
  /// state of a build without one: such a state was counted as of its latest event, so it holds
  /// no row later than its as-of time, and a build as of that time or later (``restoreState``
  /// checks) counts what a build from scratch would. Its options must match in all else.
  static func startDecoding(continuingLatest saved: StateSource) -> BuildStage {
    BuildStage(name: "start decoding state") { context in
      var options = context.options
      options.asOf = nil
      context.decoding = ReportPipeline.startDecoding(saved, options: options)
    }
  }

  /// Puts the saved state of the last build (decoded by ``startDecoding(_:)``) into the context
  /// if it still applies to this database, cut, as-of time and catalog (its sound clusters
  /// whenever it could be read); otherwise an empty state, and the reason.
  static var restoreState: BuildStage {
    BuildStage(name: "restore state") { context in
      var state: EngineState?
      var sound: SoundCache?
      context.unusable = ReportPipeline.restore(
        context.takeDecodedState(), into: &state, sound: &sound, kept: &context.keptSound,
        reader: context.reader,
        cut: context.cut, asOf: context.asOf, catalog: context.need(context.catalog, "catalog"))
      // An empty state only when the saved one does not apply (its arrays are the catalog's
      // size: no use making them to throw them away).
      context.state = state ?? fresh(context, partition: .whole)
      context.savedSound = sound
    }
  }

  /// Reads the rows into the state: with a restored state, the old rows a range edge passed
  /// over and the rows added since; otherwise (or when an old row no longer fits) every row.
  static var scanRows: BuildStage {
    BuildStage(name: "scan rows") { context in
      let catalog = context.need(context.catalog, "catalog")
      if let unusable = context.unusable {
        context.kind = .full(reason: unusable.reason)
      } else if let moved = try ReportPipeline.moveRows(
        &context.engineState, to: context.asOf, reader: context.reader, catalog: catalog)
      {
        let (new, _) = try ReportPipeline.readRows(
          &context.engineState, through: context.cut, asOf: context.asOf, reader: context.reader,
          catalog: catalog, progress: context.progress)
        context.kind = .incremental(newRows: new, movedRows: moved)
        context.detail = context.kind.rowsRead
        return
      } else {
        context.kind = .full(reason: .movedRowsChanged)
      }
      try readEverything(&context)
    }
  }

  /// Reads every row into a fresh state of the same partition (collecting the plays a digest
  /// asked for).
  private static func readEverything(_ context: inout BuildContext<Reader>) throws {
    let catalog = context.need(context.catalog, "catalog")
    context.state = fresh(context, partition: context.engineState.partition)
    let (rows, collector) = try ReportPipeline.readRows(
      &context.engineState, through: context.cut, asOf: context.asOf, reader: context.reader,
      catalog: catalog, collector: context.playsOf.map(PlayCollector.init(listeners:)),
      progress: context.progress)
    if let collector, let listeners = context.playsOf {
      context.played = PlayedTracks(
        cut: context.cut, asOf: context.asOf, catalogFingerprint: catalog.fingerprint,
        listeners: listeners, pairs: collector.pairs)
    }
    context.detail = NumberFormat.count(rows, "row")
  }

  /// Keeps the digests of a sample of rows, by which the next build notices rewritten history.
  static var sample: BuildStage {
    BuildStage(name: "sample rows") { context in
      let cut = context.cut
      context.engineState.activitySamples = try context.reader.rowDigests(
        .activity, ids: EngineState.sampleIDs(below: cut.maxEventID))
      context.engineState.feedbackSamples = try context.reader.rowDigests(
        .feedback, ids: EngineState.sampleIDs(below: cut.maxFeedbackID))
    }
  }

  /// Counts the rows of the `users` table whose listener is in the state's partition, and
  /// those of them without any valid event (never interned by the scans).
  ///
  /// An incremental build whose state counted a listener who is no longer a row of `users` (an
  /// erasure) reads every row instead: the listener's rows may be gone too, and a state cannot
  /// forget them. Runs before ``sample``: that full read starts a new state, which must get
  /// the samples too.
  static var countUsers: BuildStage {
    BuildStage(name: "count users") { context in
      let before = context.engineState.registered
      try countRegistered(&context)
      guard case .incremental = context.kind,
        !context.engineState.registered.holdsEvery(of: before)
      else { return }
      context.kind = .full(reason: .listenersRemoved)
      try readEverything(&context)
      try countRegistered(&context)
    }
  }

  /// Counts the rows of the whole `users` table against the merged listeners, for a merge: each
  /// partition build counted its own rows at its own moment, and rows added between two of
  /// them would add up to counts no single build gives; the merge counts them once, as a
  /// single build at its moment would (the event rows are the cut's either way).
  static var countAllUsers: BuildStage {
    BuildStage(name: "count users") { context in
      try countRegistered(&context, partition: .whole)
    }
  }

  /// Counts the `users` rows of `partition` (by default the state's), those without a valid
  /// event, and notes which interned listeners are among them.
  private static func countRegistered(
    _ context: inout BuildContext<Reader>, partition: ListenerPartition? = nil
  ) throws {
    var (count, neverActive, registered) = (0, 0, RegisteredListeners())
    let partition = partition ?? context.engineState.partition
    let users = context.engineState.users
    try context.reader.registeredUsers { id in
      guard partition.contains(userID: id) else { return }
      count += 1
      if let user = users.index(of: id) {
        registered.insert(user)
      } else {
        neverActive += 1
      }
    }
    context.engineState.registeredUsers = count
    context.engineState.neverActiveUsers = neverActive
    context.engineState.registered = registered
  }

  /// An empty state for the context's as-of time, catalog and options.
  private static func fresh(_ context: BuildContext<Reader>, partition: ListenerPartition)
    -> EngineState
  {
    EngineState(
      engine: AnalyticsEngine(
        asOf: context.asOf, catalog: context.need(context.catalog, "catalog"),
        options: context.options),
      partition: partition)
  }
}
