/// How many times a request is sent and how long to wait between attempts.
///
/// Transient failures (HTTP 5xx, 429, 408, timeouts, refused or lost connections) are retried
/// with exponential backoff and "equal jitter": before retry *n* the client waits between half
/// and all of `min(maxDelay, baseDelay × 2ⁿ⁻¹)`, chosen at random so that many clients failing
/// together do not retry together. A `Retry-After` header can lengthen the wait, up to
/// `maxDelay`.
public struct RetryPolicy: Sendable, Equatable {
  /// The default policy: 4 attempts, 250 ms base delay, waits capped at 8 s.
  public static let standard = RetryPolicy()

  /// The total number of attempts, the first one included; at least 1.
  public var maxAttempts: Int
  /// The wait before the first retry, before jitter.
  public var baseDelay: Duration
  /// The longest single wait.
  public var maxDelay: Duration

  /// Creates a policy; `maxAttempts` below 1 is raised to 1 and negative delays to zero.
  public init(
    maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(250),
    maxDelay: Duration = .seconds(8)
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = max(.zero, baseDelay)
    self.maxDelay = max(.zero, maxDelay)
  }

  /// The wait before retry number `retry` (1 for the first retry), with random jitter.
  ///
  /// - Parameters:
  ///   - retry: Which retry this is, starting at 1.
  ///   - retryAfter: A server-requested wait, honoured up to `maxDelay`.
  public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
    delay(beforeRetry: retry, retryAfter: retryAfter, jitter: Double.random(in: 0...1))
  }

  /// The wait before retry number `retry` for a given jitter.
  ///
  /// - Parameters:
  ///   - retry: Which retry this is, starting at 1.
  ///   - retryAfter: A server-requested wait, honoured up to `maxDelay`.
  ///   - jitter: Where in the jitter range to land, from 0 (half the step) to 1 (the whole
  ///     step); values outside are clamped.
  public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil, jitter: Double)
    -> Duration
  {
    let cap = Self.seconds(maxDelay)
    let step = min(cap, Self.seconds(baseDelay) * Self.powerOfTwo(retry - 1))
    let jittered = step / 2 * (1 + min(1, max(0, jitter)))
    let requested = retryAfter.map { min(cap, Self.seconds($0)) } ?? 0
    return .seconds(max(jittered, requested))
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }

  /// 2ⁿ for n clamped to 0...30, so a huge retry number cannot overflow.
  private static func powerOfTwo(_ exponent: Int) -> Double {
    Double(1 << max(0, min(exponent, 30)))
  }
}
