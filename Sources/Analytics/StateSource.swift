import Foundation

/// Where a build reads the state the last build saved: a file, read a megabyte at a time so a
/// large state is never held in memory twice, or bytes already in memory (tests).
///
/// ```swift
/// let previous = StateSource(file: URL(fileURLWithPath: ".public.state"))  // nil: no state yet
/// let result = try ReportPipeline.build(from: source, options: options, previousState: previous, …)
/// ```
public final class StateSource: @unchecked Sendable {
  /// The state's size in bytes.
  let size: Int
  /// Copies the next bytes into the buffer and returns how many; 0 at the end.
  let pull: (UnsafeMutableRawBufferPointer) throws -> Int
  private let close: () -> Void

  /// A state in memory.
  public init(bytes: [UInt8]) {
    size = bytes.count
    var position = 0
    pull = { destination in
      let count = min(destination.count, bytes.count - position)
      bytes.withUnsafeBytes { source in
        destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
      }
      position += count
      return count
    }
    close = {}
  }

  /// The state saved in `file`, or `nil` when there is none or it cannot be opened.
  public init?(file: URL) {
    let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      _ = Glibc.close(descriptor)
      return nil
    }
    size = Int(status.st_size)
    pull = { destination in
      while true {
        let count = read(descriptor, destination.baseAddress, destination.count)
        if count >= 0 { return count }
        guard errno == EINTR else { throw StateError.damaged }
      }
    }
    close = { _ = Glibc.close(descriptor) }
  }

  deinit { close() }
}
