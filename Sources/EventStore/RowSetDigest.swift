/// A digest of a set of rows that does not depend on the order they are read in: each row's
/// cells (each its length, or −1 for NULL, then its bytes) and a tag naming its table go through
/// a ``StableDigest``, whose value is mixed (``StableDigest/mix(_:)``) and added to the total,
/// wrapping. The same rows, repeats included, give the same digest in any order; any other rows
/// almost surely do not. For noticing change, not for security.
///
/// ```swift
/// var digest = RowSetDigest()
/// digest.add(cell: idBytes)
/// digest.add(cell: artistBytes)
/// digest.endRow(table: 1)
/// ```
public struct RowSetDigest: Sendable {
  /// The digest of the rows ended so far.
  public private(set) var value: UInt64 = 0
  private var row = StableDigest()

  /// An empty set of rows.
  public init() {}

  /// Adds a cell of the current row; `nil` for NULL.
  @inline(__always)
  public mutating func add(cell bytes: UnsafeRawBufferPointer?) {
    row.add(integer: Int64(bytes?.count ?? -1))
    if let bytes { row.add(bytes) }
  }

  /// Ends the current row, read from the table that `table` names.
  public mutating func endRow(table: UInt8) {
    row.add(separator: table)
    value &+= StableDigest.mix(row.value)
    row = StableDigest()
  }
}
