import ArgumentParser
import EventStore
import Foundation

/// `tunedash cut`: prints the highest activity and feedback ids now, `EVENT_ID:FEEDBACK_ID`,
/// for the `--cut` every partition of one split build is given.
struct CutCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cut",
    abstract: "Print the event tables' highest ids, EVENT_ID:FEEDBACK_ID, for a split build's cut.",
    discussion: """
      A build split by listener runs its partitions at different moments while the app keeps \
      writing; given the same cut, they all count the same rows. This prints the cut a \
      partition build would read now (0 for an empty table), on one line and nothing else, so a \
      scheduler can pass it on to every partition:
      tunedash build --partition I/N --state-out FILE --cut "$(tunedash cut --db PATH)"

      \(ExitStatus.helpText)
      """)

  @OptionGroup var database: SourceOption

  /// The source database's location, as given.
  var db: String { database.db }

  @Option(
    name: .long,
    help:
      "Seconds to wait for a writer that locks the database, or on PostgreSQL for another session's lock on a table (then exit 75)."
  )
  var dbWait: Double = 10

  func validate() throws {
    try SiteOptions.checkWait([dbWait], "--db-wait takes")
  }

  func run() throws {
    do {
      let cut = try SourceLocation.open(db, busyTimeout: dbWait).read { try $0.cut() }
      StandardStream.standardOutput.write("\(cut.maxEventID):\(cut.maxFeedbackID)\n")
    } catch {
      throw Failure.report(error)
    }
  }
}
