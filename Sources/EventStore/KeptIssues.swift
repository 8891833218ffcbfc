/// Issues of a row that is kept; counted only once the row is known to be kept.
struct KeptIssues {
  private var bits: UInt8 = 0

  @inline(__always)
  mutating func insert(_ issue: RowIssue) {
    switch issue {
    case .millisecondsRepaired: bits |= 1
    case .unknownActivityTrack: bits |= 2
    case .kindNormalized: bits |= 4
    case .otherKind: bits |= 8
    default: preconditionFailure("\(issue) skips its row")
    }
  }

  /// Counts the row once, under the first of its repairs in the README's order (a time in
  /// milliseconds, a track missing from the catalog, a kind's case or spacing), as a row left
  /// out is counted under the first problem it fails; a kind outside the four known ones is a
  /// note, not a repair, and is counted besides.
  @inline(__always)
  func record(into issues: inout RowIssueCounts, table: EventTable) {
    guard bits != 0 else { return }
    if bits & 1 != 0 {
      issues.record(.millisecondsRepaired, in: table)
    } else if bits & 2 != 0 {
      issues.record(.unknownActivityTrack, in: table)
    } else if bits & 4 != 0 {
      issues.record(.kindNormalized, in: table)
    }
    if bits & 8 != 0 { issues.record(.otherKind, in: table) }
  }
}
