import EventStore

/// How long the server may send nothing while TuneDash waits for its answer: a statement's
/// result, or the next rows of a `COPY`. TCP keepalives end a connection whose server host or
/// network died; this ends one whose server stays connected but stops answering (a backend
/// stuck on its storage, or stopped), which would otherwise hold a scheduled build — and the
/// output folder's lock — until the scheduler's own deadline.
///
/// `TUNEDASH_PG_SILENCE` sets it in seconds (`0`: wait for ever); ten minutes by default, far
/// longer than any query of a build keeps quiet (the first rows of every read come from an
/// index within milliseconds; a lock is ``PostgresEventSource/lockWait``'s, not this).
struct SilenceLimit: Equatable {
  /// The environment variable that sets it.
  static let variable = "TUNEDASH_PG_SILENCE"
  /// Seconds without a byte from the server before a read gives up, when nothing else says.
  static let defaultSeconds = 600.0

  /// The limit in seconds; `nil`: none.
  let seconds: Double?

  /// The limit `environment` sets, or the default.
  /// - Throws: ``EventStoreError`` when the variable is not a number of seconds.
  init(environment: [String: String]) throws {
    guard let text = environment[Self.variable], !text.isEmpty else {
      seconds = Self.defaultSeconds
      return
    }
    guard let value = Double(text), value.isFinite, value >= 0 else {
      throw EventStoreError(
        .notADatabase, path: Self.variable,
        message: "\(Self.variable) must be a number of seconds, not \(text)",
        hint: "set it to how long the server may send nothing before a read gives up (0: no limit)")
    }
    seconds = value > 0 ? value : nil
  }

  /// The limit as `poll`'s timeout: milliseconds, at least one, or −1 for none.
  var pollTimeout: Int32 {
    guard let seconds else { return -1 }
    return Int32(min(max(seconds * 1000, 1), Double(Int32.max)).rounded(.up))
  }

  /// The limit as messages give it: `600 s`, `0.5 s`.
  var text: String {
    guard let seconds else { return "ever" }
    return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
  }
}
