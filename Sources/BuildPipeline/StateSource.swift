import Engine
import Foundation

/// Where a build reads the state the last build saved: a file, read a megabyte at a time (and
/// from several places at once, ``StateSections``) so a large state is never held in memory
/// twice, or bytes already in memory (tests).
///
/// ```swift
/// let previous = StateSource(file: URL(fileURLWithPath: ".public.state"))  // nil: no state yet
/// let result = try ReportPipeline.build(from: source, options: options, previousState: previous, …)
/// ```
public final class StateSource: ByteSource {
  /// Where the bytes are.
  private enum Backing: Sendable {
    /// In memory.
    case bytes([UInt8])
    /// An open file descriptor, closed with the source.
    case file(Int32)
  }

  /// The state's size in bytes.
  package let size: Int
  private let backing: Backing

  /// A state in memory.
  public init(bytes: [UInt8]) {
    size = bytes.count
    backing = .bytes(bytes)
  }

  /// The state saved in `file`, or `nil` when there is none or it cannot be opened.
  public init?(file: URL) {
    // Without waiting: a named pipe (or a device) would block the open; it is no state.
    let descriptor = open(file.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      _ = Glibc.close(descriptor)
      return nil
    }
    // A shared lock while it is read, so that no build writes its state over this file (see the
    // build command's state file), never waited for: a file a build is writing over (it was the
    // state before the last when it was opened) is no state to read; a file system without locks
    // is read without one (the sections' checksums still tell a torn read).
    guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 || errno != EWOULDBLOCK else {
      _ = Glibc.close(descriptor)
      return nil
    }
    size = Int(status.st_size)
    backing = .file(descriptor)
  }

  deinit {
    if case .file(let descriptor) = backing { _ = Glibc.close(descriptor) }
  }

  /// Copies the bytes from `offset` on into `destination` and returns how many; 0 at the end.
  /// - Throws: ``StateError/damaged`` when the file cannot be read.
  package func pull(_ destination: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
    guard offset >= 0, offset <= size else { throw StateError.damaged }
    let count = min(destination.count, size - offset)
    switch backing {
    case .bytes(let bytes):
      bytes.withUnsafeBytes { source in
        destination.copyMemory(
          from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
      }
      return count
    case .file(let descriptor):
      while true {
        let read = pread(descriptor, destination.baseAddress, count, off_t(offset))
        if read >= 0 { return read }
        guard errno == EINTR else { throw StateError.damaged }
      }
    }
  }
}
