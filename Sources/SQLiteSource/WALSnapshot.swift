import EventStore
import Foundation

/// Reading a WAL-mode database that nobody has open, from a folder this process cannot write.
///
/// A read-only connection to a WAL database needs the `-shm` file beside it: when the app has
/// the database open the file exists and SQLite can read through it, but when the app is not
/// running it must create it — impossible in a read-only folder (systemd's `ReadOnlyPaths=`, a
/// read-only mount), where SQLite fails with "attempt to write a readonly database". No `-shm`
/// file means no connection has the database open, so its main file holds every committed row:
/// TuneDash then reads that file as immutable (`?immutable=1`, no locks, no side files) and
/// afterwards checks that nobody started writing meanwhile (no `-wal` or `-shm` appeared, the
/// file's size and modification time are the same). If somebody did, the read is refused as
/// locked — try again — rather than trusted.
struct WALSnapshot: Sendable, Equatable {
  let size: UInt64
  let modified: Date

  /// The stamp of `path` when it is a WAL database with no `-shm` file in a folder this
  /// process cannot write; `nil` in every other case (SQLite then copes on its own).
  static func needed(for path: String) -> WALSnapshot? {
    let files = FileManager.default
    let folder = (path as NSString).deletingLastPathComponent
    guard !files.fileExists(atPath: path + "-shm"),
      access(folder.isEmpty ? "." : folder, W_OK) != 0,
      isWALMode(path)
    else { return nil }
    return stamp(path)
  }

  /// Whether the database header says WAL (file format versions 2 at offsets 18 and 19).
  static func isWALMode(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return false }
    return header[18] == 2 && header[19] == 2
  }

  /// Size and modification time of `path`.
  static func stamp(_ path: String) -> WALSnapshot? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.uint64Value,
      let modified = attributes[.modificationDate] as? Date
    else { return nil }
    return WALSnapshot(size: size, modified: modified)
  }

  /// The SQLite URI that opens `path` as immutable.
  static func immutableURI(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
    return "file:\(escaped)?immutable=1"
  }

  /// Throws when the app opened or changed the database since the stamp was taken.
  func verifyUnchanged(_ path: String) throws {
    let files = FileManager.default
    guard !files.fileExists(atPath: path + "-wal"), !files.fileExists(atPath: path + "-shm"),
      Self.stamp(path) == self
    else {
      throw EventStoreError(
        .locked, path: path,
        message: "the app opened \(path) while TuneDash read it from a read-only folder",
        hint: "run again; the next read will go through the app's shared memory")
    }
  }
}
