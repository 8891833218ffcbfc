import ArgumentParser
import EventStore
import Foundation

/// `tunedash check`: validates a database against the schema v1 contract.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a database against the schema v1 contract and summarise it.",
    discussion: """
      Prints row counts, the time span, and the rows that break the contract by reason. \
      Exits 0 when the database can be read, even if some rows are skipped.

      \(ExitStatus.helpText)
      """)

  @Option(
    name: .long,
    help:
      "The database to check (opened read-only): an SQLite file, or postgresql://USER@HOST:PORT/DBNAME."
  )
  var db: String

  func run() throws {
    do {
      let source = try SourceLocation.open(db)
      let check = try source.read { try $0.checkContract() }
      StandardStream.standardOutput.write(CheckSummary(path: source.location, check: check).text)
    } catch {
      throw Failure.report(error)
    }
  }
}
