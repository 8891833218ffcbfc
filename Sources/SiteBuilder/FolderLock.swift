import Foundation

/// An exclusive lock on an output folder, held by one `tunedash` run at a time: a build that
/// replaces the folder and a publish that reads it never overlap.
///
/// It is an advisory `flock` on a hidden file beside the folder (`.public.lock`), so the lock
/// is released by the kernel when the process ends, however it ends: a crashed or killed run
/// never leaves a stale lock behind. The lock file itself stays; it is empty.
public final class FolderLock: Sendable {
  private let descriptor: Int32
  /// The lock file.
  public let path: String

  /// Takes the lock on `folder`, waiting up to `wait` seconds for another run to release it.
  ///
  /// - Throws: ``SiteError`` with step `.locked` when the lock stays taken.
  public init(folder: URL, wait: Double = 0) throws {
    let parent = folder.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    path = parent.appendingPathComponent(".\(folder.lastPathComponent).lock").path
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw SiteError(
        .output, path: path, message: "cannot create the lock file \(path)",
        hint: "check that \(parent.path) is writable")
    }
    let deadline = Date().addingTimeInterval(wait)
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
        close(descriptor)
        throw SiteError(
          .locked, path: folder.path,
          message: "another tunedash run is using \(folder.path)",
          hint: wait > 0
            ? "it held the folder for more than \(Int(wait)) s; try again later"
            : "try again later, or pass --wait SECONDS to wait for it")
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
