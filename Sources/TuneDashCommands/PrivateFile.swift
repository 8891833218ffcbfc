import Foundation
import SiteBuilder

/// A private file a run is about to write (`--state`, `--state-out`, `--send-log`, `--outbox`), checked
/// before any work against what it must never replace or publish: the source database, which
/// the run only ever reads (a state written over it would destroy the service's event log), and
/// the output folder, which is published (a state inside it would publish user ids and search
/// terms).
struct PrivateFile {
  /// The option that names the file, for the error line.
  let option: String
  let path: String

  /// Refuses the file when it is the SQLite database `db` or one of its journal files (beside
  /// `db` or beside the file a symbolic link `db` leads to), as files: the same device and
  /// inode, so a hard link or a symbolic link to one is refused too. A PostgreSQL location is no
  /// file, and nothing is compared.
  /// - Throws: a usage error (64).
  func refuse(source db: String) throws {
    let (file, place) = (Self.identity(path), Self.resolved(path))
    let databases = [db, Self.resolved(db)]
    for database in databases {
      // The journals are compared by name too: they come and go with the app's connections.
      for suffix in ["", "-wal", "-shm", "-journal"]
      where (file != nil && Self.identity(database + suffix) == file)
        || (!suffix.isEmpty && Self.resolved(database + suffix) == place)
      {
        let what = suffix.isEmpty ? "the source database" : "the source database's journal"
        throw CommandError(
          message: "\(option) \(path) is \(what) \(database + suffix)",
          hint: "the source is only ever read; give \(option) a file of its own",
          status: .usage)
      }
    }
  }

  /// Refuses a path that names a folder: the file would be written beside it and then fail to
  /// take its place, after all the work.
  /// - Throws: a usage error (64).
  func refuseFolder() throws {
    guard Self.isFolder(path) else { return }
    throw CommandError(
      message: "\(option) \(path) is a folder", hint: "give \(option) the path of a file",
      status: .usage)
  }

  /// Refuses a file that exists and is not a TuneDash state: a state is written in its place,
  /// and the file it replaces is kept as the hidden spare that the next build writes over, so a
  /// key, a database or notes named by mistake would be lost. An empty file is taken (a file
  /// `mktemp` made); so is a state of another version or a damaged one (it begins with
  /// `signature`, the bytes every state file begins with, or a part of it, or zeros). Anything
  /// but a regular file (a device such as `/dev/null`, a pipe) is refused too: the rename would
  /// replace it.
  /// - Throws: a usage error (64).
  func refuseForeign(signature: [UInt8]) throws {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    var status = stat()
    let regular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    var head = [UInt8](repeating: 0, count: signature.count)
    let count = regular ? pread(descriptor, &head, head.count, 0) : -1
    // What a state's file may begin with: the signature, or — after a power cut while it was
    // written — only the start of it, or zeros (a state that cannot be read: the build reads
    // every row, then writes its own).
    let read = head.prefix(max(count, 0))
    let ours = signature.starts(with: read) || read.allSatisfy { $0 == 0 }
    guard !regular || !ours else { return }
    throw CommandError(
      message: "\(option) \(path) "
        + (regular ? "exists and is not a TuneDash state" : "is not a regular file"),
      hint:
        "give \(option) a path of its own (a new file, or the state an earlier run wrote there); "
        + "TuneDash replaces only its own state files",
      status: .usage)
  }

  /// Refuses a file whose folder does not exist, before any work: the state could not be
  /// written at the end.
  /// - Throws: a cannot-write error (73).
  func refuseMissingFolder() throws {
    let folder = URL(fileURLWithPath: Self.resolved(path)).deletingLastPathComponent().path
    guard !Self.isFolder(folder) else { return }
    throw CommandError(
      message: "\(option) \(path): the folder \(folder) does not exist",
      hint:
        "create it first (mkdir -p \(folder)), or give \(option) a path in a folder that exists",
      status: .cannotWrite)
  }

  /// Refuses the file when it lies inside the folder `folder` (named by `folderOption`), which
  /// is published as a whole.
  /// - Throws: a usage error (64).
  func refuse(inside folder: String, folderOption: String) throws {
    let file = Self.resolved(path)
    let site = Self.resolved(folder)
    guard file == site || file.hasPrefix(site.hasSuffix("/") ? site : site + "/") else { return }
    throw CommandError(
      message: "\(option) \(path) is inside \(folderOption) \(folder), which is published",
      hint:
        "keep it outside the site (the default is beside it), e.g. \(option) /var/lib/tunedash/site.state",
      status: .usage)
  }

  /// Refuses the file or folder when it lies inside a site that `tunedash build` wrote (a folder
  /// with the `.tunedash-site` marker at any level above it, or the path itself), which is
  /// published as a whole: for what a run writes without knowing the site's `--out`, such as
  /// the digest's outbox and send log. `example` is a path to suggest instead.
  /// - Throws: a usage error (64).
  func refuseInsideSite(example: String) throws {
    var folder = URL(fileURLWithPath: Self.resolved(path))
    while true {
      let marker = folder.appendingPathComponent(OutputDirectory.marker).path
      if FileManager.default.fileExists(atPath: marker) {
        throw CommandError(
          message: "\(option) \(path) is inside the site \(folder.path), which is published",
          hint: "keep it outside the site, e.g. \(option) \(example)",
          status: .usage)
      }
      guard folder.path != "/" else { return }
      folder.deleteLastPathComponent()
    }
  }

  /// Whether `path` names a folder (symbolic links followed).
  static func isFolder(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      && isFolder.boolValue
  }

  /// The device and inode of the file at `path` (symbolic links followed), or `nil`.
  private static func identity(_ path: String) -> [UInt64]? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return [UInt64(status.st_dev), UInt64(status.st_ino)]
  }

  /// `path` made absolute as the kernel would follow it: the longest part that exists through
  /// `realpath` (symbolic links, then `..`, in order), the rest with `.` and `..` collapsed.
  private static func resolved(_ path: String) -> String {
    OutputDirectory.resolved(path)
  }

}
