import EventStore

extension BinaryWriter {
  /// Writes `catalog` whole, for ``BinaryReader/readCatalog()``: a build's state carries the
  /// catalog it counted against, so that the next build can restore the state while it loads
  /// the database's catalog, and compare the two afterwards.
  package mutating func write(_ catalog: Catalog) {
    let parts = catalog.parts
    write(parts.trackBytes)
    write(parts.trackStarts)
    write(texts: parts.genreNames)
    write(parts.genreStarts)
    write(parts.genreList)
    write(texts: parts.artistNames)
    write(parts.artistOfTrack)
    write(UInt8(parts.rowsDigest == nil ? 0 : 1))
    write(parts.rowsDigest ?? 0)
  }

  /// Writes strings as their lengths in bytes, then all their bytes.
  package mutating func write(texts: [String]) {
    write(texts.map { Int64($0.utf8.count) })
    write(Array(texts.joined().utf8))
  }
}

extension BinaryReader {
  /// Reads a catalog written by ``BinaryWriter/write(_:)-(Catalog)``, its fingerprint computed
  /// again from what was read.
  /// - Throws: ``StateError/damaged`` when the parts are short or do not fit together.
  package mutating func readCatalog() throws -> Catalog {
    var parts = Catalog.Parts(
      trackBytes: try readArray(UInt8.self), trackStarts: try readArray(Int.self),
      genreNames: try readTexts(), genreStarts: try readArray(Int32.self),
      genreList: try readArray(Int32.self), artistNames: try readTexts(),
      artistOfTrack: try readArray(Int32.self), rowsDigest: nil)
    let hasRowsDigest = try read(UInt8.self)
    let rowsDigest = try read(UInt64.self)
    if hasRowsDigest == 1 { parts.rowsDigest = rowsDigest }
    guard hasRowsDigest <= 1, let catalog = Catalog(parts: parts) else { throw StateError.damaged }
    return catalog
  }

  /// Reads strings written by ``BinaryWriter/write(texts:)``.
  package mutating func readTexts() throws -> [String] {
    let lengths = try readArray(Int64.self)
    let bytes = try readArray(UInt8.self)
    guard lengths.allSatisfy({ $0 >= 0 && $0 <= bytes.count }),
      lengths.reduce(0, +) == Int64(bytes.count)
    else {
      throw StateError.damaged
    }
    var start = 0
    return lengths.map { length in
      defer { start += Int(length) }
      return String(decoding: bytes[start..<start + Int(length)], as: UTF8.self)
    }
  }
}
