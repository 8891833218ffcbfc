/// How long the server may send nothing while TuneDash waits for its answer: a statement's
/// result, or the next rows of a `COPY`. TCP keepalives end a connection whose server host or
/// network died; this ends one whose server stays connected but stops answering (a backend
/// stuck on its storage, or stopped), which would otherwise hold a scheduled build — and the
/// output folder's lock — until the scheduler's own deadline.
///
/// Ten minutes by default, far longer than any query of a build keeps quiet (the first rows of
/// every read come from an index within milliseconds). A lock another session holds is
/// ``PostgresEventSource/lockWait``'s: while a statement waits for one the server is silent
/// too, so the limit is never shorter than that wait and a margin (``covering(lockWait:)``).
public struct SilenceLimit: Equatable, Sendable {
  /// Ten minutes.
  public static let standard = SilenceLimit(seconds: 600)
  /// The longest limit kept (about 24 days, `poll`'s longest timeout); longer ones are this.
  static let longest = Double(Int32.max) / 1000

  /// The limit in seconds; `nil`: none.
  public let seconds: Double?

  /// A limit of `seconds` (`nil`: none), at most ``longest``.
  public init(seconds: Double?) {
    self.seconds = seconds.map { min(max($0, 0.001), Self.longest) }
  }

  /// This limit, or `lockWait` and five seconds when that is longer: a statement that waits for
  /// a lock until `lock_timeout` ends it is not taken for a silent server.
  public func covering(lockWait: Double) -> SilenceLimit {
    guard let seconds else { return self }
    return SilenceLimit(seconds: max(seconds, min(lockWait, Self.longest) + 5))
  }

  /// What is left of the limit after silence since `heard`, as `poll`'s timeout: milliseconds,
  /// at least one while any is left (0 once it is over), or −1 for no limit.
  func remaining(since heard: ContinuousClock.Instant) -> Int32 {
    guard let seconds else { return -1 }
    let left = seconds - heard.duration(to: .now) / .seconds(1)
    return left > 0 ? Milliseconds.clamped(left) : 0
  }

  /// Whether silence since `heard` has lasted the limit.
  func isOver(since heard: ContinuousClock.Instant) -> Bool {
    remaining(since: heard) == 0
  }

  /// The limit as messages give it: `600 s`, `0.5 s`.
  var text: String {
    guard let seconds else { return "ever" }
    return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
  }
}
