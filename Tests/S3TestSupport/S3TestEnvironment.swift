import Foundation

/// Whether the moto-backed tests run, and with which Python.
///
/// They run when `python3 -c 'import moto.server'` succeeds, or when
/// `TUNEDASH_REQUIRE_S3_TESTS=1` is set — in which case a missing moto fails them with a clear
/// message instead of skipping them. `TUNEDASH_PYTHON` names another interpreter.
public enum S3TestEnvironment {
  /// Whether CI demands the S3 tests.
  public static let isRequired =
    ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_S3_TESTS"] == "1"

  /// The Python interpreter, looked up on `PATH`.
  public static let python = ProcessInfo.processInfo.environment["TUNEDASH_PYTHON"] ?? "python3"

  /// Why moto cannot be used, or `nil` when it imports.
  public static let motoProblem: String? = {
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = [python, "-c", "import moto.server"]
    process.standardOutput = output
    process.standardError = output
    do {
      try process.run()
    } catch {
      return "cannot run \(python): \(error)"
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus != 0 else { return nil }
    let lastLine =
      text.split(separator: "\n").last.map(String.init)
      ?? "exit status \(process.terminationStatus)"
    return "`\(python) -c 'import moto.server'` failed: \(lastLine)"
  }()

  /// Whether the S3 tests should run at all.
  public static var shouldRun: Bool { isRequired || motoProblem == nil }

  /// The message for a required run without moto.
  public static func missingMotoMessage(_ problem: String) -> String {
    "TUNEDASH_REQUIRE_S3_TESTS=1 but moto is not available: \(problem). "
      + "Install it with: \(python) -m pip install 'moto[server]'"
  }
}
