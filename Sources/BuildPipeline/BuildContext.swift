import Engine
import EventStore
import ReportModel
import Workers

/// What the stages of one build share: the open reader and the options, and what each stage
/// leaves for the next — the cut, the catalog, the as-of time, the engine's state, the sound
/// clusters being computed, the report.
///
/// A stage reads only what an earlier stage of its list set; reading anything else is a
/// programming error (the lists in ``ReportPipeline`` are the only places that order stages).
struct BuildContext<Reader: EventSourceReader> {
  let reader: Reader
  let options: ReportOptions
  /// How the few users a page names are shown; the finish calls it.
  var userLabel: ([String], Reader) throws -> [String: String] = { _, _ in [:] }
  /// Hears the share of rows read (0 … 1).
  var progress: (Double) -> Void = { _ in }

  /// The highest ids the build reads up to (``BuildStage/snapshot(pinned:)``).
  var cut = EventCut(maxEventID: 0, maxFeedbackID: 0)
  /// The tracks and genres (``BuildStage/loadCatalog(features:)``).
  var catalog: Catalog?
  /// The audio features to cluster; `nil` when the build draws no clusters.
  var features: TrackFeatureValues?
  /// The as-of time (``BuildStage/fixAsOf(whenNoEvents:)``).
  var asOf: Int64 = 0
  /// The saved state being decoded (``BuildStage/startDecoding(_:)``), until its head is
  /// waited for.
  var decoding: Background<ReportPipeline.Decoding>?
  /// The saved state's head once decoded, until the state is restored.
  private var decodedHead: ReportPipeline.Decoding?
  /// The counts so far.
  var state: EngineState?
  /// The saved state's sound clusters, when it had some.
  var savedSound: SoundCache?
  /// The digest of the audio features, read with the catalog's rows when the catalog was kept
  /// (``BuildStage/loadCatalog(features:)``); the features themselves are then read only when
  /// the saved state's sound model does not apply (``BuildStage/startClusters``).
  var featureRows: UInt64?
  /// The saved state's whole sound model once restored; from ``BuildStage/startClusters`` on,
  /// only when it applies to this build.
  var keptSound: KeptSound?
  /// Why the saved state was not used, when it was not (``BuildStage/restoreState(_:)``).
  var unusable: ReportPipeline.Unusable?
  /// The clusters, computed beside the scan (``BuildStage/startClusters``), until they are
  /// waited for.
  var sound: Background<SoundModel?>?
  /// The clusters once waited for (``BuildStage/keepClusters`` or ``BuildStage/addClusters``);
  /// `nil` also when no track has features.
  var soundModel: SoundModel?
  /// Hears the state for the next build as soon as it is final, before the report is finished
  /// (``BuildStage/keepClusters``): a build writes it meanwhile.
  var stateReady: ((ReportPipeline.SavedState) -> Void)?
  /// How the report was computed.
  var kind: ReportPipeline.Result.Kind = .full(reason: .noSavedState)
  /// The listeners whose plays and ratings a full read also collects (a digest's owners'
  /// report, ``ReportPipeline/buildCollectingPlays(from:options:cut:of:)``).
  var playsOf: [[UInt8]]?
  /// What a full read collected for them (``BuildStage/scanRows``).
  var played: PlayedTracks?
  /// The finished report (``BuildStage/finish``).
  var report: Report?
  /// A result that ends the build before its remaining stages (a database without events).
  var early: ReportPipeline.Result?
  /// What the current stage adds to its name in `--verbose`: "1,234 rows".
  var detail: String?
  /// Each stage's time.
  var clock = StepClock()

  init(reader: Reader, options: ReportOptions) {
    self.reader = reader
    self.options = options
  }

  /// The catalog the saved state carries, waiting for its head to be decoded; `nil` without a
  /// saved state, or when its head cannot be read.
  mutating func savedStateCatalog() -> Catalog? {
    if let decoding {
      decodedHead = decoding.value
      self.decoding = nil
    }
    guard case .decodingRest(let catalog, _)? = decodedHead else { return nil }
    return catalog
  }

  /// Moves the decoded saved state out of the context (the only reference to its buffers),
  /// waiting for it to be decoded; `nil` without a saved state.
  mutating func takeDecodedState() -> ReportPipeline.Decoded? {
    _ = savedStateCatalog()
    switch decodedHead.take() {
    case nil: return nil
    case .failed(let mismatch)?: return .failure(mismatch)
    case .decodingRest(_, let rest)?: return rest.value
    }
  }

  /// What an earlier stage of the list set: `value`, or a programming error naming `what`.
  func need<Value>(_ value: Value?, _ what: String) -> Value {
    guard let value else { preconditionFailure("a build stage needs the \(what) before it is set") }
    return value
  }

  /// The state, which an earlier stage made; changed in place.
  var engineState: EngineState {
    get { need(state, "state") }
    _modify {
      precondition(state != nil, "a build stage needs the state before it is set")
      yield &state!
    }
  }
}
