import ArgumentParser
import EventStore

/// `tunedash init`: creates an empty database with the schema v1 tables and indexes.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create an empty database with the schema v1 tables and indexes.",
    discussion: ExitStatus.helpText)

  @Option(
    name: .long,
    help:
      "Where to create the database: an SQLite file that must not exist, or postgresql://USER@HOST:PORT/DBNAME (an existing database without the tables)."
  )
  var db: String

  func run() throws {
    do {
      let location = try SourceLocation.create(db)
      StandardStream.standardOutput.write("created \(location) with the schema v1 tables\n")
    } catch {
      throw Failure.report(error)
    }
  }
}
