import BuildPipeline
import CSystemShims
import Engine
import Formatting
import Foundation
import SiteBuilder

/// The file that carries a build's state to the next one (`--state`): by default `.NAME.state`
/// beside the output folder — never inside it, because it holds user ids and search terms and
/// must not be published. Written atomically with mode 0600.
///
/// A site build also keeps the latest state of each of the last two local days it counted up
/// to, as `FILE.day-YYYY-MM-DD` (a hard link: the current day's is the state itself, so at most
/// one more file of its size): a weekly digest run after its week ended goes on from the state of
/// the week's last day (``forWeek(_:lastDay:)``) instead of reading every row for the owners.
///
/// The state a build replaces is kept as ``spare`` (`FILE.spare`, hidden) when nothing else
/// names it, and the next build writes its state over it: writing over a file whose pages the
/// system still caches costs a fraction of writing a new one (at W10M, the 148 MB state took
/// 0.12–0.46 s of processor time as a new file and 0.03 s over an old one, on the benchmark
/// machine).
struct StateFile {
  let url: URL
  /// The option that names the file, for the hint of a write that failed.
  var option = "--state"

  /// Where the state the last build replaced is kept for the next build to write over.
  var spare: URL { Self.spare(of: url) }

  /// The spare of the state file at `url`: `NAME.spare` beside it, hidden (`.public.state.spare`
  /// for the default `.public.state`, `.site.state.spare` for `site.state`).
  static func spare(of url: URL) -> URL {
    let name = url.lastPathComponent
    return url.deletingLastPathComponent().appendingPathComponent(
      (name.hasPrefix(".") ? name : "." + name) + ".spare")
  }

  /// A state file at `url`, named by `option` (a partition build's `--state-out`).
  init(url: URL, option: String) {
    self.url = url
    self.option = option
  }

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

  /// The latest state a site build kept for a local day up to `lastDay` (see above) — that
  /// day's, or an earlier one's when the build counted nothing on it — when there is one;
  /// otherwise the file at `path` itself.
  static func forWeek(_ path: String, lastDay: CivilDate) -> String {
    let kept = KeptDays(of: URL(fileURLWithPath: path))
    let latest = kept.names.filter { $0.hasPrefix(kept.prefix) && $0 <= kept.name(lastDay.iso) }
      .max()
    return latest.map { kept.folder.appendingPathComponent($0).path } ?? path
  }

  /// Writes `state` to a temporary file beside this one (mode 0600), to be put in place with
  /// ``StagedState/commit()`` — a build writes it while its pages render, and replaces the old
  /// state only once the new site is in place. With `day` (the local day of its as-of time,
  /// ISO), the state is also kept as that day's. The temporary file is the ``spare`` when
  /// there is one to reuse (written over, then cut to the new state's length), else a new file.
  func stage(_ state: ReportPipeline.SavedState, day: String? = nil) throws -> StagedState {
    removeLeftovers()
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())")
    let failure = CommandError(
      message: "cannot write the state file \(url.path)",
      hint: "check that its folder is writable and has space, or pass \(option) PATH",
      status: .cannotWrite)
    var descriptor = Self.reuse(spare, as: temporary) ?? Self.create(temporary)
    guard descriptor >= 0 else { throw failure }
    do {
      try state.write { [descriptor] in try Self.write($0, to: descriptor) }
      // A reused file may be longer than this state.
      let length = lseek(descriptor, 0, SEEK_CUR)
      guard length >= 0, ftruncate(descriptor, length) == 0 else { throw failure }
      // Closed once only, whatever `close` says: the number may belong to another file next.
      let closing = descriptor
      descriptor = -1
      guard close(closing) == 0 else { throw failure }
    } catch {
      if descriptor >= 0 { close(descriptor) }
      unlink(temporary.path)
      throw failure
    }
    return StagedState(temporary: temporary, destination: url, day: day)
  }

  /// A new file at `temporary` (mode 0600, whatever the umask), open for writing; −1 when it
  /// cannot be made.
  private static func create(_ temporary: URL) -> Int32 {
    unlink(temporary.path)
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0, fchmod(descriptor, 0o600) == 0 else {
      if descriptor >= 0 {
        close(descriptor)
        unlink(temporary.path)
      }
      return -1
    }
    return descriptor
  }

  /// The spare, open for writing over and moved to `temporary` (so that no other run takes it
  /// too), when it is a state file this run may reuse: a regular file of this user's, mode 0600,
  /// with no other name (so no day's kept state), that begins as a state does and that no reader
  /// holds (``StateSource`` takes a shared lock; this takes an exclusive one or leaves the file,
  /// where the file system has locks).
  /// All of that is checked on the open file before it is moved, and the file moved must be the
  /// one checked; anything else at the spare's place is left there, and the build writes a new
  /// file.
  private static func reuse(_ spare: URL, as temporary: URL) -> Int32? {
    let descriptor = open(spare.path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var (status, moved) = (stat(), stat())
    var start = [UInt8](repeating: 0, count: ReportPipeline.SavedState.signature.count)
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_mode & 0o7777 == 0o600, status.st_nlink == 1, status.st_uid == geteuid(),
      pread(descriptor, &start, start.count, 0) == start.count,
      start == ReportPipeline.SavedState.signature,
      // Held by a reader: left alone. A file system without locks: used all the same.
      flock(descriptor, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK,
      rename(spare.path, temporary.path) == 0
    else {
      close(descriptor)
      return nil
    }
    guard lstat(temporary.path, &moved) == 0, moved.st_dev == status.st_dev,
      moved.st_ino == status.st_ino
    else {
      // Another file took the spare's place meanwhile: put it back, over nothing.
      if Glibc.link(temporary.path, spare.path) == 0 { unlink(temporary.path) }
      close(descriptor)
      return nil
    }
    return descriptor
  }

  /// Removes the temporary files (`.NAME.tmp-PID`) that runs which no longer exist left beside
  /// the state: a run killed while it wrote its state, or between putting it in place and
  /// unlinking the old one, leaves one of the state's size.
  private func removeLeftovers() {
    let folder = url.deletingLastPathComponent()
    let prefix = ".\(url.lastPathComponent).tmp-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(),
        kill(pid, 0) != 0 && errno == ESRCH
      else { continue }
      unlink(folder.appendingPathComponent(name).path)
    }
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
  /// The local day (ISO) to keep the state as, or `nil`.
  var day: String? = nil

  /// Puts the file in the old state's place, and keeps it as its day's; the old state becomes
  /// the spare (``StateFile/spare``) when nothing else names it, and is removed otherwise.
  func commit() throws {
    let replacement = Self.replace(destination.path, with: temporary.path)
    guard replacement != .failed else {
      discard()
      throw CommandError(
        message: "cannot replace the state file \(destination.path)",
        hint: "check that its folder is writable",
        status: .cannotWrite)
    }
    if let day { keep(as: day) }
    if replacement == .exchanged { retire(temporary.path) }
  }

  /// Keeps the old state, now at `path`, as the spare when it is a regular file with no other
  /// name (a day's kept state has one) and the spare's place is free (a second name made, then
  /// the first removed: nothing already there is replaced); removes it otherwise. A run that
  /// fails to do either leaves it for the next run to remove as a leftover.
  private func retire(_ path: String) {
    var status = stat()
    if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1 {
      _ = Glibc.link(path, StateFile.spare(of: destination).path)
    }
    unlink(path)
  }

  /// Links the state now in place as `FILE.day-DAY` (replacing that day's earlier one), and
  /// removes every other day's but the latest before `day`. Only a shortcut for the digest: a
  /// file system without hard links, or any other failure, leaves the days as they were.
  private func keep(as day: String) {
    let kept = KeptDays(of: destination)
    let name = kept.name(day)
    let link = kept.folder.appendingPathComponent(name).path
    let temporary = kept.folder.appendingPathComponent(".\(name).tmp-\(getpid())").path
    unlink(temporary)
    guard Glibc.link(destination.path, temporary) == 0 else { return }
    switch Self.replace(link, with: temporary) {
    case .failed:
      unlink(temporary)
      return
    case .exchanged: unlink(temporary)  // the day's old link
    case .renamed: break
    }
    let names = kept.names
    let others = names.filter { $0.hasPrefix(kept.prefix) && $0 != name }
    let previous = others.filter { $0 < name }.max()
    // Other days but the previous one, and links a killed build left half made.
    for other in names
    where (others.contains(other) && other != previous) || other.hasPrefix("." + kept.prefix) {
      unlink(kept.folder.appendingPathComponent(other).path)
    }
  }

  /// How ``replace(_:with:)`` put a file in place.
  private enum Replacement {
    /// Exchanged with the old file, which is now at the source's path for the caller to deal
    /// with.
    case exchanged
    /// Renamed: there was no old file, or it could not be exchanged (and is gone).
    case renamed
    /// Not in place.
    case failed
  }

  /// Puts the file at `source` in the place of `destination` in one atomic step: where
  /// `destination` is a file (or a symbolic link), the two are exchanged
  /// (`renameat2(RENAME_EXCHANGE)`), leaving the old file at `source`; otherwise, or where the
  /// file system cannot exchange, a `rename` (which refuses to replace a folder). Not a `rename`
  /// over the old file: ext4 then writes the whole new file out before the call returns (its
  /// `auto_da_alloc` safeguard for programs that replace files without `fsync`), 0.1 s of every
  /// rebuild for the 148 MB state of W10M. The state is a cache, checked when it is read: one
  /// that a power cut left empty, short or torn (its sections' checksums) makes the next build
  /// read every row.
  private static func replace(_ destination: String, with source: String) -> Replacement {
    var status = stat()
    let kind = lstat(destination, &status) == 0 ? status.st_mode & S_IFMT : 0
    if kind == S_IFREG || kind == S_IFLNK, tunedash_exchange_paths(source, destination) == 0 {
      return .exchanged
    }
    return rename(source, destination) == 0 ? .renamed : .failed
  }

  /// Removes the file (the build failed before it could be put in place).
  func discard() { try? FileManager.default.removeItem(at: temporary) }
}

/// Where a state file's per-day states lie: `FILE.day-YYYY-MM-DD` beside it.
private struct KeptDays {
  let folder: URL
  /// `FILE.day-`.
  let prefix: String

  init(of file: URL) {
    folder = file.deletingLastPathComponent()
    prefix = file.lastPathComponent + ".day-"
  }

  /// The name of the state kept for `day` (ISO).
  func name(_ day: String) -> String { prefix + day }

  /// Every name in the folder (the caller filters).
  var names: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] }
}
