import Foundation
import TestSupport
import Testing
import TuneDashCommands

/// The exit codes have one source, `ExitStatus`: the help text and the README's table are made
/// from it, and neither is wrapped twice.
@Suite("Exit codes from one source")
struct ExitStatusTests {
  @Test func theREADMETableIsTheOneExitStatusMakes() throws {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "## Exit codes")).upperBound
    let start = try #require(
      readme.range(of: "| code | meaning |", range: section..<readme.endIndex))
    let end =
      readme.range(of: "\n\n", range: start.lowerBound..<readme.endIndex)?.lowerBound
      ?? readme.endIndex
    #expect(String(readme[start.lowerBound..<end]) == ExitStatus.markdownTable)
  }

  @Test(arguments: ["build", "check", "cut", "digest", "publish", "merge", "recommend", "evaluate"])
  func helpLinesFitEightyColumnsWithoutOrphans(command: String) throws {
    let help = try TuneDashBinary.run([command, "--help"], environment: ["COLUMNS": "80"])
    #expect(help.status == 0)
    // The parser's own usage line is one long line by design; everything else fits.
    let lines = help.stdout.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") }
    for line in lines { #expect(line.count <= 80, "\(line)") }
    // The paragraphs before the exit codes are wrapped by the parser, not by their source: a
    // line ends early only where its paragraph does, where it introduces what follows (":"),
    // or where the next word would not have fitted (the parser keeps lines under 80 columns).
    let prose = help.stdout.components(separatedBy: "Exit codes:")[0].components(separatedBy: "\n")
    for (line, next) in zip(prose, prose.dropFirst()) where !line.isEmpty && !next.isEmpty {
      let word = next.drop { $0 == " " }.prefix { $0 != " " }
      #expect(
        line.hasSuffix(":") || line.count + 1 + word.count >= 80,
        "a line broken early: \(line)")
    }
    // Every exit code line and its continuation, exactly as ExitStatus wrapped them.
    #expect(help.stdout.contains(ExitStatus.helpText))
  }
}
