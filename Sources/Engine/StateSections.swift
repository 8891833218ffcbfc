/// Where the parts of a saved state lie, so that they can be decoded side by side: the writer
/// marks where each part starts (``BinaryWriter/mark()``) and ends the state with the table of
/// those offsets (``BinaryWriter/writeSectionTable()``), which this reads first.
///
/// Section 0 runs from the start to the first mark, section `i` from mark `i − 1` to mark `i`,
/// and the last from the last mark to the table. A saved state has one section before the
/// accumulators, one per accumulator of the chain (``AccumulatorGroup/members``), one after them.
package struct StateSections: Sendable {
  private let source: any ByteSource
  /// The first byte of each section, then the end of the last one.
  private let bounds: [Int]

  /// The sections of `source`, from the table at its end.
  /// - Throws: ``StateError/damaged`` when there is no table that fits.
  package init(_ source: any ByteSource) throws {
    let size = source.size
    guard size >= 8 else { throw StateError.damaged }
    var tail = BinaryReader(source, range: size - 8..<size)
    let count = try tail.read(Int64.self)
    guard count >= 0, count <= Int64((size - 8) / 8) else { throw StateError.damaged }
    let table = size - 8 - 8 * Int(count)
    var marks = BinaryReader(source, range: table..<size - 8)
    let starts = try marks.readRaw(Int64.self, count: Int(count)).map(Int.init)
    let bounds = [0] + starts + [table]
    guard zip(bounds, bounds.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      throw StateError.damaged
    }
    (self.source, self.bounds) = (source, bounds)
  }

  /// The number of sections.
  package var count: Int { bounds.count - 1 }

  /// The number of bytes of section `index`.
  package func size(_ index: Int) -> Int { bounds[index + 1] - bounds[index] }

  /// A reader of section `index` alone.
  package func reader(_ index: Int) -> BinaryReader {
    BinaryReader(source, range: bounds[index]..<bounds[index + 1])
  }
}
