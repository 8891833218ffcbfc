import ArgumentParser

/// Where a usage error sends the user: the help of the command they typed.
public enum UsageHint {
  /// `tunedash build --help` when `arguments` (as in `CommandLine.arguments`) name a known
  /// command, else `tunedash --help`.
  public static func helpCommand(for arguments: [String]) -> String {
    let names = TuneDash.configuration.subcommands.map { $0.configuration.commandName ?? "" }
    if let name = arguments.dropFirst().first, names.contains(name) {
      return "tunedash \(name) --help"
    }
    return "tunedash --help"
  }
}
