import Analytics
import Foundation
import SiteBuilder

/// The file that carries a build's state to the next one (`--state`): by default `.NAME.state`
/// beside the output folder — never inside it, because it holds user ids and search terms and
/// must not be published. Written atomically with mode 0600.
struct StateFile {
  let url: URL

  /// A state file at `url` (a partition build's `--state-out`).
  init(url: URL) { self.url = url }

  init(path: String?, output: OutputDirectory) {
    url =
      path.map { URL(fileURLWithPath: $0) }
      ?? output.url.deletingLastPathComponent().appendingPathComponent(".\(output.url.lastPathComponent).state")
  }

  /// The saved state, or `nil` when there is none (or it cannot be read: the build then reads
  /// everything).
  func load() -> StateSource? {
    StateSource(file: url)
  }

  /// Saves `state`, streamed to a temporary file and renamed over the old one.
  func save(_ state: ReportPipeline.SavedState) throws {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    defer { try? FileManager.default.removeItem(at: temporary) }
    let failure = CommandError(
      message: "cannot write the state file \(url.path)", hint: "check that its folder is writable and has space, or pass --state PATH",
      status: .cannotWrite)
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
      let handle = FileHandle(forWritingAtPath: temporary.path)
    else { throw failure }
    do {
      try state.write { try handle.write(contentsOf: Data($0)) }
      try handle.close()
    } catch {
      try? handle.close()
      throw failure
    }
    guard rename(temporary.path, url.path) == 0 else {
      throw CommandError(
        message: "cannot replace the state file \(url.path)", hint: "check that its folder is writable",
        status: .cannotWrite)
    }
  }
}
