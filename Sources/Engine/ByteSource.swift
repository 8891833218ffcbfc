/// Where ``BinaryReader`` reads a saved state from, a chunk at a time: a file (the pipeline's
/// `StateSource`) or bytes in memory. The engine itself opens no file.
package protocol ByteSource: Sendable {
  /// The number of bytes.
  var size: Int { get }

  /// Copies the next bytes into `destination` and returns how many; 0 at the end.
  /// - Throws: ``StateError/damaged`` when the bytes cannot be read.
  func pull(_ destination: UnsafeMutableRawBufferPointer) throws -> Int
}
