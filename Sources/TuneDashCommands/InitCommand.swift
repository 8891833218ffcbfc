import ArgumentParser
import EventStore

/// `tunedash init`: creates an empty database with the schema v1 tables and indexes.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create an empty database with the schema v1 tables and indexes.",
    discussion: ExitStatus.helpText)

  @Option(name: .long, help: "Where to create the database; the file must not exist.")
  var db: String

  func run() throws {
    do {
      try EmptyDatabase.create(at: db)
      StandardStream.standardOutput.write("created \(db) with the schema v1 tables\n")
    } catch {
      throw Failure.report(error)
    }
  }
}
