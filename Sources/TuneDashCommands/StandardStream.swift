import Foundation

/// Standard output or standard error, written straight to the descriptor (no buffering
/// surprises), and never fatal: a terminal closed under a run (its next write fails with `EIO`
/// after the hang-up) or a reader that went away (`EPIPE`) loses the text, not the run — which
/// goes on to stop as its signal asked, its work logged, and exits with the status that says so.
/// (`FileHandle.write(_:)` stops the process on such an error.)
struct StandardStream: Sendable {
  let descriptor: Int32

  static let standardError = StandardStream(descriptor: STDERR_FILENO)
  static let standardOutput = StandardStream(descriptor: STDOUT_FILENO)

  /// Writes `text`, all of it unless the stream fails.
  func write(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
        if written > 0 {
          offset += written
        } else if written < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
  }
}
