import ArgumentParser
import BuildPipeline
import DemoData
import Engine
import EventStore
import Formatting
import Foundation

/// `tunedash demo`: writes a realistic, deterministic demo database.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Write a realistic demo database (deterministic for a seed).",
    discussion: ExitStatus.helpText)

  @Option(name: .long, help: "Where to write the database.")
  var db: String = "demo.sqlite"

  @Option(name: .long, help: "Listeners. Default: \(NumberFormat.grouped(DemoOptions().users)).")
  var users: Int?

  @Option(
    name: .long,
    help: "Tracks in the catalog. Default: \(NumberFormat.grouped(DemoOptions().tracks)).")
  var tracks: Int?

  @Option(
    name: .long,
    help:
      "Activity events (searches, playlists, plays, logins). Default: 1,000,000; with --append, 1% of the history's."
  )
  var events: Int?

  @Option(
    name: .long,
    help:
      "Like/dislike feedback events. Default: a fifth of --events (200,000); with --append, 1% of the history's."
  )
  var feedback: Int?

  @Option(
    name: .long,
    help: "Random seed: the same options give the same database. Default: \(DemoOptions().seed).")
  var seed: UInt64?

  @Flag(name: .long, help: "Replace the database if it exists.")
  var force = false

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Append --events activity and --feedback feedback rows to an existing demo database, on the days after its latest event.",
      discussion: "Simulates the service running on, for trying incremental builds."))
  var append = false

  func validate() throws {
    if append && force {
      throw ValidationError("--append adds to the database and --force replaces it: choose one")
    }
    if append && (users != nil || tracks != nil || seed != nil) {
      throw ValidationError(
        "--append goes on with the database's own listeners, tracks and seed: --users, --tracks and --seed are for a new database"
      )
    }
    guard (users ?? 1) > 0, (tracks ?? 1) > 0, (events ?? 0) >= 0, (feedback ?? 0) >= 0 else {
      throw ValidationError(
        "--users and --tracks must be positive; --events and --feedback zero or more")
    }
  }

  func run() throws {
    let defaults = DemoOptions()
    let options = DemoOptions(
      users: users ?? defaults.users, tracks: tracks ?? defaults.tracks,
      events: events ?? defaults.events,
      // A smaller or larger demo keeps the default's one rating for five events.
      feedback: feedback ?? events.map { $0 / 5 } ?? defaults.feedback,
      seed: seed ?? defaults.seed)
    let started = ContinuousClock.now
    do {
      try SourceLocation.refuseAllButPath(db)
      if append {
        let summary = try DemoDatabase.append(at: db, events: events, feedback: feedback)
        let seconds = (ContinuousClock.now - started).seconds
        StandardStream.standardOutput.write(
          "appended to \(db): \(NumberFormat.count(summary.events, "event")), \(NumberFormat.grouped(summary.feedback)) feedback in "
            + "\(String(format: "%.1f", seconds)) s\n")
        return
      }
      let summary: DemoDatabase.Summary
      do {
        summary = try DemoDatabase.create(at: db, options: options, replace: force)
      } catch var error as EventStoreError where error.kind == .alreadyExists {
        error.hint = "choose another path, or pass --force to replace it"
        throw error
      }
      let seconds = (ContinuousClock.now - started).seconds
      StandardStream.standardOutput.write(
        "wrote \(db): \(NumberFormat.count(summary.users, "user")), \(NumberFormat.count(summary.tracks, "track")), "
          + "\(NumberFormat.count(summary.events, "event")), "
          + "\(NumberFormat.grouped(summary.feedback)) feedback in \(String(format: "%.1f", seconds)) s\n"
      )
    } catch {
      throw Failure.report(error)
    }
  }
}

extension Duration {
  /// This duration in seconds.
  var seconds: Double { StepClock.seconds(self) }
}
