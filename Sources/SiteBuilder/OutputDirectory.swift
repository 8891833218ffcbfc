import CSystemShims
import Foundation

/// The folder a site is published into, replaced as a whole so nobody ever sees half a site.
///
/// A build writes the new site into a hidden sibling (`.public.tmp-PID`), hard-links files
/// whose bytes did not change (their modification time stays, so `rsync` and `aws s3 sync`
/// move only real changes), then exchanges the two folders in one atomic
/// `renameat2(RENAME_EXCHANGE)` and deletes the old one. A run killed at any moment leaves the
/// previous complete site in place; the next run removes what it left behind.
///
/// It only ever replaces a folder that is empty or that TuneDash wrote (it carries a
/// `.tunedash-site` marker): pointing `--out` at a folder of your own is refused.
/// Top-level dotfiles of the old folder (such as `.gitkeep`) are carried over.
public struct OutputDirectory: Sendable {
  /// The marker file that says TuneDash owns a folder.
  public static let marker = ".tunedash-site"

  /// The output folder, absolute, standardised and with symbolic links resolved.
  public let url: URL

  /// The output folder at `path` (relative paths resolve against the working directory). A
  /// symbolic link is followed: the folder it names is the one replaced (the link stays a link),
  /// published and locked — by `build` and `publish` alike, through the link or not. The path
  /// is read as the kernel reads it (``resolved(_:)``).
  public init(path: String) {
    url = URL(fileURLWithPath: Self.resolved(path))
  }

  /// `path` absolute, as the kernel would follow it: the longest part that exists with its links
  /// resolved and `..` taken after them (`realpath`), then the rest as written, standardised.
  public static func resolved(_ path: String) -> String {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(
      String.init)
    var missing: [String] = []
    while true {
      let prefix = "/" + components.joined(separator: "/")
      if let real = realpath(prefix, nil) {
        defer { free(real) }
        var url = URL(fileURLWithPath: String(cString: real))
        for component in missing { url.appendPathComponent(component) }
        return url.standardizedFileURL.path
      }
      guard let last = components.popLast() else { return absolute }
      missing.insert(last, at: 0)
    }
  }

  var name: String { url.lastPathComponent }
  var parent: URL { url.deletingLastPathComponent() }

  /// What a write did.
  public struct Summary: Sendable, Equatable {
    /// Files in the new site.
    public var files: Int
    /// Files written because they are new or their bytes changed.
    public var changed: Int
    /// Files of the old site that are gone.
    public var removed: Int

    /// Creates a summary.
    public init(files: Int, changed: Int, removed: Int) {
      self.files = files
      self.changed = changed
      self.removed = removed
    }
  }

  /// Replaces the folder's contents with `site`, atomically; does nothing when every file is
  /// already there with the same bytes.
  public func write(_ site: SiteFiles) throws -> Summary {
    let files = FileManager.default
    try checkOwnership()
    try removeLeftovers()
    let existing = try existingFiles()
    var changed: [String] = []
    for path in site.paths {
      let old = url.appendingPathComponent(path)
      if existing.contains(path), let bytes = files.contents(atPath: old.path),
        bytes == site.files[path]
      {
        continue
      }
      changed.append(path)
    }
    let removed = existing.subtracting(site.files.keys).filter {
      !isCarriedOver($0) && $0 != Self.marker
    }
    let markerPresent = existing.contains(Self.marker)
    if changed.isEmpty && removed.isEmpty && markerPresent {
      return Summary(files: site.files.count, changed: 0, removed: 0)
    }
    let staging = parent.appendingPathComponent(".\(name).tmp-\(getpid())")
    try? files.removeItem(at: staging)
    do {
      try files.createDirectory(at: staging, withIntermediateDirectories: true)
      let changedSet = Set(changed)
      for path in site.paths {
        let target = staging.appendingPathComponent(path)
        try files.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if changedSet.contains(path) {
          try site.files[path]!.write(to: target)
        } else {
          try link(url.appendingPathComponent(path), to: target)
        }
      }
      for path in existing where isCarriedOver(path) && site.files[path] == nil {
        try link(url.appendingPathComponent(path), to: staging.appendingPathComponent(path))
      }
      try Data("This folder is written by TuneDash and replaced on every build.\n".utf8)
        .write(to: staging.appendingPathComponent(Self.marker))
      try swapIn(staging)
    } catch let error as SiteError {
      try? files.removeItem(at: staging)
      throw error
    } catch {
      try? files.removeItem(at: staging)
      throw SiteError(
        .output, path: url.path, message: "cannot write the site: \(FileProblem.describe(error))",
        hint: "check that the folder's parent is writable and the disk has space")
    }
    return Summary(files: site.files.count, changed: changed.count, removed: removed.count)
  }

  /// Top-level dotfiles other than the marker survive rebuilds.
  private func isCarriedOver(_ path: String) -> Bool {
    path.hasPrefix(".") && !path.contains("/") && path != Self.marker
  }

  private func checkOwnership() throws {
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw SiteError(
        .output, path: url.path, message: "a file, not a folder",
        hint: "choose another --out folder")
    }
    if files.fileExists(atPath: url.appendingPathComponent(Self.marker).path) { return }
    let contents = (try? files.contentsOfDirectory(atPath: url.path)) ?? []
    if contents.allSatisfy({ $0.hasPrefix(".") }) { return }
    throw SiteError(
      .output, path: url.path,
      message: "not empty, and not written by TuneDash: it would be replaced",
      hint: "choose an empty or new --out folder")
  }

  /// Removes staging and old folders that a killed run left beside the output.
  private func removeLeftovers() throws {
    let files = FileManager.default
    let siblings = (try? files.contentsOfDirectory(atPath: parent.path)) ?? []
    for sibling in siblings
    where sibling.hasPrefix(".\(name).tmp-") || sibling.hasPrefix(".\(name).old-") {
      try? files.removeItem(at: parent.appendingPathComponent(sibling))
    }
  }

  /// Every regular file below the output folder, as relative paths.
  private func existingFiles() throws -> Set<String> {
    let files = FileManager.default
    guard let walker = files.enumerator(atPath: url.path) else { return [] }
    var found: Set<String> = []
    while let path = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if files.fileExists(atPath: url.appendingPathComponent(path).path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        found.insert(path)
      }
    }
    return found
  }

  private func link(_ source: URL, to target: URL) throws {
    if Glibc.link(source.path, target.path) != 0 {
      try FileManager.default.copyItem(at: source, to: target)
    }
  }

  /// Puts `staging` in the output's place: one atomic exchange where the system allows it.
  private func swapIn(_ staging: URL) throws {
    let files = FileManager.default
    guard files.fileExists(atPath: url.path) else {
      try files.createDirectory(at: parent, withIntermediateDirectories: true)
      try files.moveItem(at: staging, to: url)
      return
    }
    if tunedash_exchange_paths(staging.path, url.path) == 0 {
      try? files.removeItem(at: staging)
      return
    }
    // No atomic exchange here (another system or file system): two renames, a brief gap.
    let old = parent.appendingPathComponent(".\(name).old-\(getpid())")
    try files.moveItem(at: url, to: old)
    try files.moveItem(at: staging, to: url)
    try? files.removeItem(at: old)
  }
}
