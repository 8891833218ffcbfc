/// How many rows the next page of records (``PostgresReader/RowSource/pages(first:page:)``)
/// asks for: as many as fit in about ``targetBytes``, at the previous page's bytes per row.
///
/// Measured on W10M with PostgreSQL 15 (`scripts/bench-postgres`), when pages were arrays of
/// records: pages of 512 rows took the build 30 s, 2,048 rows (190 KB) 22 s, 4,096 rows
/// (380 KB) 41 s — the server builds and sends an array of a few hundred kilobytes several times
/// slower per row than a smaller one. So the size follows bytes, not rows: wide rows (long
/// queries, long ids) get shorter pages. Column arrays keep the same target.
struct PageSize {
  /// The bytes a page aims at, as received.
  static let targetBytes = 192 * 1024
  /// The fewest and the most rows a page asks for.
  static let rowRange = 128...4096

  /// The rows the next page asks for.
  private(set) var rows = 1024

  /// Sizes the next page from the last one: `count` rows in `bytes` bytes.
  mutating func adapt(count: Int, bytes: Int) {
    guard count > 0, bytes > 0 else { return }
    rows = min(
      max(Self.targetBytes * count / bytes, Self.rowRange.lowerBound), Self.rowRange.upperBound)
  }
}
