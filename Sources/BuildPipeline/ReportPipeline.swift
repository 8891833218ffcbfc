import Engine
import EventStore
import Formatting
import ReportModel
import Workers

/// The one way to compute a report: source + options + saved state → report + new state.
///
/// Inside one read snapshot of any ``EventSource`` it takes the cut, loads the catalog, streams
/// both event tables through an ``AnalyticsEngine`` and finishes it — or, given the state of the
/// build before, reads only the rows added since and the old rows a range edge passed over.
/// `build`, and the commands that need the same numbers (a digest, a merge, an evaluation),
/// call this and nothing else.
///
/// ```swift
/// let source = try SourceDatabase(path: "events.sqlite")
/// let report = try ReportPipeline.build(from: source, options: ReportOptions()) { ids in
///   Dictionary(uniqueKeysWithValues: ids.map { ($0, pseudonym(for: $0)) })
/// }
/// ```
public enum ReportPipeline {
  /// What a build produced.
  public struct Result: Sendable {
    /// The report.
    public var report: Report
    /// The state to hand to the next build (private: never publish it); `nil` when the
    /// database has no events yet.
    public var state: SavedState?
    /// How the report was computed.
    public var kind: Kind
    /// The size of the engine's state.
    public var statistics: EngineStatistics?
    /// How long each step of the read took (`--verbose`).
    public var steps = StepClock()

    /// A full or an incremental build.
    public enum Kind: Sendable, Equatable {
      /// Every row was read; `reason` says why the state of the last build was not used.
      case full(reason: FullReadReason)
      /// Only new rows were read, and the old rows that a range edge passed over.
      case incremental(newRows: Int, movedRows: Int)

      /// What an incremental build read: `120,000 new rows, 545,519 old rows moved`; `nil`
      /// for a full one.
      public var rowsRead: String? {
        guard case .incremental(let new, let moved) = self else { return nil }
        return
          "\(NumberFormat.count(new, "new row")), \(NumberFormat.grouped(moved)) old rows moved"
      }
    }
  }

  /// Streams `source` through the engine and returns the report.
  ///
  /// - Parameter userLabel: how the few users a page names are shown (pseudonyms by default).
  public static func build<Source: EventSource>(
    from source: Source, options: ReportOptions,
    userLabel: @escaping ([String]) throws -> [String: String]
  ) throws -> Report {
    try build(from: source, options: options, previousState: nil) { ids, _ in try userLabel(ids) }
      .report
  }

  /// Builds the report, incrementally when `previousState` (the state of the last build) still
  /// applies. `userLabel` also receives the open reader; `progress` hears the share of rows read
  /// (0 … 1); `stateReady` hears the state for the next build (the result's) as soon as it is
  /// final, before the report is finished, so that it can be written meanwhile.
  public static func build<Source: EventSource>(
    from source: Source, options: ReportOptions, previousState: StateSource?,
    userLabel: @escaping ([String], Source.Reader) throws -> [String: String],
    progress: @escaping (Double) -> Void = { _ in },
    stateReady: ((SavedState) -> Void)? = nil
  ) throws -> Result {
    try run(
      buildStages(previousState), on: source, options: options, userLabel: userLabel,
      progress: progress, stateReady: stateReady
    ) { context in
      if let early = context.early { return early }
      let state = context.engineState
      return Result(
        report: context.need(context.report, "report"),
        state: SavedState(
          state: state, options: options, catalog: context.need(context.catalog, "catalog")),
        kind: context.kind, statistics: state.engine.statistics, steps: context.clock)
    }
  }

  /// Runs `stages` over a context on one read snapshot of `source` (with `userLabel`,
  /// `progress` and `stateReady` when given), and returns what `result` makes of the context:
  /// the one place a list of stages is run.
  static func run<Source: EventSource, Value>(
    _ stages: [BuildStage<Source.Reader>], on source: Source, options: ReportOptions,
    userLabel: (([String], Source.Reader) throws -> [String: String])? = nil,
    progress: ((Double) -> Void)? = nil, stateReady: ((SavedState) -> Void)? = nil,
    result: (BuildContext<Source.Reader>) throws -> Value
  ) throws -> Value {
    MallocTuning.applied
    return try source.read { reader in
      var context = BuildContext(reader: reader, options: options)
      if let userLabel { context.userLabel = userLabel }
      if let progress { context.progress = progress }
      context.stateReady = stateReady
      try BuildStage.run(stages, &context)
      return try result(context)
    }
  }

  /// The stages of a build: the whole tables, or only what changed since `previousState`.
  static func buildStages<Reader>(_ previousState: StateSource?) -> [BuildStage<Reader>] {
    [
      .snapshot(), .startDecoding(previousState), .loadCatalog(features: true),
      .fixAsOf { try emptyResult(&$0) }, .restoreState, .startClusters, .scanRows, .countUsers,
      .sample, .settle, .keepClusters, .finish, .addClusters,
    ]
  }

  /// The early result of a database without a single valid event time: the report of its
  /// catalog, clusters and row issues, and no state.
  static func emptyResult<Reader>(_ context: inout BuildContext<Reader>) throws {
    let catalog = context.need(context.catalog, "catalog")
    var report = try emptyReport(
      context.reader, cut: context.cut, catalog: catalog, options: context.options)
    report.sound =
      SoundModel(
        features: try context.features ?? BuildStage.features(context), catalog: catalog,
        clusters: context.options.clusters)?.report
    context.early = Result(
      report: report, state: nil, kind: .full(reason: .noEvents), statistics: nil,
      steps: context.clock)
  }

  /// A build's state, ready to be written for the next build.
  public struct SavedState: Sendable {
    let state: EngineState
    let options: ReportOptions
    let catalog: Catalog

    /// The bytes every state file begins with (its magic number, as the writer stores it), by
    /// which a file is known for one.
    public static var signature: [UInt8] { withUnsafeBytes(of: EngineState.magic) { Array($0) } }

    /// The listeners the state counted (those of its partition with a valid event).
    public var listeners: Int { state.users.count }

    /// The highest ids the state read up to.
    public var cut: EventCut { state.cut }

    /// The as-of time it counted up to.
    public var asOf: Int64 { state.engine.asOf }

    /// The state's bytes, all at once.
    public var bytes: [UInt8] { state.encode(options: options, catalog: catalog) }

    /// Writes the state's bytes to `sink` a megabyte at a time.
    public func write(to sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
      try state.write(options: options, catalog: catalog, to: sink)
    }
  }

  /// Why a saved state was not used.
  struct Unusable: Error {
    let reason: FullReadReason
  }

  /// A saved state as decoded: the state, or why it cannot be read.
  typealias Decoded = Swift.Result<EngineState, EngineState.Mismatch>

  /// A saved state being decoded while the catalog loads: its head (with the catalog it was
  /// counted against) first, then the rest on another thread.
  enum Decoding: Sendable {
    /// The head could not be read.
    case failed(EngineState.Mismatch)
    /// The head was read; the rest is being decoded over its catalog.
    case decodingRest(catalog: Catalog, rest: Background<Decoded>)
  }

  /// Starts decoding `saved` on a thread of its own.
  static func startDecoding(_ saved: StateSource, options: ReportOptions) -> Background<Decoding> {
    Background {
      let head: EngineState.Head
      do throws(EngineState.Mismatch) {
        head = try EngineState.head(of: saved, options: options)
      } catch {
        return .failed(error)
      }
      let rest = Background {
        Decoded { () throws(EngineState.Mismatch) in
          try EngineState(rest: head, options: options, catalog: head.catalog)
        }
      }
      return .decodingRest(catalog: head.catalog, rest: rest)
    }
  }

  /// Puts the decoded saved state into `state` if it still applies to this database, cut, as-of
  /// time and catalog (and the whole set of listeners); otherwise leaves `state` alone and says
  /// why not.
  ///
  /// The decoded state is moved into `state`, never kept in a second variable: a second
  /// reference to its buffers would make the first change copy them all.
  /// The saved sound clusters go to `sound`, and the saved sound model to `kept`, whenever the
  /// state could be read, even when its counts no longer apply.
  static func restore(
    _ decoded: consuming Decoded?, into state: inout EngineState?, sound: inout SoundCache?,
    kept: inout KeptSound?, reader: some EventSourceReader, cut: EventCut, asOf: Int64,
    catalog: Catalog
  ) -> Unusable? {
    guard let decoded else { return Unusable(reason: .noSavedState) }
    let restored: EngineState
    switch consume decoded {
    case .success(let value): restored = value
    case .failure(let mismatch): return Unusable(reason: mismatch.reason)
    }
    (sound, kept) = (restored.sound, restored.keptSound)
    guard restored.catalog.fingerprint == catalog.fingerprint else {
      return Unusable(reason: .catalogChanged)
    }
    guard restored.partition == .whole else {
      return Unusable(reason: .partitionChanged)
    }
    guard cut.maxEventID >= restored.cut.maxEventID,
      cut.maxFeedbackID >= restored.cut.maxFeedbackID
    else {
      return Unusable(reason: .rowsDeleted)
    }
    let oldAsOf = restored.engine.asOf
    guard asOf >= oldAsOf else { return Unusable(reason: .asOfWentBack) }
    guard asOf - oldAsOf <= 7 * 86_400 else { return Unusable(reason: .tooOld) }
    do {
      guard
        try reader.rowDigests(.activity, ids: Array(restored.activitySamples.keys))
          == restored.activitySamples,
        try reader.rowDigests(.feedback, ids: Array(restored.feedbackSamples.keys))
          == restored.feedbackSamples
      else { return Unusable(reason: .historyRewritten) }
    } catch {
      return Unusable(reason: .historyUnchecked)
    }
    state = restored
    return nil
  }

  /// Moves the engine to `asOf` and recounts the old rows whose ranges changed: those that a
  /// range edge (the start of the last 7 or 30 days, or the start or end of their previous periods)
  /// passed over. Returns their number,
  /// or `nil` when one of them names a user or label the last build never saw: the rows changed,
  /// and the (now half-moved) state must be dropped.
  static func moveRows(
    _ state: inout EngineState, to asOf: Int64, reader: some EventSourceReader, catalog: Catalog
  ) throws -> Int? {
    let oldAsOf = state.engine.asOf
    guard asOf > oldAsOf else { return 0 }
    let oldEdges = state.engine.edges
    state.engine.advance(to: asOf)
    let slices = TimeSlices.passed(from: oldEdges.movingEdges, to: state.engine.edges.movingEdges)
    let outcome = try ParallelScan(
      activity: slices.map {
        .times(after: $0.after, through: $0.through, idsThrough: state.cut.maxEventID)
      },
      feedback: slices.map {
        .times(after: $0.after, through: $0.through, idsThrough: state.cut.maxFeedbackID)
      },
      mode: .recount
    ).run(
      reader: reader, engine: state.takeEngine(),
      activity: ActivityValidator(
        catalog: catalog, asOf: oldAsOf, users: state.users, partition: state.partition),
      feedback: FeedbackValidator(
        catalog: catalog, asOf: oldAsOf, users: state.users, labels: state.labels,
        partition: state.partition),
      progress: { _ in })
    state.engine = outcome.engine
    guard outcome.feedback.users.count == state.users.count,
      outcome.feedback.labels.count == state.labels.count
    else { return nil }
    return outcome.rows
  }

  /// Reads the rows after the state's cut up to `cut` into the engine. Returns their number, and
  /// with a `collector` what it collected (``PlayedTracks``).
  static func readRows(
    _ state: inout EngineState, through cut: EventCut, asOf: Int64, reader: some EventSourceReader,
    catalog: Catalog, collector: PlayCollector? = nil, progress: (Double) -> Void
  ) throws -> (rows: Int, collector: PlayCollector?) {
    var scan = ParallelScan(
      activitySpan: IDSpan(after: state.cut.maxEventID, through: cut.maxEventID),
      feedbackSpan: IDSpan(after: state.cut.maxFeedbackID, through: cut.maxFeedbackID))
    scan.collector = collector
    let outcome = try scan.run(
      reader: reader, engine: state.takeEngine(),
      activity: ActivityValidator(
        catalog: catalog, asOf: asOf, users: state.users, issues: state.issues,
        lastID: state.lastActivityID,
        partition: state.partition),
      feedback: FeedbackValidator(
        catalog: catalog, asOf: asOf, labels: state.labels, lastID: state.lastFeedbackID,
        partition: state.partition),
      progress: progress)
    state.engine = outcome.engine
    state.users = outcome.feedback.users
    state.labels = outcome.feedback.labels
    state.issues = outcome.feedback.issues
    state.lastActivityID = outcome.activity.lastID
    state.lastFeedbackID = outcome.feedback.lastID
    state.cut = cut
    return (outcome.rows, outcome.collector)
  }

  /// The report of a database without a single valid event time, with its issues counted.
  static func emptyReport(
    _ reader: some EventSourceReader, cut: EventCut, catalog: Catalog, options: ReportOptions
  ) throws
    -> Report
  {
    var registered = 0
    try reader.registeredUsers { _ in registered += 1 }
    var (users, labels, issues) = (ByteInterner(), ByteInterner(), RowIssueCounts())
    try reader.scanActivity(
      .ids(.upTo(cut.maxEventID)), catalog: catalog, asOf: EventTime.end, users: &users,
      issues: &issues
    ) { _ in }
    try reader.scanFeedback(
      .ids(.upTo(cut.maxFeedbackID)), catalog: catalog, asOf: EventTime.end, users: &users,
      labels: &labels, issues: &issues
    ) { _ in }
    return AnalyticsEngine.emptyReport(
      zone: options.zone, catalog: catalog, registeredUsers: registered, issues: issues,
      minUsers: options.minUsers)
  }
}
