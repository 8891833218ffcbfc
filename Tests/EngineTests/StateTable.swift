import Engine

/// The table at the end of a saved state, for tests that edit a state's bytes: where each
/// section but the first starts, each section's checksum, and the number of marks.
struct StateTable {
  /// Where each section but the first starts.
  let marks: [Int]
  /// Where the table starts: the end of the last section.
  let start: Int

  init(_ state: [UInt8]) {
    func integer(at offset: Int) -> Int {
      state[offset..<offset + 8].withUnsafeBytes { Int($0.loadUnaligned(as: Int64.self)) }
    }
    let count = integer(at: state.count - 8)
    let start = state.count - 8 - 8 * count - 8 * (count + 1)
    marks = (0..<count).map { integer(at: start + 8 * $0) }
    self.start = start
  }

  /// Where the checksum of section `index` lies.
  func checksumOffset(_ index: Int) -> Int { start + 8 * marks.count + 8 * index }

  /// `state` with every section's checksum made anew from its bytes, as if it had been written
  /// so: for tests of what the checks after the checksums refuse.
  static func checksummedAnew(_ state: [UInt8]) -> [UInt8] {
    let table = StateTable(state)
    let bounds = [0] + table.marks + [table.start]
    var result = state
    for index in 0..<bounds.count - 1 {
      var checksum = SectionChecksum()
      state[bounds[index]..<bounds[index + 1]].withUnsafeBytes { checksum.add($0) }
      let at = table.checksumOffset(index)
      result.replaceSubrange(at..<at + 8, with: withUnsafeBytes(of: checksum.value) { Array($0) })
    }
    return result
  }
}
