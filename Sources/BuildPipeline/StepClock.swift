import Engine
import Formatting

/// Times the steps of a build, for `--verbose`: each lap is the time since the one before.
///
/// ```swift
/// var clock = StepClock()
/// readEverything()
/// clock.lap("read")
/// print(clock.summary)  // "read in 1.25 s"
/// ```
public struct StepClock: Sendable {
  private var last = ContinuousClock.now
  /// The steps so far, in order, with how long each took.
  public private(set) var laps: [(name: String, duration: Duration)] = []

  /// Starts the clock.
  public init() {}

  /// Ends the current step, naming it.
  public mutating func lap(_ name: String) {
    let now = ContinuousClock.now
    laps.append((name, now - last))
    last = now

  }

  /// "read in 1.25 s, rendered in 0.20 s".
  public var summary: String {
    laps.map { "\($0.name) in \(NumberFormat.decimal(Self.seconds($0.duration), places: 2)) s" }
      .joined(separator: ", ")
  }

  /// A duration in seconds.
  public static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
