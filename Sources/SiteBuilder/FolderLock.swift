import Foundation

/// An exclusive lock on an output folder, held by one `tunedash` run at a time: a build that
/// replaces the folder and a publish that reads it never overlap.
///
/// It is an advisory `flock` on a hidden file beside the folder (`.public.lock`), so the lock
/// is released by the kernel when the process ends, however it ends: a crashed or killed run
/// never leaves a stale lock behind. A run that ends normally — built, refused or failed —
/// also removes the lock file, and the folders it had to create for it if they stayed empty,
/// so that a run that did not build leaves nothing behind. (The file is removed while still
/// locked, and a run that finds the file gone or replaced after locking it locks the new one:
/// two runs can never both hold the lock.)
public final class FolderLock: Sendable {
  private let descriptor: Int32
  /// The lock file.
  public let path: String
  /// The folders this lock created for its file, outermost first.
  private let createdFolders: [String]

  /// Takes the lock on `folder`, waiting up to `wait` seconds for another run to release it.
  ///
  /// - Throws: ``SiteError`` with step `.locked` when the lock stays taken.
  public init(folder: URL, wait: Double = 0) throws {
    let parent = folder.deletingLastPathComponent()
    createdFolders = Self.createMissing(parent.path)
    path = parent.appendingPathComponent(".\(folder.lastPathComponent).lock").path
    let deadline = Date().addingTimeInterval(wait)
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else {
        let reason = String(cString: strerror(errno))
        Self.removeEmpty(createdFolders)
        throw SiteError(
          .output, path: path, message: "cannot create this lock file: \(reason)",
          hint: "check that \(parent.path) is writable")
      }
      while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
          close(descriptor)
          throw SiteError(
            .locked, path: folder.path,
            message: "another tunedash run is using this folder",
            hint: wait > 0
              ? "it held the folder for more than \(Int(wait)) s; try again later"
              : "try again later, or pass --wait SECONDS to wait for it")
        }
        Thread.sleep(forTimeInterval: 0.1)
      }
      if Self.isStill(descriptor, at: path) {
        self.descriptor = descriptor
        return
      }
      // The run before removed the file as it finished: lock the one at the path now.
      close(descriptor)
    }
  }

  deinit {
    unlink(path)
    flock(descriptor, LOCK_UN)
    close(descriptor)
    Self.removeEmpty(createdFolders)
  }

  /// Whether `descriptor` is the file now at `path`.
  private static func isStill(_ descriptor: Int32, at path: String) -> Bool {
    var open = stat()
    var named = stat()
    guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
    return open.st_dev == named.st_dev && open.st_ino == named.st_ino
  }

  /// Creates `path` and the folders above it that are missing; returns those it created,
  /// outermost first.
  private static func createMissing(_ path: String) -> [String] {
    var missing: [String] = []
    var folder = URL(fileURLWithPath: path)
    while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
      missing.insert(folder.path, at: 0)
      folder = folder.deletingLastPathComponent()
    }
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return missing
  }

  /// Removes the given folders, innermost first, where they are empty.
  private static func removeEmpty(_ folders: [String]) {
    for folder in folders.reversed() { rmdir(folder) }
  }
}
