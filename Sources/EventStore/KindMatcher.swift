/// Recognises the four known kinds from raw bytes, tolerating case and surrounding spaces.
enum KindMatcher {
  @inline(__always)
  static func match(_ bytes: UnsafeRawBufferPointer, kept: inout KeptIssues) -> ActivityKind {
    if let exact = exactMatch(bytes) { return exact }
    var normalized: [UInt8] = []
    normalized.reserveCapacity(bytes.count)
    for byte in bytes {
      normalized.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
    }
    while let last = normalized.last, last == 32 || last == 9 || last == 10 || last == 13 {
      normalized.removeLast()
    }
    let start =
      normalized.firstIndex { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }
      ?? normalized.endIndex
    let trimmed = Array(normalized[start...])
    if let repaired = trimmed.withUnsafeBytes({ exactMatch($0) }) {
      kept.insert(.kindNormalized)
      return repaired
    }
    kept.insert(.otherKind)
    return .other
  }

  @inline(__always)
  private static func exactMatch(_ b: UnsafeRawBufferPointer) -> ActivityKind? {
    switch b.count {
    case 4:
      if b[0] == 0x70, b[1] == 0x6C, b[2] == 0x61, b[3] == 0x79 { return .play }  // play
    case 5:
      if b[0] == 0x6C, b[1] == 0x6F, b[2] == 0x67, b[3] == 0x69, b[4] == 0x6E { return .login }
    case 6:
      if b[0] == 0x73, b[1] == 0x65, b[2] == 0x61, b[3] == 0x72, b[4] == 0x63, b[5] == 0x68 {
        return .search
      }
    case 8:
      if b.elementsEqual("playlist".utf8) { return .playlist }
    default:
      break
    }
    return nil
  }
}
