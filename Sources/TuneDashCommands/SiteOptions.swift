import ArgumentParser
import BuildPipeline
import Engine
import Formatting
import Foundation
import ReportModel
import SiteBuilder
import Workers

/// The options of a site build that `build` and `merge` share: where the site goes and how it
/// looks, the options that shape the counts (which a merge must repeat exactly as the partition
/// builds had them), and how much is printed.
struct SiteOptions: ParsableArguments {
  @Option(name: .long, help: "The output folder, replaced as a whole.")
  var out = "public"

  @Option(
    name: .long,
    help:
      "A folder of templates to use instead of the built-in theme (write one to start from with tunedash theme --out DIR)."
  )
  var templates: String?

  @Option(
    name: .long,
    help:
      "The end of every range: ISO 8601 (2026-11-20T18:00:00Z), Unix seconds, or a date (the end of that day in --timezone). Default: the latest event."
  )
  var asOf: String?

  @Option(name: .long, help: "The IANA time zone days and hours are counted in, e.g. Europe/Paris.")
  var timezone = "UTC"

  @Option(name: .long, help: "A file of extra stopwords for the word cloud, one per line.")
  var stopwords: String?

  @Option(
    name: .long,
    help:
      "The languages whose common words the word cloud leaves out, comma-separated (\(StopwordLanguage.knownCodes)), or none. Default: all of them."
  )
  var stopwordLanguages: String?

  @Option(
    name: .long, parsing: .unconditional,
    help: "Ratings a track needs to appear among the most liked or disliked.")
  var minRatings = 20

  @Option(
    name: .long, parsing: .unconditional,
    help:
      "The fewest distinct listeners behind a published genre, track, term, source or model; smaller groups are folded."
  )
  var minUsers = 5

  @Option(
    name: .long, parsing: .unconditional,
    help: "How many sound clusters K-means groups the catalog into (as for recommend and evaluate)."
  )
  var clusters = 17

  @Flag(
    name: .long,
    help:
      "Show listeners' display names instead of pseudonyms (the site is then no longer anonymous).")
  var showNames = false

  @Option(
    name: .long,
    help:
      "The pseudonym key file (created with mode 0600 if missing). Default: ~/.config/tunedash/pseudonym.key, or $TUNEDASH_PSEUDONYM_KEY."
  )
  var pseudonymKey: String?

  @Option(
    name: .long,
    help:
      "Seconds to wait for another run that holds the output folder (default: fail at once, exit 75)."
  )
  var wait: Double = 0

  @Option(
    name: .long,
    help:
      "Seconds to wait for a writer that locks the database, or on PostgreSQL for another session's lock on a table (then exit 75)."
  )
  var dbWait: Double = 10

  @Flag(name: .long, help: "Print nothing on success (errors still go to standard error).")
  var quiet = false

  @Flag(name: .long, help: "Also print how long each step took.")
  var verbose = false

  /// The longest `--wait` or `--db-wait`: a day (SQLite takes its busy timeout in
  /// milliseconds as a 32-bit number, about 24 days).
  static let longestWait: Double = 86_400

  /// Refuses a wait that is not a number of seconds from 0 to ``longestWait``; `options` names
  /// them with their verb ("--wait takes").
  static func checkWait(_ seconds: [Double], _ options: String) throws {
    guard seconds.allSatisfy({ $0.isFinite && (0...longestWait).contains($0) }) else {
      throw ValidationError("\(options) seconds, from 0 to 86400 (a day)")
    }
  }

  func validate() throws {
    guard minRatings >= 1 else {
      throw ValidationError(
        "--min-ratings must be at least 1 (a track needs ratings to be ranked), not \(minRatings)")
    }
    guard minUsers >= 1 else {
      throw ValidationError(
        "--min-users must be at least 1 (the fewest listeners behind a published group), not \(minUsers)"
      )
    }
    guard clusters >= 1 else {
      throw ValidationError("--clusters must be at least 1, not \(clusters)")
    }
    try Self.checkWait([wait, dbWait], "--wait and --db-wait take")
    _ = try languages()
  }

  /// Prints a line unless `--quiet`.
  func log(_ line: String) {
    if !quiet { StandardStream.standardOutput.write(line + "\n") }
  }

  /// The theme: `--templates`, or the built-in one.
  func theme() throws -> Theme {
    try templates.map { try Theme(directory: $0) } ?? Theme.builtIn()
  }

  /// Takes the output folder's lock and loads the pseudonym key (saying so when it was created),
  /// once the state file is known to be neither the `source` database nor in the site.
  func workspace(state: String?, source: String) throws -> SiteWorkspace {
    let workspace = try SiteWorkspace(
      out: out, state: state, source: source, pseudonymKey: pseudonymKey, wait: wait)
    if workspace.key.created {
      log("created a pseudonym key at \(workspace.key.origin); keep it to keep pseudonyms stable")
    }
    return workspace
  }

  /// Starts writing `state` (the state for the next build) beside the workspace's state file, on
  /// a thread of its own: a build starts it as soon as the state is final, while the report is
  /// finished and the pages render, and puts it in place with the site.
  func startStaging(
    _ state: ReportPipeline.SavedState, options: ReportOptions, workspace: SiteWorkspace
  ) -> Background<Result<StagedState, any Error>> {
    let day = CivilDate(dayNumber: options.zone.localDay(state.asOf)).iso
    return Background { [stateFile = workspace.stateFile] in
      Result { try stateFile.stage(state, day: day) }
    }
  }

  /// Renders `result`'s report, swaps the site in (with the state for the next build, if any:
  /// `staging`'s, when ``startStaging(_:options:workspace:)`` started writing it already) and
  /// prints the summary: `built 34 files, 3 changed, from 1,200,000 events (12,000 new) in
  /// 2.6 s`, where `how` says what follows the number of events.
  func write(
    _ result: ReportPipeline.Result, staging: Background<Result<StagedState, any Error>>? = nil,
    options: ReportOptions, theme: Theme, workspace: SiteWorkspace, clock: StepClock,
    started: ContinuousClock.Instant, how: (ReportPipeline.Result.Kind) -> String
  ) throws {
    var clock = clock
    if verbose, let statistics = result.statistics { log(statistics.description) }
    if verbose { log("reading: \(result.steps.summary)") }
    let note = StopwordNote(languages: options.stopwordLanguages, hasFile: stopwords != nil)
    // The state file is written on another thread while the pages render.
    let staged =
      staging
      ?? result.state.map { startStaging($0, options: options, workspace: workspace) }
    let site: SiteFiles
    do {
      site = try SiteBuilder(theme: theme, stopwords: note).build(
        result.report, loop: Workers.loop())
    } catch {
      (try? staged?.value.get())?.discard()
      throw error
    }
    clock.lap("rendered")
    let summary = try workspace.commit(site, state: staged?.value)
    clock.lap("wrote")
    if verbose { log(clock.summary) }
    let all = result.report.ranges.all
    let events = all.activity.events + all.feedback.likes + all.feedback.dislikes
    let seconds = (ContinuousClock.now - started).seconds
    log(
      "built \(NumberFormat.count(summary.files, "file")), \(NumberFormat.grouped(summary.changed)) changed, from "
        + "\(NumberFormat.count(events, "event"))\(how(result.kind)) in \(NumberFormat.decimal(seconds, places: 1)) s"
    )
    // Where to open the site, for a person at a terminal; a scheduled run's log keeps its one line.
    if isatty(STDOUT_FILENO) != 0 {
      log("open \(workspace.output.url.appendingPathComponent("index.html").path)")
    }
  }

  /// The languages of `--stopword-languages`; all of them when it is not given.
  func languages() throws -> Set<StopwordLanguage> {
    guard let stopwordLanguages else { return Set(StopwordLanguage.allCases) }
    do {
      return try StopwordLanguage.parseList(stopwordLanguages)
    } catch {
      let what =
        error.code.isEmpty ? "an empty language code" : "unknown language \"\(error.code)\""
      throw ValidationError(
        "--stopword-languages: \(what); known: \(StopwordLanguage.knownCodes), or none")
    }
  }

  /// The options that shape the counts, read and checked.
  func reportOptions() throws -> ReportOptions {
    let zone = try ZoneRules.option(timezone)
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
