import ArgumentParser
import BuildPipeline
import Engine
import EventStore
import Foundation

/// `tunedash merge`: merges the states that `build --partition I/N --state-out FILE` wrote for
/// every partition into the site one build over every listener would write.
struct MergeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the partial states of a build split by listener and write its site.",
    discussion: """
      Give the N files that `tunedash build --partition I/N --state-out FILE` wrote, one for \
      each partition 0 … N-1, in any order, and the same options that shape the counts \
      (--timezone, --as-of, stopwords, --min-users) the partition builds had. The site is the \
      one a single build of the same rows would write, byte for byte. The database is read only \
      for its catalog, its users table (counted once, at the merge) and the titles and names a \
      page shows, never for events; files that do \
      not fit together (another as-of time, cut, option, catalog or version, a partition twice \
      or missing) are refused with exit 65 and the old site is left in place.

      A state may be an object, s3://BUCKET/KEY, and --states s3://BUCKET/PREFIX/ merges every \
      *.state object directly under the prefix, where each partition build uploaded its state: \
      tunedash build --partition I/N --state-out s3://BUCKET/PREFIX/part-I.state. Credentials \
      come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as for publish.

      \(ExitStatus.helpText)
      """)

  @Option(
    name: .long,
    help:
      "The source database the partitions were built from (opened read-only; only its catalog is read)."
  )
  var db: String

  @OptionGroup var site: SiteOptions

  @OptionGroup var storage: StorageOptions

  @Option(
    name: .long,
    help:
      "Merge every *.state object directly under this prefix, s3://BUCKET/PREFIX/ (with or instead of FILE arguments)."
  )
  var states: String?

  @Argument(help: "The partial state files (or s3://BUCKET/KEY objects), one for each partition.")
  var files: [String] = []

  func validate() throws {
    guard !files.isEmpty || states != nil else {
      throw ValidationError(
        "give the partial state files that tunedash build --partition I/N --state-out FILE wrote, "
          + "or --states s3://BUCKET/PREFIX/")
    }
  }

  func run() async throws {
    let started = ContinuousClock.now
    do {
      let options = try site.reportOptions()
      let theme = try site.theme()
      let partials = try await PartialStateInputs(
        arguments: files, prefix: states, storage: storage
      ).open()
      // The merged site needs no state file of its own: the next merge starts from new partials.
      let workspace = try site.workspace(state: nil, source: db)
      var clock = StepClock()
      let result = try merge(
        partials, from: SourceLocation.open(db, busyTimeout: site.dbWait), options: options,
        workspace: workspace)
      clock.lap("merged")
      try site.write(
        result, options: options, theme: theme, workspace: workspace, clock: clock, started: started
      ) { _ in
        " (\(partials.count) partitions merged)"
      }
      DataAgeWarning.check(result.report, asOf: options.asOf, byTheClock: true)
    } catch {
      throw Failure.report(error)
    }
  }

  /// Merges the partials with the catalog of `source` (generic, so that any kind of source
  /// opens here).
  private func merge<Source: EventSource>(
    _ partials: [ReportPipeline.Partial], from source: Source, options: ReportOptions,
    workspace: SiteWorkspace
  ) throws -> ReportPipeline.Result {
    try ReportPipeline.merge(
      partials, from: source, options: options,
      userLabel: workspace.userLabel(showNames: site.showNames))
  }
}
