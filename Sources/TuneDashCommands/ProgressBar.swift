import Foundation

/// A one-line progress bar on standard error, for people watching a long build in a terminal.
///
/// It stays silent when standard error is not a terminal (cron, systemd, CI logs), during the
/// first second (short runs never flicker), and with `--quiet`; it redraws at most ten times a
/// second and erases itself when done.
final class ProgressBar {
  private let enabled: Bool
  private let started = ContinuousClock.now
  private var lastDraw = ContinuousClock.now
  private var drawn = false

  init(quiet: Bool) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
  }

  /// Shows `fraction` (0 … 1) of `step` done.
  func update(_ step: String, _ fraction: Double) {
    guard enabled else { return }
    let now = ContinuousClock.now
    guard now - started > .seconds(1), now - lastDraw > .milliseconds(100) else { return }
    lastDraw = now
    let width = 30
    let filled = Int((max(0, min(1, fraction)) * Double(width)).rounded())
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    StandardStream.standardError.write("\r\(step) \(bar) \(Int(fraction * 100))%\u{1B}[K")
    drawn = true
  }

  /// Erases the bar.
  func finish() {
    guard drawn else { return }
    StandardStream.standardError.write("\r\u{1B}[K")
    drawn = false
  }
}
