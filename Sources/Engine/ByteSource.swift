/// Where ``BinaryReader`` reads a saved state from, a chunk at a time: a file (the pipeline's
/// `StateSource`) or bytes in memory. The engine itself opens no file. Reads name their offset,
/// so that several readers can decode parts of one state side by side (``StateSections``).
package protocol ByteSource: Sendable {
  /// The number of bytes.
  var size: Int { get }

  /// Copies the bytes from `offset` on into `destination` and returns how many; 0 at the end.
  /// - Throws: ``StateError/damaged`` when the bytes cannot be read.
  func pull(_ destination: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int
}
