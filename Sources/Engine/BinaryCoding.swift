import EventStore

/// Writes the engine's state as flat binary: integers and arrays of fixed-width numbers in the
/// machine's byte order, each array preceded by its count. The state file says which machine
/// wrote it (see ``EngineState``); it is not meant to move between machines.
package struct BinaryWriter {
  package private(set) var bytes: [UInt8] = []
  /// The bytes written so far, those handed to the sink included.
  private var written = 0
  /// Where the sections of a state start (``mark()``).
  private var marks: [Int] = []
  /// The checksum of the current section's bytes, and those of the sections before it.
  private var checksum = SectionChecksum()
  private var checksums: [UInt64] = []
  /// Where full chunks go; `nil` keeps everything in ``bytes``.
  private let sink: ((UnsafeRawBufferPointer) throws -> Void)?
  /// The first error the sink threw; later writes are skipped.
  private(set) var failure: (any Error)?
  package static let chunk = 1 << 20

  /// A writer that keeps everything in memory.
  package init() { sink = nil }

  /// A writer that hands the bytes to `sink` a megabyte at a time, so a large state is never
  /// held in memory twice. Call ``flush()`` at the end.
  package init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
    self.sink = sink
    bytes.reserveCapacity(Self.chunk)
  }

  private mutating func append(_ raw: UnsafeRawBufferPointer) {
    guard failure == nil else { return }
    written += raw.count
    checksum.add(raw)
    guard let sink, bytes.count + raw.count > Self.chunk else {
      bytes.append(contentsOf: raw)
      return
    }
    do {
      try flushBuffer(sink)
      if raw.count > Self.chunk { try sink(raw) } else { bytes.append(contentsOf: raw) }
    } catch {
      failure = error
    }
  }

  private mutating func flushBuffer(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard !bytes.isEmpty else { return }
    try bytes.withUnsafeBytes { try sink($0) }
    bytes.removeAll(keepingCapacity: true)
  }

  /// Hands what is left to the sink and reports the sink's first error.
  package mutating func flush() throws {
    if let failure { throw failure }
    if let sink { try flushBuffer(sink) }
  }

  package mutating func write<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value) { append($0) }
  }

  package mutating func write<T: FixedWidthInteger>(_ values: [T]) {
    write(Int64(values.count))
    values.withUnsafeBytes { append($0) }
  }

  /// Writes values without their count (the reader must know it).
  package mutating func writeRaw<T: FixedWidthInteger>(_ values: [T]) {
    values.withUnsafeBytes { append($0) }
  }

  package mutating func write(_ values: [Bool]) { write(values.map { $0 ? UInt8(1) : 0 }) }

  package mutating func write(_ text: String) { write(Array(text.utf8)) }

  package mutating func write(_ interner: ByteInterner) {
    let (arena, starts) = interner.storage
    write(arena)
    write(starts)
  }

  /// Starts a new section here (``StateSections``).
  package mutating func mark() {
    marks.append(written)
    checksums.append(checksum.value)
    checksum = SectionChecksum()
  }

  /// Ends the state with the table of its sections: where each starts (but the first), the
  /// checksum of each (``SectionChecksum``), and their number less one — which
  /// ``StateSections`` reads.
  package mutating func writeSectionTable() {
    let checksums = self.checksums + [checksum.value]
    writeRaw(marks.map(Int64.init))
    writeRaw(checksums)
    write(Int64(marks.count))
  }
}

/// Reads what ``BinaryWriter`` wrote, from a ``ByteSource`` a megabyte at a time; every read is
/// checked, and a short or damaged state throws ``StateError`` instead of crashing.
package struct BinaryReader: Sendable {
  private let source: any ByteSource
  /// Where the next pull from the source starts.
  private var next: Int
  /// The current chunk: `chunk[offset ..< filled]` is not consumed yet.
  private var chunk: [UInt8]
  private var offset = 0
  private var filled = 0
  /// Bytes not consumed yet, in the chunk and in the source.
  private var remaining: Int
  /// With a checksum to match: the checksum of the bytes consumed so far, and the one the range
  /// must have (checked when its last byte is consumed).
  private var checksum: (running: SectionChecksum, expected: UInt64)?

  /// A reader of all of `source`.
  package init(_ source: any ByteSource) {
    self.init(source, range: 0..<source.size)
  }

  /// A reader of the bytes of `source` in `range` only: reading past its end is damage, and so
  /// is a range whose bytes, once all read, do not have the checksum `expected`
  /// (``SectionChecksum``; `nil`: none to match).
  package init(_ source: any ByteSource, range: Range<Int>, checksum expected: UInt64? = nil) {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= source.size, "a range within the source")
    self.source = source
    next = range.lowerBound
    remaining = range.count
    chunk = [UInt8](repeating: 0, count: min(range.count, BinaryWriter.chunk))
    checksum = expected.map { (SectionChecksum(), $0) }
  }

  package var isAtEnd: Bool { remaining == 0 }

  /// Reads the rest of the range, whatever it holds: for a reader that needs only the start of a
  /// section, to check the checksum of all of it.
  package mutating func readToEnd() throws {
    try checkAtEnd()  // an empty range
    var buffer = [UInt8](repeating: 0, count: min(remaining, BinaryWriter.chunk))
    while remaining > 0 {
      let count = min(remaining, buffer.count)
      try buffer.withUnsafeMutableBytes {
        try copy(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<count]))
      }
    }
  }

  /// Fills `destination` with the next bytes, adding them to the checksum, which is checked
  /// once the last byte of the range is read.
  private mutating func copy(into destination: UnsafeMutableRawBufferPointer) throws {
    try fill(destination)
    checksum?.running.add(UnsafeRawBufferPointer(destination))
    try checkAtEnd()
  }

  /// Once the whole range is read: damage unless its bytes have the checksum they must.
  private func checkAtEnd() throws {
    guard remaining == 0, let checksum else { return }
    if checksum.running.value != checksum.expected { throw StateError.damaged }
  }

  /// Fills `destination` with the next bytes.
  private mutating func fill(_ destination: UnsafeMutableRawBufferPointer) throws {
    guard destination.count <= remaining else { throw StateError.damaged }
    let source = self.source
    var done = 0
    while done < destination.count {
      if offset == filled {
        let wanted = destination.count - done
        if wanted >= chunk.count {
          // Large arrays go straight from the source into place.
          let count = try source.pull(
            UnsafeMutableRawBufferPointer(rebasing: destination[done...]), at: next)
          guard count > 0 else { throw StateError.damaged }
          next += count
          done += count
          remaining -= count
          continue
        }
        // Never past the range (with the chunk empty, `remaining` is what is left of it): the
        // bytes after it belong to another reader.
        let fill = min(chunk.count, remaining)
        filled = try chunk.withUnsafeMutableBytes {
          try source.pull(UnsafeMutableRawBufferPointer(rebasing: $0[..<fill]), at: next)
        }
        next += filled
        offset = 0
        guard filled > 0 else { throw StateError.damaged }
      }
      let count = min(filled - offset, destination.count - done)
      chunk.withUnsafeBytes { bytes in
        UnsafeMutableRawBufferPointer(rebasing: destination[done..<done + count]).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
      }
      offset += count
      done += count
      remaining -= count
    }
  }

  package mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
    var value = T.zero
    try withUnsafeMutableBytes(of: &value) { try copy(into: $0) }
    return value
  }

  package mutating func readArray<T: FixedWidthInteger>(_: T.Type = T.self) throws -> [T] {
    let count = try read(Int64.self)
    guard count >= 0, count <= Int64(remaining / MemoryLayout<T>.size) else {
      throw StateError.damaged
    }
    return try readRaw(T.self, count: Int(count))
  }

  /// Reads `count` values written by ``BinaryWriter/writeRaw(_:)``.
  package mutating func readRaw<T: FixedWidthInteger>(_: T.Type, count: Int) throws -> [T] {
    guard count >= 0, count <= remaining / MemoryLayout<T>.size else { throw StateError.damaged }
    var failure: (any Error)?
    let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      do {
        try readRaw(into: buffer)
        initialized = count
      } catch {
        failure = error
        initialized = 0
      }
    }
    if let failure { throw failure }
    return values
  }

  /// Fills `destination` with the next `destination.count` values written by
  /// ``BinaryWriter/writeRaw(_:)``, straight into memory the caller owns (no array in between).
  package mutating func readRaw<T: FixedWidthInteger>(
    into destination: UnsafeMutableBufferPointer<T>
  )
    throws
  {
    try copy(into: UnsafeMutableRawBufferPointer(destination))
  }

  package mutating func readBools() throws -> [Bool] { try readArray(UInt8.self).map { $0 != 0 } }

  package mutating func readString() throws -> String {
    String(decoding: try readArray(UInt8.self), as: UTF8.self)
  }

  package mutating func readInterner() throws -> ByteInterner {
    let arena = try readArray(UInt8.self)
    let starts = try readArray(Int.self)
    guard let first = starts.first, first == 0, starts.last == arena.count,
      zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 })
    else { throw StateError.damaged }
    let interner = ByteInterner(arena: arena, starts: starts)
    // A key written twice: the interner keeps the keys before it only.
    guard interner.count == starts.count - 1 else { throw StateError.damaged }
    return interner
  }

}

/// A state file that cannot be used; the build falls back to reading everything.
package enum StateError: Error, Equatable {
  /// The file is short or inconsistent.
  case damaged
}
