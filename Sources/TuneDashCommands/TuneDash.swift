import ArgumentParser

/// The `tunedash` command: builds a static analytics site from a music service's events.
public struct TuneDash: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "tunedash",
    abstract:
      "Turn a music recommendation service's events (SQLite or PostgreSQL) into a static analytics site.",
    discussion: """
      Quick start: `tunedash build --demo` writes a demo database and builds the site into public/.

      \(ExitStatus.helpText)
      """,
    version: "0.1.0",
    subcommands: [
      BuildCommand.self, CutCommand.self, MergeCommand.self, PublishCommand.self, InitCommand.self,
      DemoCommand.self,
      CheckCommand.self,
      ThemeCommand.self, RecommendCommand.self, EvaluateCommand.self,
      DigestCommand.self,
    ]
  )

  public init() {}
}
