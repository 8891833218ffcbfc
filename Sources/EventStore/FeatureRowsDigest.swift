/// A digest of the `tracks` table's audio-feature rows (each track id with its feature cells as
/// numbers, ``RowSetDigest``-style, so in any order) and of the feature columns' names: equal
/// digests, the same features, so the same sound clusters. Computed the same way by the read
/// that loads the features and by the catalog's digest read
/// (``CatalogReader/catalogRowsDigest(withFeatures:)``), which lets a build keep the last build's
/// clusters without reading the features at all.
public struct FeatureRowsDigest: Sendable {
  private var rows = RowSetDigest()
  private let columns: UInt64

  /// An empty digest for the feature `columns`, in order.
  public init(columns: [String]) {
    var names = StableDigest()
    for column in columns {
      names.add(column.utf8)
      names.add(separator: 0)
    }
    self.columns = names.value
  }

  /// Starts the row of the track `id`; its feature cells follow (``add(value:)``), in the
  /// columns' order, then ``endRow()``.
  public mutating func startRow(track id: UnsafeRawBufferPointer?) { rows.add(cell: id) }

  /// Adds a feature cell of the current row: `nil` when it is not a number.
  public mutating func add(value: Double?) {
    if var bits = value?.bitPattern {
      withUnsafeBytes(of: &bits) { rows.add(cell: $0) }
    } else {
      rows.add(cell: nil)
    }
  }

  /// Ends the current row.
  public mutating func endRow() { rows.endRow(table: 3) }

  /// The digest of the columns and every row added.
  public var value: UInt64 { StableDigest.mix(columns &+ StableDigest.mix(rows.value)) }
}
