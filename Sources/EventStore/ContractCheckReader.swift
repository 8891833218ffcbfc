/// The contract-check role of a source: what `tunedash check` asks beyond the rows themselves —
/// table sizes, genre rows without a track, and whether the time indexes exist.
///
/// With ``EventStream`` and ``CatalogReader`` it gives
/// ``ContractCheckReader/checkContract(asOf:)``.
public protocol ContractCheckReader {
  /// The number of rows in `table`, one of ``SchemaV1/requiredColumns``.
  func rowCount(of table: String) throws -> Int

  /// `track_genres` rows naming a track missing from `tracks`.
  func orphanGenreRows() throws -> Int

  /// Whether `table` (`activity` or `feedback`) has an index starting with `occurred_at`, or is
  /// a view (whose tables' indexes cannot be seen).
  func hasTimeIndex(on table: String) throws -> Bool
}
