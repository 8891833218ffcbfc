/// A database a build can read events from: the seam between TuneDash and a kind of database.
///
/// Everything above this protocol — validation, the engine, the report pipeline, the site — works
/// with any source. A source opens one consistent, read-only snapshot per ``read(_:)`` call and
/// hands its ``Reader`` to the body; a second kind of database is one new conforming type.
///
/// ```swift
/// func latest<Source: EventSource>(_ source: Source) throws -> Int64? {
///   try source.read { reader in try reader.latestTime(in: reader.cut()) }
/// }
/// ```
public protocol EventSource: Sendable {
  /// What reads the snapshot.
  associatedtype Reader: EventSourceReader

  /// Where the events come from, for messages (a path, or a URL without its password).
  var location: String { get }

  /// Runs `body` inside one read-only snapshot (a read transaction): every call on the reader
  /// sees the same rows, however much the app writes meanwhile.
  func read<T>(_ body: (Reader) throws -> T) throws -> T
}

/// Reads one consistent snapshot of a source. Valid only inside ``EventSource/read(_:)``.
///
/// Event rows come out as ``RawBatch``es — values as stored, before any validation — so that one
/// validator (``ActivityValidator``, ``FeedbackValidator``) judges the rows of every source the
/// same way. `readBatches` is called on one thread and may block: a source whose client is
/// asynchronous (a PostgreSQL client streaming rows) fills batches in its own task and hands
/// them over through a ``BoundedQueue``, whose limit is the back-pressure.
public protocol EventSourceReader {
  /// The highest ids now in both event tables: the cut every read of a build stays within.
  func cut() throws -> EventCut

  /// The latest valid event time in the cut (milliseconds repaired, times outside 2000–2099
  /// ignored), or `nil` if there is none: the default as-of time.
  func latestTime(in cut: EventCut) throws -> Int64?

  /// Every track id, in byte order (``SQLDialect/byteOrder(_:)``), and its genres. Genre rows
  /// naming an unknown track are ignored.
  func loadCatalog() throws -> Catalog

  /// The rows of `table` selected by `filter`, in id order, in batches of at most
  /// ``RawBatch/standardSize`` rows: column 0 the row's id, then the columns
  /// ``ActivityValidator/columns`` or ``FeedbackValidator/columns`` name, each cell with its
  /// kind of value as stored (text columns marked as text).
  func readBatches(_ table: EventTable, _ filter: EventFilter, _ body: (RawBatch) throws -> Void)
    throws

  /// Every row of `users`: its id's bytes and its display name, in byte order of the id
  /// (``SQLDialect/byteOrder(_:)``): the same order from every source.
  func registeredUsers(_ body: (UnsafeRawBufferPointer, String?) -> Void) throws

  /// Title, artist and album of the given track ids (those found in `tracks`).
  func trackDetails(_ ids: [String]) throws -> [String: TrackDetails]

  /// Display names of the given user ids (those found in `users` with a non-empty name).
  func displayNames(_ ids: [String]) throws -> [String: String]

  /// Every track's audio features: the five of ``SchemaV1/audioFeatures``, then the
  /// ``SchemaV1/optionalFeatures`` the table has.
  /// - Throws: ``EventStoreError`` naming the missing column when one of the five is missing.
  func trackFeatures() throws -> TrackFeatureRows

  /// Only the numbers of every track's audio features, each track named by its index in
  /// `catalog`: what a build clusters. The same tracks, order and values as
  /// ``trackFeatures()`` gives the recommender, so both find the same clusters.
  /// - Throws: ``EventStoreError`` naming the missing column when one of the five is missing.
  func trackFeatureValues(catalog: Catalog) throws -> TrackFeatureValues

  /// The `users` row of each given id that has one: display name, email and opt-out, for the
  /// weekly digest. The optional column `email_opt_out` counts as 0 when the table lacks it.
  /// - Throws: ``EventStoreError`` when `users` has no `email` column.
  func contacts(_ ids: [String]) throws -> [String: ListenerContact]

  /// The tracks a listener played (activity of kind `play`, in any case or spacing) or rated
  /// (any feedback row): what a recommendation for them leaves out.
  func tracksTouched(by userID: String) throws -> Set<String>

  /// The number of rows in `table`, one of ``SchemaV1/requiredColumns``: for `check`.
  func rowCount(of table: String) throws -> Int

  /// `track_genres` rows naming a track missing from `tracks`: for `check`.
  func orphanGenreRows() throws -> Int

  /// Whether `table` (`activity` or `feedback`) has an index starting with `occurred_at`, or is
  /// a view (whose tables' indexes cannot be seen): for `check`.
  func hasTimeIndex(on table: String) throws -> Bool
}

extension EventSourceReader {
  /// Digests of the rows with the given ids, as ``readBatches(_:_:_:)`` reads them; an id
  /// without a row has no entry. An incremental build compares them with those of the build
  /// before, to notice rows that were rewritten or deleted.
  public func rowDigests(_ table: EventTable, ids: [Int64]) throws -> [Int64: UInt64] {
    var digests: [Int64: UInt64] = [:]
    for id in Set(ids) {
      try readBatches(table, .ids(IDSpan(after: id - 1, through: id))) { batch in
        batch.withRows { rows in
          for row in 0..<rows.count { digests[rows.int64(row, 0)] = rows.digest(row) }
        }
      }
    }
    return digests
  }

  /// Streams the valid `activity` rows selected by `filter`, in id order.
  ///
  /// Rows later than `asOf` are left out (and counted as ``RowIssue/futureTime`` when more than a
  /// day later). User ids are interned into `users`; every issue met is counted into `issues`.
  public func scanActivity(
    _ filter: EventFilter, catalog: Catalog, asOf: Int64, users: inout ByteInterner,
    issues: inout RowIssueCounts, _ body: (ActivityRow) throws -> Void
  ) throws {
    var validator = ActivityValidator(catalog: catalog, asOf: asOf, users: users, issues: issues)
    try readBatches(.activity, filter) { try validator.validate($0, body) }
    users = validator.users
    issues = validator.issues
  }

  /// Streams the valid `feedback` rows selected by `filter`, in id order.
  ///
  /// Like ``scanActivity(_:catalog:asOf:users:issues:_:)``; `source` and `model` are interned
  /// into `labels` (NULL as `""`).
  public func scanFeedback(
    _ filter: EventFilter, catalog: Catalog, asOf: Int64, users: inout ByteInterner,
    labels: inout ByteInterner, issues: inout RowIssueCounts, _ body: (FeedbackRow) throws -> Void
  ) throws {
    var validator = FeedbackValidator(
      catalog: catalog, asOf: asOf, users: users, labels: labels, issues: issues)
    try readBatches(.feedback, filter) { try validator.validate($0, body) }
    users = validator.users
    labels = validator.labels
    issues = validator.issues
  }
}
