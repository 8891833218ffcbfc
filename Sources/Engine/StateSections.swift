/// Where the parts of a saved state lie, so that they can be decoded side by side: the writer
/// marks where each part starts (``BinaryWriter/mark()``) and ends the state with the table of
/// those offsets (``BinaryWriter/writeSectionTable()``), which this reads first.
///
/// Section 0 runs from the start to the first mark, section `i` from mark `i − 1` to mark `i`,
/// and the last from the last mark to the table. A saved state has one section before the
/// accumulators, one per accumulator of the chain (``AccumulatorGroup/members``), one after them.
/// The table also holds each section's checksum (``SectionChecksum``): a section whose bytes,
/// read to its end, do not match it is damage — a state torn by a power cut, or written over
/// while it was read.
package struct StateSections: Sendable {
  private let source: any ByteSource
  /// The first byte of each section, then the end of the last one.
  private let bounds: [Int]
  /// The checksum of each section.
  private let checksums: [UInt64]

  /// The sections of `source`, from the table at its end.
  /// - Throws: ``StateError/damaged`` when there is no table that fits.
  package init(_ source: any ByteSource) throws {
    let size = source.size
    guard size >= 16 else { throw StateError.damaged }
    var tail = BinaryReader(source, range: size - 8..<size)
    let count = try tail.read(Int64.self)
    // The marks, then one checksum more than marks, then the count.
    guard count >= 0, count <= Int64((size - 16) / 16) else { throw StateError.damaged }
    let table = size - 16 - 16 * Int(count)
    var marks = BinaryReader(source, range: table..<size - 8)
    let starts = try marks.readRaw(Int64.self, count: Int(count)).map(Int.init)
    let checksums = try marks.readRaw(UInt64.self, count: Int(count) + 1)
    let bounds = [0] + starts + [table]
    guard zip(bounds, bounds.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      throw StateError.damaged
    }
    (self.source, self.bounds, self.checksums) = (source, bounds, checksums)
  }

  /// The number of sections.
  package var count: Int { bounds.count - 1 }

  /// The number of bytes of section `index`.
  package func size(_ index: Int) -> Int { bounds[index + 1] - bounds[index] }

  /// A reader of section `index` alone, which checks the section's checksum once it has read
  /// the section's last byte.
  package func reader(_ index: Int) -> BinaryReader {
    BinaryReader(source, range: bounds[index]..<bounds[index + 1], checksum: checksums[index])
  }
}
