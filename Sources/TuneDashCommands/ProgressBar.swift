import Foundation
import Synchronization

/// A one-line progress bar on standard error, for people watching a long build in a terminal.
///
/// It stays silent when standard error is not a terminal (cron, systemd, CI logs), during the
/// first second (short runs never flicker), and with `--quiet`; it redraws at most ten times a
/// second and erases itself when done. Safe to update from several threads (the digest's jobs).
final class ProgressBar: Sendable {
  private let enabled: Bool
  private let started = ContinuousClock.now
  private let drawing = Mutex<(last: ContinuousClock.Instant, drawn: Bool)>(
    (ContinuousClock.now, false))

  init(quiet: Bool) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
  }

  /// Shows `fraction` (0 … 1) of `step` done.
  func update(_ step: String, _ fraction: Double) {
    guard enabled else { return }
    drawing.withLock { drawing in
      let now = ContinuousClock.now
      guard now - started > .seconds(1), now - drawing.last > .milliseconds(100) else { return }
      drawing.last = now
      let width = 30
      let filled = Int((max(0, min(1, fraction)) * Double(width)).rounded())
      let bar =
        String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      StandardStream.standardError.write("\r\(step) \(bar) \(Int(fraction * 100))%\u{1B}[K")
      drawing.drawn = true
    }
  }

  /// Erases the bar.
  func finish() {
    drawing.withLock { drawing in
      guard drawing.drawn else { return }
      StandardStream.standardError.write("\r\u{1B}[K")
      drawing.drawn = false
    }
  }
}
