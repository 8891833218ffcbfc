/// The event-stream role of a source: the cut, the default as-of time, and the rows of the two
/// event tables as they are stored. What a build scans, the weekly digest reads and `check`
/// validates.
///
/// Event rows come out as ``RawBatch``es — values as stored, before any validation — so that one
/// validator (``ActivityValidator``, ``FeedbackValidator``) judges the rows of every source the
/// same way. `readBatches` is called on one thread and may block: a source whose client is
/// asynchronous (a PostgreSQL client streaming rows) fills batches in its own task and hands
/// them over through a bounded queue (`Workers.BoundedQueue`), whose limit is the back-pressure.
///
/// ```swift
/// func latest(_ stream: some EventStream & CatalogReader) throws -> Int64? {
///   try stream.latestValidTime(in: stream.cut(), catalog: stream.loadCatalog())
/// }
/// ```
public protocol EventStream {
  /// The highest ids now in both event tables: the cut every read of a build stays within.
  func cut() throws -> EventCut

  /// The latest event time in the cut earlier than `before` (when given), milliseconds
  /// repaired and times outside 2000–2099 ignored, or `nil` if there is none — whatever else is
  /// wrong with the row: the default as-of time is ``latestValidTime(in:catalog:)``, which
  /// starts from this. Follows ``EventTime/latest(in:before:maximum:)``.
  func latestTime(in cut: EventCut, before: Int64?) throws -> Int64?

  /// The rows of `table` selected by `filter`, in id order, in batches of at most
  /// ``RawBatch/standardSize`` rows: column 0 the row's id, then the columns
  /// ``ActivityValidator/columns`` or ``FeedbackValidator/columns`` name, each cell with its
  /// kind of value as stored (text columns marked as text).
  func readBatches(_ table: EventTable, _ filter: EventFilter, _ body: (RawBatch) throws -> Void)
    throws
}
