import Foundation

/// Runs an outside program the tests check against (python3, msmtp), waiting for it.
public enum ExternalTool {
  /// Runs `program` (looked up on `PATH`) with `arguments`; standard error is folded into the
  /// output.
  public static func run(_ program: String, _ arguments: [String]) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Whether python3 can import every module in `modules`.
  public static func pythonHas(_ modules: String...) -> Bool {
    (try? run("python3", ["-c", "import " + modules.joined(separator: ", ")]))?.status == 0
  }
}
