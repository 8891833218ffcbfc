import Analytics
import ArgumentParser
import DemoData
import EventStore
import Formatting
import Foundation
import Privacy
import ReportModel
import SiteBuilder

/// `tunedash build`: reads the database, computes the report, writes the site.
struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the static analytics site from a database.",
    discussion: """
      Reads the database read-only, computes every metric in one pass, and replaces the output
      folder atomically. The same database and options always give the same files.

      \(ExitStatus.helpText)
      """)

  @Option(name: .long, help: "The source database (opened read-only): an SQLite file, or postgresql://USER@HOST:PORT/DBNAME. Default with --demo: demo.sqlite.")
  var db: String?

  @Flag(name: .long, help: "Use demo.sqlite, creating a demo database first if it is missing.")
  var demo = false

  @Option(name: .long, help: "The output folder, replaced as a whole.")
  var out = "public"

  @Option(name: .long, help: "A folder of templates to use instead of the built-in theme (start from a copy of site-templates/).")
  var templates: String?

  @Option(
    name: .long,
    help: "The end of every range: ISO 8601 (2026-11-20T18:00:00Z), Unix seconds, or a date (the end of that day in --timezone). Default: the latest event.")
  var asOf: String?

  @Option(name: .long, help: "The IANA time zone days and hours are counted in, e.g. Europe/Paris.")
  var timezone = "UTC"

  @Option(name: .long, help: "A file of extra stopwords for the word cloud, one per line.")
  var stopwords: String?

  @Option(
    name: .long,
    help: "The languages whose common words the word cloud leaves out, comma-separated (\(StopwordLanguage.knownCodes)), or none. Default: all of them.")
  var stopwordLanguages: String?

  @Option(
    name: .long, parsing: .unconditional,
    help: "Ratings a track needs to appear among the most liked or disliked.")
  var minRatings = 20

  @Option(
    name: .long, parsing: .unconditional,
    help: "The fewest distinct listeners behind a published genre, track, term, source or model; smaller groups are folded.")
  var minUsers = 5

  @Option(
    name: .long, parsing: .unconditional,
    help: "How many sound clusters K-means groups the catalog into (as for recommend and evaluate).")
  var clusters = 17

  @Flag(name: .long, help: "Show listeners' display names instead of pseudonyms (the site is then no longer anonymous).")
  var showNames = false

  @Option(
    name: .long,
    help: "The pseudonym key file (created with mode 0600 if missing). Default: ~/.config/tunedash/pseudonym.key, or $TUNEDASH_PSEUDONYM_KEY.")
  var pseudonymKey: String?

  @Option(name: .long, help: "Seconds to wait for another run that holds the output folder (default: fail at once, exit 75).")
  var wait: Double = 0

  @Option(name: .long, help: "Seconds to wait for a writer that locks the database (then exit 75).")
  var dbWait: Double = 10

  @Option(
    name: .long,
    help: "Where to keep what the next build needs to read only new rows. Default: .NAME.state beside the output folder (never inside it: it is private).")
  var state: String?

  @Flag(name: .long, help: "Read every row, ignoring the saved state (a new one is still written).")
  var full = false

  @Flag(name: .long, help: "Print nothing on success (errors still go to standard error).")
  var quiet = false

  @Flag(name: .long, help: "Also print how long each step took.")
  var verbose = false

  func validate() throws {
    guard db != nil || demo else {
      throw ValidationError("pass --db PATH, or --demo to build the demo dashboard")
    }
    guard minRatings >= 1 else {
      throw ValidationError("--min-ratings must be at least 1 (a track needs ratings to be ranked), not \(minRatings)")
    }
    guard minUsers >= 1 else {
      throw ValidationError("--min-users must be at least 1 (the fewest listeners behind a published group), not \(minUsers)")
    }
    guard clusters >= 1 else { throw ValidationError("--clusters must be at least 1, not \(clusters)") }
    guard wait >= 0, dbWait >= 0 else { throw ValidationError("--wait and --db-wait take seconds, 0 or more") }
    _ = try languages()
  }

  /// The languages of `--stopword-languages`; all of them when it is not given.
  func languages() throws -> Set<StopwordLanguage> {
    guard let stopwordLanguages else { return Set(StopwordLanguage.allCases) }
    do {
      return try StopwordLanguage.parseList(stopwordLanguages)
    } catch {
      let what = error.code.isEmpty ? "an empty language code" : "unknown language \"\(error.code)\""
      throw ValidationError(
        "--stopword-languages: \(what); known: \(StopwordLanguage.knownCodes), or none")
    }
  }

  func run() throws {
    let started = ContinuousClock.now
    do {
      // Refuse bad options before touching anything (a refused run leaves no lock file), then
      // one run at a time per output folder, decided before any work is done.
      let options = try reportOptions()
      let theme = try templates.map { try Theme(directory: $0) } ?? Theme.builtIn()
      let workspace = try SiteWorkspace(out: out, state: state, pseudonymKey: pseudonymKey, wait: wait)
      if workspace.key.created {
        log("created a pseudonym key at \(workspace.key.origin); keep it to keep pseudonyms stable")
      }
      let path = db ?? "demo.sqlite"
      if demo && !FileManager.default.fileExists(atPath: path) {
        log("creating the demo database \(path) (about 5,000 listeners and 1,000,000 events)…")
        try DemoDatabase.create(at: path, options: DemoOptions())
      }
      var clock = StepClock()
      let source = try SourceLocation.open(path, busyTimeout: dbWait)
      let bar = ProgressBar(quiet: quiet)
      let result = try compute(from: source, options: options, workspace: workspace, bar: bar)
      bar.finish()
      if verbose, let statistics = result.statistics { log(statistics.description) }
      if verbose { log("reading: \(result.steps.summary)") }
      clock.lap("read and computed")
      let note = StopwordNote(languages: options.stopwordLanguages, hasFile: stopwords != nil)
      let site = try SiteBuilder(theme: theme, stopwords: note).build(result.report)
      clock.lap("rendered")
      let summary = try workspace.commit(site, state: result.state)
      clock.lap("wrote")
      if verbose { log(clock.summary) }
      log(summaryLine(summary, result, seconds: (ContinuousClock.now - started).seconds))
      log("open \(workspace.output.url.appendingPathComponent("index.html").path)")
    } catch {
      throw Failure.report(error)
    }
  }

  /// Reads `source` and computes the report (generic, so that any kind of source opens here).
  private func compute<Source: EventSource>(
    from source: Source, options: ReportOptions, workspace: SiteWorkspace, bar: ProgressBar
  ) throws -> ReportPipeline.Result {
    try ReportPipeline.build(
      from: source, options: options, previousState: workspace.savedState(ignored: full),
      userLabel: workspace.userLabel(showNames: showNames),
      progress: { bar.update("reading events", $0) })
  }

  /// `built 34 files, 3 changed, from 1,200,000 events (12,000 new) in 2.6 s`.
  private func summaryLine(
    _ summary: OutputDirectory.Summary, _ result: ReportPipeline.Result, seconds: Double
  ) -> String {
    let all = result.report.ranges.all
    let events = all.activity.events + all.feedback.likes + all.feedback.dislikes
    let how: String =
      switch result.kind {
      case .incremental(let newRows, _): " (\(NumberFormat.grouped(newRows)) new)"
      case .full(let reason): full || reason.isExpected ? "" : " (read in full: \(reason))"
      }
    return "built \(NumberFormat.count(summary.files, "file")), \(summary.changed) changed, from "
      + "\(NumberFormat.count(events, "event"))\(how) in \(NumberFormat.decimal(seconds, places: 1)) s"
  }

  private func log(_ line: String) {
    if !quiet { StandardStream.standardOutput.write(line + "\n") }
  }

  func reportOptions() throws -> ReportOptions {
    guard let zone = ZoneRules(identifier: timezone) else {
      throw CommandError(
        message: "unknown time zone \"\(timezone)\"",
        hint: "use an IANA name such as UTC, Europe/Paris or America/New_York", status: .usage)
    }
    var options = ReportOptions(
      zone: zone, stopwordLanguages: try languages(), minRatings: minRatings, minUsers: minUsers,
      clusters: clusters)
    if let asOf {
      guard let time = Self.parseTime(asOf, zone: zone) else {
        throw CommandError(
          message: "cannot read --as-of \"\(asOf)\"",
          hint: "use ISO 8601 like 2026-11-20T18:00:00Z, a date like 2026-11-20, or Unix seconds",
          status: .usage)
      }
      options.asOf = time
    }
    if let stopwords {
      guard let text = try? String(contentsOfFile: stopwords, encoding: .utf8) else {
        throw CommandError(
          message: "cannot read the stopword file \(stopwords)",
          hint: "pass a UTF-8 text file with one word per line", status: .configuration)
      }
      options.extraStopwords = Stopwords.parse(text)
    }
    return options
  }

  /// ISO 8601 with a time, Unix seconds, or a date — which means the end of that day (its last
  /// second) in `zone`, so that `--as-of 2026-06-30` includes the whole of June 30.
  static func parseTime(_ text: String, zone: ZoneRules) -> Int64? {
    if let seconds = Int64(text), seconds > 0 { return seconds }
    if let date = CivilDate(iso: text.trimmingCharacters(in: .whitespaces)) {
      return zone.start(ofDay: date.dayNumber + 1) - 1
    }
    return DateFormat.parseISO(text)
  }
}
