import CSystemShims
import Foundation

/// The folder digests are written to, one subfolder per week (`2026-11-29/`), one `.eml` file
/// per message. The outbox holds email addresses, so it and its subfolders have mode 0700 and
/// its files 0600; each file is written whole (a temporary file renamed into place), and a week
/// written again drops the messages that no longer apply.
public struct Outbox: Sendable {
  /// The outbox folder.
  public let path: String

  /// The outbox at `path`, created (mode 0700) if missing, its mode tightened to 0700 if not.
  /// - Throws: ``DigestError`` when it cannot be created.
  public init(path: String) throws {
    self.path = path
    try Self.makePrivateFolder(path)
  }

  /// The folder of the week whose last day is `week` (ISO date).
  public func folder(week: String) -> String { (path as NSString).appendingPathComponent(week) }

  /// Starts writing the week whose last day is `week`: its folder is created (mode 0700).
  public func week(_ week: String) throws -> Writer {
    let folder = folder(week: week)
    try Self.makePrivateFolder(folder)
    return Writer(folder: folder)
  }

  /// Writes one week's messages one at a time, then drops those of an earlier run that no
  /// longer apply and flushes the lot to disk at once (one `syncfs`, not one `fsync` a file).
  public struct Writer {
    /// The week's folder.
    public let folder: String
    /// Paths written so far, by file name.
    public private(set) var paths: [String: String] = [:]

    /// Writes `contents` as `name` (mode 0600, a temporary file renamed into place).
    public mutating func write(_ name: String, _ contents: String) throws {
      let target = (folder as NSString).appendingPathComponent(name)
      try Outbox.writeWhole(Array(contents.utf8), to: target)
      paths[name] = target
    }

    /// Removes the `.eml` files this run did not write and flushes everything to disk; returns
    /// the paths written, by file name.
    public func finish() throws -> [String: String] {
      let stale = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { $0.hasSuffix(".eml") && paths[$0] == nil }
      for name in stale {
        try? FileManager.default.removeItem(
          atPath: (folder as NSString).appendingPathComponent(name))
      }
      let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      defer { if descriptor >= 0 { close(descriptor) } }
      guard descriptor >= 0, tunedash_sync_file_system(descriptor) == 0 else {
        throw DigestError(
          .cannotWrite,
          "cannot flush the outbox \(folder) to disk: \(String(cString: strerror(errno)))",
          hint: "check the disk")
      }
      return paths
    }
  }

  /// Writes `messages` (file name → contents) as the week's messages, replacing what the week
  /// held; returns the paths written.
  @discardableResult
  public func write(week: String, _ messages: [(name: String, contents: String)]) throws -> [String:
    String]
  {
    var writer = try self.week(week)
    for (name, contents) in messages { try writer.write(name, contents) }
    return try writer.finish()
  }

  static func makePrivateFolder(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw DigestError(
        .cannotWrite, "cannot create the outbox folder \(path)",
        hint: "check the permissions of its parent, or pass another --outbox")
    }
    guard chmod(path, 0o700) == 0 else {
      throw DigestError(
        .cannotWrite, "cannot make the outbox folder \(path) private (mode 0700)",
        hint: "use a folder you own")
    }
  }

  /// Writes `bytes` to a temporary file beside `target` (mode 0600) and renames it into place;
  /// ``Writer/finish()`` flushes the folder.
  static func writeWhole(_ bytes: [UInt8], to target: String) throws {
    let temporary = target + ".partial"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    var ok = descriptor >= 0
    if ok {
      let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      ok = written == bytes.count
      close(descriptor)
    }
    guard ok, rename(temporary, target) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw DigestError(
        .cannotWrite, "cannot write \(target): \(reason)",
        hint: "check the disk space and permissions")
    }
  }
}
