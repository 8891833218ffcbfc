import BuildPipeline
import Engine
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
      ?? output.url.deletingLastPathComponent().appendingPathComponent(
        ".\(output.url.lastPathComponent).state")
  }

  /// The saved state, or `nil` when there is none (or it cannot be read: the build then reads
  /// everything).
  func load() -> StateSource? {
    StateSource(file: url)
  }

  /// Saves `state`, streamed to a temporary file and renamed over the old one.
  func save(_ state: ReportPipeline.SavedState) throws {
    try stage(state).commit()
  }

  /// Writes `state` to a temporary file beside this one (mode 0600), to be put in place with
  /// ``StagedState/commit()`` — a build writes it while its pages render, and replaces the old
  /// state only once the new site is in place.
  func stage(_ state: ReportPipeline.SavedState) throws -> StagedState {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())")
    let failure = CommandError(
      message: "cannot write the state file \(url.path)",
      hint: "check that its folder is writable and has space, or pass --state PATH",
      status: .cannotWrite)
    guard
      FileManager.default.createFile(
        atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
      let handle = FileHandle(forWritingAtPath: temporary.path)
    else { throw failure }
    do {
      try state.write { try Self.write($0, to: handle.fileDescriptor) }
      try handle.close()
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
      throw failure
    }
    return StagedState(temporary: temporary, destination: url)
  }

  /// Writes `bytes` to `descriptor` straight from the writer's buffer (a `Data` per chunk would
  /// copy the whole state once more), resuming after partial writes and interruptions.
  private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
    var done = 0
    while done < bytes.count {
      let count = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      done += count
    }
  }
}

/// A state file written beside its place, not yet in it.
struct StagedState: Sendable {
  let temporary: URL
  let destination: URL

  /// Renames the file over the old state.
  func commit() throws {
    guard rename(temporary.path, destination.path) == 0 else {
      discard()
      throw CommandError(
        message: "cannot replace the state file \(destination.path)",
        hint: "check that its folder is writable",
        status: .cannotWrite)
    }
  }

  /// Removes the file (the build failed before it could be put in place).
  func discard() { try? FileManager.default.removeItem(at: temporary) }
}
