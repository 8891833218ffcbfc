import EventStore

/// Writes the engine's state as flat binary: integers and arrays of fixed-width numbers in the
/// machine's byte order, each array preceded by its count. The state file says which machine
/// wrote it (see ``EngineState``); it is not meant to move between machines.
struct BinaryWriter {
  private(set) var bytes: [UInt8] = []

  mutating func write<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
  }

  mutating func write<T: FixedWidthInteger>(_ values: [T]) {
    write(Int64(values.count))
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }

  mutating func write(_ values: [Bool]) { write(values.map { $0 ? UInt8(1) : 0 }) }

  mutating func write(_ text: String) { write(Array(text.utf8)) }

  mutating func write(_ interner: ByteInterner) {
    let (arena, starts) = interner.storage
    write(arena)
    write(starts)
  }

  mutating func write(_ lists: [[UInt64]]) {
    write(Int64(lists.count))
    for list in lists { write(list) }
  }
}

/// Reads what ``BinaryWriter`` wrote; every read is checked, and a short or damaged state throws
/// ``StateError`` instead of crashing.
struct BinaryReader {
  private let bytes: [UInt8]
  private var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { offset == bytes.count }

  mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
    let size = MemoryLayout<T>.size
    guard offset + size <= bytes.count else { throw StateError.damaged }
    let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    offset += size
    return value
  }

  mutating func readArray<T: FixedWidthInteger>(_: T.Type = T.self) throws -> [T] {
    let count = Int(try read(Int64.self))
    let size = MemoryLayout<T>.size
    guard count >= 0, count <= (bytes.count - offset) / max(size, 1) else { throw StateError.damaged }
    let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      bytes.withUnsafeBytes { source in
        let start = source.baseAddress! + offset
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: start, count: count * size))
      }
      initialized = count
    }
    offset += count * size
    return values
  }

  mutating func readBools() throws -> [Bool] { try readArray(UInt8.self).map { $0 != 0 } }

  mutating func readString() throws -> String { String(decoding: try readArray(UInt8.self), as: UTF8.self) }

  mutating func readInterner() throws -> ByteInterner {
    let arena = try readArray(UInt8.self)
    let starts = try readArray(Int.self)
    guard let first = starts.first, first == 0, starts.last == arena.count,
      zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 })
    else { throw StateError.damaged }
    return ByteInterner(arena: arena, starts: starts)
  }

  mutating func readLists() throws -> [[UInt64]] {
    let count = Int(try read(Int64.self))
    guard count >= 0, count <= bytes.count - offset else { throw StateError.damaged }
    return try (0..<count).map { _ in try readArray(UInt64.self) }
  }
}

/// A state file that cannot be used; the build falls back to reading everything.
enum StateError: Error, Equatable {
  /// The file is short or inconsistent.
  case damaged
}
