import EventStore

/// A source held in memory: the five tables of schema v1 as Swift arrays of rows, read through
/// the same roles as a database. Engine tests build one in a line of code and need no file.
///
/// It answers every role as the SQLite source does for the same rows — order, validation,
/// digests and all — so a report built from it is the report built from a database holding
/// those rows (``sql`` writes them as SQL, and a test checks the two agree). Rows keep their
/// column types (ids and text as strings, times and verdicts as integers); rows of other types,
/// which only a database can hold, are for the SQLite fixtures.
///
/// ```swift
/// let source = MemorySource(
///   tracks: [.init(id: "t1", title: "One", artist: "Alpha")],
///   activity: [.init(id: 1, user: "u1", kind: "play", time: 1_767_225_600, track: "t1")])
/// let report = try ReportPipeline.build(from: source, options: options) { _ in [:] }
/// ```
public struct MemorySource: EventSource, EventSourceReader, Sendable {
  /// `users`.
  public var users: [User]
  /// `tracks`.
  public var tracks: [Track]
  /// `track_genres`.
  public var genres: [Genre]
  /// `activity`, in any order (reads sort it by id).
  public var activity: [Activity]
  /// `feedback`, in any order (reads sort it by id).
  public var feedback: [Feedback]

  /// Creates a source holding the given rows.
  public init(
    users: [User] = [], tracks: [Track] = [], genres: [Genre] = [], activity: [Activity] = [],
    feedback: [Feedback] = []
  ) {
    self.users = users
    self.tracks = tracks
    self.genres = genres
    self.activity = activity
    self.feedback = feedback
  }

  /// What messages call it.
  public var location: String { "memory" }

  /// Runs `body` with the source itself: a value, so every read sees the same rows.
  public func read<T>(_ body: (MemorySource) throws -> T) rethrows -> T { try body(self) }
}
