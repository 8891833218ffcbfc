/// Which rows of an event table a scan reads.
public enum EventFilter: Sendable, Equatable {
  /// Rows whose id lies in the span.
  case ids(IDSpan)
  /// Rows whose id lies in the span, for a scan that keeps only the `play` rows of `activity`:
  /// a source may leave out the activity rows whose `kind` is stored exactly as another kind
  /// the validator knows (``notPlays``), which it would never count as a play. Every row
  /// read is checked as for ``ids(_:)``; in `feedback`, the same rows as ``ids(_:)``.
  case plays(IDSpan)
  /// Rows with an id up to `idsThrough` whose time (after repairing milliseconds) lies in
  /// `(after, through]`: the rows a moving range edge passed over. Sources should read them
  /// through an index on `occurred_at`.
  case times(after: Int64, through: Int64, idsThrough: Int64)

  /// The id span of ``ids(_:)`` and ``plays(_:)``.
  public var span: IDSpan? {
    switch self {
    case .ids(let span), .plays(let span): span
    case .times: nil
    }
  }

  /// The kinds a ``plays(_:)`` scan may leave out, as stored: `search`, `login` and
  /// `playlist`, which the validator would never count as a play.
  public static let notPlays: Set<String> = ["search", "login", "playlist"]

  /// The SQL condition a source adds to its id-range query of `table` for this filter, or
  /// `nil`: for ``plays(_:)`` on `activity`, that `kind` is not stored exactly as one of
  /// ``notPlays`` (and is not NULL). Whatever else is stored — `play`, ` Play `, `share`, a
  /// blob — is read and judged by the validator, which matches kinds exactly first, then
  /// without case and surrounding spaces.
  public func sqlCondition(on table: EventTable) -> String? {
    guard case .plays = self, table == .activity else { return nil }
    return "kind NOT IN (" + Self.notPlays.sorted().map { "'\($0)'" }.joined(separator: ", ") + ")"
  }
}
