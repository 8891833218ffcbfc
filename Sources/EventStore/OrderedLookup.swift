/// Finds the indexes of keys that mostly come in the order an interner holds them — a table's
/// rows read in the catalog's byte order of track ids: each key is compared with the entry after
/// the last one found, then with that one again, and looked up by hash only when neither is it.
/// Any order gives the right indexes; the catalog's own order costs a comparison of a few bytes
/// per key instead of a probe at a random place in a large table.
public struct OrderedLookup {
  private let interner: ByteInterner
  /// The entry after the last one found.
  private var next: Int32 = 0

  /// Lookups in `interner`, starting at its first entry.
  public init(_ interner: ByteInterner) { self.interner = interner }

  /// The index of `key`, or `nil` when the interner does not hold it.
  public mutating func index(of key: UnsafeRawBufferPointer) -> Int32? {
    if Int(next) < interner.count, interner.bytes(at: next).elementsEqual(key) {
      next += 1
      return next - 1
    }
    if next > 0, interner.bytes(at: next - 1).elementsEqual(key) { return next - 1 }
    guard let found = interner.index(of: key) else { return nil }
    next = found + 1
    return found
  }
}
