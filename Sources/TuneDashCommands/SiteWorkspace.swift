import BuildPipeline
import Engine
import EventStore
import Foundation
import Privacy
import SiteBuilder

/// What a run keeps beside its output folder, in one place: the lock that lets one run at a
/// time use the folder, the pseudonym key, and the private state file an incremental build
/// starts from. Taking the lock is the first thing a run does, before any work.
///
/// ```swift
/// let workspace = try SiteWorkspace(
///   out: "public", state: nil, source: "events.sqlite", pseudonymKey: nil, wait: 0)
/// let result = try ReportPipeline.build(from: source, options: options,
///   previousState: workspace.savedState(), userLabel: workspace.userLabel(showNames: false))
/// let summary = try workspace.commit(site, state: result.state)
/// ```
struct SiteWorkspace {
  /// The output folder.
  let output: OutputDirectory
  /// The state file (`--state`, by default `.NAME.state` beside the output).
  let stateFile: StateFile
  /// The pseudonym key (`--pseudonym-key`, `$TUNEDASH_PSEUDONYM_KEY` or the default file).
  let key: PseudonymKey
  private let lock: FolderLock

  /// Refuses a state file over the source database `source`, inside the output folder, that
  /// is a folder, another kind of file or in a folder that does not exist (``PrivateFile``),
  /// takes the output folder's lock (waiting up to `wait` seconds), then loads or creates the
  /// pseudonym key.
  init(out: String, state: String?, source: String, pseudonymKey: String?, wait: Double) throws {
    output = OutputDirectory(path: out)
    stateFile = StateFile(path: state, output: output)
    let file = PrivateFile(option: "--state", path: stateFile.url.path)
    try file.refuse(source: source)
    try file.refuse(inside: out, folderOption: "--out")
    try file.refuseFolder()
    try file.refuseForeign(signature: ReportPipeline.SavedState.signature)
    if state != nil { try file.refuseMissingFolder() }
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: out),
      !FileManager.default.fileExists(atPath: out)
    {
      throw CommandError(
        message: "--out \(out) is a symbolic link to \(target), which does not exist",
        hint: "create \(target) or give --out a folder", status: .usage)
    }
    lock = try FolderLock(folder: output.url, wait: wait)
    key = try PseudonymKey.load(
      environment: ProcessInfo.processInfo.environment, file: pseudonymKey)
  }

  /// The state the last build saved, or `nil` (none, unreadable, or `ignored`).
  func savedState(ignored: Bool = false) -> StateSource? {
    ignored ? nil : stateFile.load()
  }

  /// How the users a page names are shown: pseudonyms, or display names with `showNames`.
  func userLabel<Reader: ListenerDirectory>(showNames: Bool) -> ([String], Reader) throws ->
    [String: String]
  {
    let pseudonyms = Pseudonymizer(key: key)
    return { ids, reader in
      var labels = pseudonyms.pseudonyms(for: ids)
      if showNames { labels.merge(try reader.displayNames(ids)) { _, name in name } }
      return labels
    }
  }

  /// Swaps the new site in, then puts the state that describes it in place (written already by
  /// ``StateFile/stage(_:)``, or the error that writing it met, reported once the site is in).
  /// The lock is held until the workspace goes away.
  func commit(_ site: SiteFiles, state: Result<StagedState, any Error>?) throws
    -> OutputDirectory.Summary
  {
    let summary: OutputDirectory.Summary
    do {
      summary = try output.write(site)
    } catch {
      (try? state?.get())?.discard()
      throw error
    }
    try state?.get().commit()
    return summary
  }
}
