import ArgumentParser
import BuildPipeline
import DemoData
import Engine
import EventStore
import Formatting
import Foundation
import Privacy
import Publishing
import ReportModel
import SiteBuilder
import Workers

/// `tunedash build`: reads the database, computes the report, writes the site — or, with
/// `--partition I/N --state-out FILE`, counts one partition of the listeners and writes its
/// state for `tunedash merge`.
struct BuildCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the static analytics site from a database.",
    discussion: """
      Reads the database read-only, computes every metric in one pass, and replaces the output \
      folder atomically. The same database and options always give the same files.

      With --partition I/N --state-out FILE it counts only the listeners of partition I of N \
      (0 ≤ I < N; PostgreSQL's PARTITION BY HASH (user_id) with MODULUS N, REMAINDER I) and \
      writes their state to FILE (private, mode 0600) without rendering; `tunedash merge` turns \
      the N files into the site a single build would write. With --state-out \
      s3://BUCKET/PREFIX/part-I.state the state is uploaded there instead (private: no ACL, \
      Cache-Control private; the credentials, --endpoint, --region and retries of publish).

      \(ExitStatus.helpText)
      """)

  @Option(
    name: .long,
    help:
      "The source database (opened read-only): an SQLite file, or postgresql://USER@HOST:PORT/DBNAME. Default with --demo: demo.sqlite."
  )
  var db: String?

  @Flag(name: .long, help: "Use demo.sqlite, creating a demo database first if it is missing.")
  var demo = false

  @OptionGroup var site: SiteOptions

  @Option(
    name: .long,
    help:
      "Where to keep what the next build needs to read only new rows. Default: .NAME.state beside the output folder (never inside it: it is private)."
  )
  var state: String?

  @Flag(name: .long, help: "Read every row, ignoring the saved state (a new one is still written).")
  var full = false

  @Option(
    name: .long,
    help:
      "Count only partition I of N of the listeners (0 ≤ I < N, by PostgreSQL's hash of user_id) and write their state to --state-out instead of a site."
  )
  var partition: String?

  @Option(
    name: .long,
    help:
      "With --partition: the file the partition's state is written to (private, mode 0600), or the object s3://BUCKET/KEY it is uploaded to, for tunedash merge."
  )
  var stateOut: String?

  @OptionGroup var storage: StorageOptions

  @Option(
    name: .long,
    help:
      "With --partition: the highest activity and feedback ids to read, EVENT_ID:FEEDBACK_ID, the same for every partition (default: the tables' highest now)."
  )
  var cut: String?

  /// `--cut EVENT_ID:FEEDBACK_ID`, or `nil` when it is not given or unreadable.
  private var pinnedCut: EventCut? {
    guard let parts = cut?.split(separator: ":", omittingEmptySubsequences: false),
      parts.count == 2,
      let events = Int64(parts[0]), let feedback = Int64(parts[1]), events >= 0, feedback >= 0
    else { return nil }
    return EventCut(maxEventID: events, maxFeedbackID: feedback)
  }

  func validate() throws {
    guard db != nil || demo else {
      throw ValidationError("pass --db PATH, or --demo to build the demo dashboard")
    }
    if let partition {
      guard (try? ListenerPartition(parsing: partition)) != nil else {
        throw ValidationError(
          "--partition takes I/N with 0 ≤ I < N ≤ \(ListenerPartition.maximumCount), such as 0/4, not \"\(partition)\""
        )
      }
      guard stateOut != nil else {
        throw ValidationError(
          "--partition needs --state-out FILE: where the partition's state goes")
      }
      guard state == nil, !full else {
        throw ValidationError(
          "--partition builds count every row of their listeners and write --state-out; --state and --full are for site builds"
        )
      }
    } else if stateOut != nil || cut != nil {
      throw ValidationError(
        "--state-out and --cut need --partition I/N (for the whole, --partition 0/1)")
    }
    if let cut, pinnedCut == nil {
      throw ValidationError(
        "--cut takes EVENT_ID:FEEDBACK_ID, two ids of 0 or more such as 1200000:240000, not \"\(cut)\""
      )
    }
  }

  func run() async throws {
    do {
      if let partition {
        try await buildPartition(try ListenerPartition(parsing: partition))
      } else {
        try buildSite()
      }
    } catch {
      throw Failure.report(error)
    }
  }

  /// `--db`, or the demo database's file.
  private var database: String { db ?? "demo.sqlite" }

  /// The database to read: `--db` (an SQLite file or a PostgreSQL URL), or the demo database
  /// (created first if missing).
  private func source(partition: ListenerPartition? = nil) throws -> any EventSource {
    let path = database
    if demo && !FileManager.default.fileExists(atPath: path) {
      site.log("creating the demo database \(path) (about 5,000 listeners and 1,000,000 events)…")
      try DemoDatabase.create(at: path, options: DemoOptions())
    }
    return try SourceLocation.open(path, busyTimeout: site.dbWait, partition: partition)
  }

  /// Reads `source` and computes the report (generic, so that any kind of source opens here),
  /// and starts writing the state for the next build as soon as it is final.
  private func compute<Source: EventSource>(
    from source: Source, options: ReportOptions, workspace: SiteWorkspace, bar: ProgressBar
  ) throws -> (ReportPipeline.Result, Background<Result<StagedState, any Error>>?) {
    var staging: Background<Result<StagedState, any Error>>?
    do {
      let result = try ReportPipeline.build(
        from: source, options: options, previousState: workspace.savedState(ignored: full),
        userLabel: workspace.userLabel(showNames: site.showNames),
        progress: { bar.update("reading events", $0) },
        stateReady: { [site] in
          staging = site.startStaging($0, options: options, workspace: workspace)
        })
      return (result, staging)
    } catch {
      (try? staging?.value.get())?.discard()
      throw error
    }
  }

  private func buildSite() throws {
    let started = ContinuousClock.now
    // Refuse bad options before touching anything (a refused run leaves no lock file), then
    // one run at a time per output folder, decided before any work is done.
    let options = try site.reportOptions()
    let theme = try site.theme()
    let workspace = try site.workspace(state: state, source: database)
    var clock = StepClock()
    let source = try source()
    let bar = ProgressBar(quiet: site.quiet)
    let (result, staging) = try compute(
      from: source, options: options, workspace: workspace, bar: bar)
    bar.finish()
    clock.lap("read and computed")
    try site.write(
      result, staging: staging, options: options, theme: theme, workspace: workspace, clock: clock,
      started: started
    ) {
      switch $0 {
      case .incremental(let newRows, _): " (\(NumberFormat.grouped(newRows)) new)"
      case .full(let reason): full || reason.isExpected ? "" : " (read in full: \(reason))"
      }
    }
    DataAgeWarning.check(result.report, asOf: options.asOf, byTheClock: !demo)
  }

  /// Counts one partition and writes its state (or uploads it: `--state-out s3://…`); no site,
  /// no output folder, no lock. The destination and the storage settings are checked before
  /// anything is read.
  private func buildPartition(_ partition: ListenerPartition) async throws {
    let started = ContinuousClock.now
    let options = try site.reportOptions()
    guard let stateOut else { return }
    let stateFile = PrivateFile(option: "--state-out", path: stateOut)
    if !S3ObjectLocation.matches(stateOut) {
      try stateFile.refuseFolder()
      try stateFile.refuse(source: database)
      try stateFile.refuseInsideSite(example: "/var/lib/tunedash/part-\(partition.index).state")
      try stateFile.refuseForeign(signature: ReportPipeline.SavedState.signature)
      try stateFile.refuseMissingFolder()
    }
    let upload =
      try S3ObjectLocation.matches(stateOut)
      ? (
        object: try S3ObjectLocation(stateOut),
        store: StateStore(configuration: storage.configuration()),
        scratch: try ScratchFolder()
      )
      : nil
    let file = StateFile(
      url: upload?.scratch.file("partition\(StateStore.fileExtension)")
        ?? URL(fileURLWithPath: stateOut), option: "--state-out")
    let bar = ProgressBar(quiet: site.quiet)
    let state = try ReportPipeline.buildPartial(
      from: try source(partition: partition), options: options, partition: partition,
      cut: pinnedCut,
      progress: { bar.update("reading partition \(partition)", $0) })
    bar.finish()
    try file.save(state)
    if let upload {
      try await upload.store.upload(file: file.url, to: upload.object)
    }
    let seconds = (ContinuousClock.now - started).seconds
    site.log(
      "wrote the state of partition \(partition) (\(NumberFormat.count(state.listeners, "listener")), "
        + "--cut \(state.cut.maxEventID):\(state.cut.maxFeedbackID), as of \(DateFormat.isoUTC(state.asOf))) to \(stateOut) "
        + "in \(NumberFormat.decimal(seconds, places: 1)) s")
  }
}
