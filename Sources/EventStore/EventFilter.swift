/// Which rows of an event table a scan reads.
public enum EventFilter: Sendable, Equatable {
  /// Rows whose id lies in the span.
  case ids(IDSpan)
  /// Rows with an id up to `idsThrough` whose time (after repairing milliseconds) lies in
  /// `(after, through]`: the rows a moving range edge passed over. Sources should read them
  /// through an index on `occurred_at`.
  case times(after: Int64, through: Int64, idsThrough: Int64)
}
