/// How urgently work runs: beside the scan that a build waits for, work that may take only the
/// processor time the scan leaves runs at ``low``.
public enum Priority: Sendable {
  /// The default scheduling priority.
  case normal
  /// Linux nice 10 for the threads that run it: they get the processor time that normal
  /// threads leave. The result is the same either way; only the timing changes.
  case low

  /// The nice value of low-priority threads (0 is the default, 19 the lowest priority).
  static let lowNice: Int32 = 10
}
