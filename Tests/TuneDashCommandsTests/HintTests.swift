import Foundation
import TestSupport
import Testing

/// Every hint, message and help text names only commands and options that exist: the test reads
/// every string literal in `Sources/` and checks each `tunedash COMMAND --option` and each bare
/// `--option` against the parser (`tunedash --experimental-dump-help`).
///
/// A bare `--option` in a command's own file must be one of that command's options. One in a
/// library module's message must exist on every command that can show that module's errors —
/// `EventStore`'s on every command that opens a database, and so on.
@Suite("Hints name real commands and options")
struct HintTests {
  /// Command name → its long options, as the parser has them.
  static func commands() throws -> [String: Set<String>] {
    let result = try TuneDashBinary.run(["--experimental-dump-help"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let root = try #require(json["command"] as? [String: Any])
    var table: [String: Set<String>] = [:]
    for sub in root["subcommands"] as? [[String: Any]] ?? [] {
      guard let name = sub["commandName"] as? String else { continue }
      let arguments = sub["arguments"] as? [[String: Any]] ?? []
      let options = arguments.flatMap { $0["names"] as? [[String: Any]] ?? [] }
        .filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
      table[name] = Set(options)
    }
    return table
  }

  /// The commands that can show a library module's errors.
  static let shownBy: [String: [String]] = [
    "EventStore": ["build", "check", "init", "demo", "merge"], "DemoData": ["demo", "build"],
    "SiteBuilder": ["build", "merge"], "Privacy": ["build", "merge"], "Publishing": ["publish"],
    "Engine": ["build", "merge"], "BuildPipeline": ["build", "merge"],
    "SQLiteSource": ["build", "check", "init", "demo", "merge"],
  ]

  /// Every string literal of a Swift file with its line (single-line literals; multi-line
  /// literals line by line).
  static func literals(in text: String) -> [(String, Int)] {
    var found: [(String, Int)] = []
    var inBlock = false
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if line.contains("\"\"\"") {
        inBlock.toggle()
        continue
      }
      if inBlock {
        found.append((String(line), index + 1))
        continue
      }
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
      let regex = /"((?:[^"\\]|\\.)*)"/
      for match in line.matches(of: regex) { found.append((String(match.1), index + 1)) }
    }
    return found
  }

  @Test func everyCommandAndOptionInAHintExists() throws {
    let commands = try Self.commands()
    #expect(commands.keys.contains("build") && commands.keys.contains("publish"))
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    var problems: [String] = []
    var checked = 0
    let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") }.sorted()
    for file in files {
      let module = String(file.split(separator: "/")[0])
      let name = (file as NSString).lastPathComponent
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      // The command whose file this is (BuildCommand.swift → build), else the module's users.
      let own =
        name.hasSuffix("Command.swift")
        ? [String(name.dropLast("Command.swift".count)).lowercased()] : Self.shownBy[module]
      for (literal, line) in Self.literals(in: text) {
        var rest = Substring(literal)
        // `tunedash COMMAND --option …`: the options up to the end of the command.
        // A command is `tunedash NAME …` in backticks, or `tunedash NAME --option …` (prose
        // such as "another tunedash run" is not a command).
        for match in literal.matches(of: /`tunedash ([a-z]+)([^`]*)`|tunedash ([a-z]+)( --[^`";]*)/)
        {
          let command = String(match.1 ?? match.3 ?? "")
          let arguments = match.2 ?? match.4 ?? ""
          checked += 1
          guard let options = commands[command] else {
            problems.append("\(file):\(line): no command `tunedash \(command)`")
            continue
          }
          for option in arguments.matches(of: /--([a-z][a-z-]*)/)
          where !options.contains(String(option.1)) {
            problems.append("\(file):\(line): `tunedash \(command)` has no --\(option.1)")
          }
          rest = rest.replacingOccurrences(of: String(match.0), with: "")[...]
        }
        guard let own else { continue }
        for option in rest.matches(of: /(?:^|[^a-z-])--([a-z][a-z-]*)/) {
          checked += 1
          for command in own where !(commands[command]?.contains(String(option.1)) ?? false) {
            problems.append(
              "\(file):\(line): --\(option.1) is named, but `tunedash \(command)`, which can show it, has no such option"
            )
          }
        }
      }
    }
    #expect(checked > 30, "the scan found too little to check: \(checked)")
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }
}
