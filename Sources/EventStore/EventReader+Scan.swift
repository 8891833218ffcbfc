extension EventReader {
  /// Streams the valid `activity` rows selected by `filter`, in id order.
  ///
  /// Rows later than `asOf` are left out (and counted as ``RowIssue/futureTime`` when more than a
  /// day later). User ids are interned into `users`; every issue met is counted into `issues`.
  public func scanActivity(
    _ filter: Filter, catalog: Catalog, asOf: Int64, users: inout ByteInterner,
    issues: inout RowIssueCounts, _ body: (ActivityRow) throws -> Void
  ) throws {
    let s = try prepare(
      table: .activity, columns: "user_id, kind, occurred_at, query, track_id", filter: filter)
    var lastID = Int64.min
    while try s.step(db) {
      let id = s.int64(0)
      if id == lastID {
        issues.record(.duplicateID, in: .activity)
        continue
      }
      lastID = id
      guard let user = s.bytes(1), user.count > 0 else {
        issues.record(.missingUser, in: .activity)
        continue
      }
      guard let kindBytes = s.bytes(2), kindBytes.count > 0 else {
        issues.record(.missingKind, in: .activity)
        continue
      }
      var kept = KeptIssues()
      guard let time = readTime(s, column: 3, asOf: asOf, table: .activity, issues: &issues, kept: &kept)
      else { continue }
      let kind = KindMatcher.match(kindBytes, kept: &kept)
      var track = TrackRef.none
      if let trackBytes = s.bytes(5), trackBytes.count > 0 {
        if let index = catalog.tracks.index(of: trackBytes) {
          track = index
        } else {
          track = TrackRef.unknown
          kept.insert(.unknownActivityTrack)
        }
      }
      kept.record(into: &issues, table: .activity)
      let query = s.bytes(4)
      try body(
        ActivityRow(
          id: id, user: users.intern(user), kind: kind, time: time, track: track, query: query))
    }
  }

  /// Streams the valid `feedback` rows selected by `filter`, in id order.
  ///
  /// Like ``scanActivity(_:catalog:asOf:users:issues:_:)``; `source` and `model` are interned
  /// into `labels` (NULL as `""`).
  public func scanFeedback(
    _ filter: Filter, catalog: Catalog, asOf: Int64, users: inout ByteInterner,
    labels: inout ByteInterner, issues: inout RowIssueCounts, _ body: (FeedbackRow) throws -> Void
  ) throws {
    let s = try prepare(
      table: .feedback, columns: "user_id, track_id, verdict, occurred_at, source, model",
      filter: filter)
    var lastID = Int64.min
    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
    while try s.step(db) {
      let id = s.int64(0)
      if id == lastID {
        issues.record(.duplicateID, in: .feedback)
        continue
      }
      lastID = id
      guard let user = s.bytes(1), user.count > 0 else {
        issues.record(.missingUser, in: .feedback)
        continue
      }
      guard let trackBytes = s.bytes(2), trackBytes.count > 0 else {
        issues.record(.missingTrack, in: .feedback)
        continue
      }
      guard let isLike = readVerdict(s, column: 3) else {
        issues.record(.badVerdict, in: .feedback)
        continue
      }
      var kept = KeptIssues()
      guard let time = readTime(s, column: 4, asOf: asOf, table: .feedback, issues: &issues, kept: &kept)
      else { continue }
      guard let track = catalog.tracks.index(of: trackBytes) else {
        issues.record(.unknownTrack, in: .feedback)
        continue
      }
      kept.record(into: &issues, table: .feedback)
      let source = labels.intern(s.bytes(5) ?? empty)
      let model = labels.intern(s.bytes(6) ?? empty)
      try body(
        FeedbackRow(
          id: id, user: users.intern(user), track: track, isLike: isLike, time: time,
          source: source, model: model))
    }
  }

  /// Reads `occurred_at`; `nil` (with the issue counted) when the row must be skipped.
  @inline(__always)
  private func readTime(
    _ s: RawStatement, column: Int32, asOf: Int64, table: EventTable,
    issues: inout RowIssueCounts, kept: inout KeptIssues
  ) -> Int64? {
    let raw: Int64
    switch s.type(column) {
    case SQLiteType.integer:
      raw = s.int64(column)
    case SQLiteType.float:
      let value = s.double(column)
      guard value.isFinite, abs(value) < 9e18 else {
        issues.record(.badTime, in: table)
        return nil
      }
      raw = Int64(value.rounded(.down))
    case SQLiteType.text:
      guard let bytes = s.bytes(column), let value = Self.parseNumber(bytes) else {
        issues.record(.badTime, in: table)
        return nil
      }
      raw = Int64(value.rounded(.down))
    default:
      issues.record(.badTime, in: table)
      return nil
    }
    let time: Int64
    switch EventTime.read(raw) {
    case .seconds(let t):
      time = t
    case .repairedMilliseconds(let t):
      time = t
      kept.insert(.millisecondsRepaired)
    case .outOfRange:
      issues.record(.timeOutOfRange, in: table)
      return nil
    }
    if time > asOf {
      if time > asOf + EventTime.futureTolerance { issues.record(.futureTime, in: table) }
      return nil
    }
    return time
  }

  /// `true` for 1, `false` for -1 — stored as an integer, a real or numeric text (a column
  /// declared TEXT turns numbers into text) — and `nil` for anything else.
  @inline(__always)
  private func readVerdict(_ s: RawStatement, column: Int32) -> Bool? {
    let value: Double
    switch s.type(column) {
    case SQLiteType.integer: value = Double(s.int64(column))
    case SQLiteType.float: value = s.double(column)
    case SQLiteType.text:
      guard let bytes = s.bytes(column), let number = Self.parseNumber(bytes) else { return nil }
      value = number
    default: return nil
    }
    return value == 1 ? true : value == -1 ? false : nil
  }

  /// Parses numeric text: an optional sign, digits, and an optional fraction (`1767225600`,
  /// `-1`, `1767225600.9`); nothing else, not even spaces.
  static func parseNumber(_ bytes: UnsafeRawBufferPointer) -> Double? {
    guard !bytes.isEmpty, bytes.count <= 32 else { return nil }
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      index = 1
    }
    var whole: Int64 = 0
    var digits = 0
    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
      guard digits < 18 else { return nil }
      whole = whole * 10 + Int64(bytes[index] - 48)
      digits += 1
      index += 1
    }
    guard digits > 0 else { return nil }
    var fraction = 0.0
    if index < bytes.count {
      guard bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count else { return nil }
      index += 1
      var scale = 0.1
      while index < bytes.count {
        guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
        fraction += Double(bytes[index] - 48) * scale
        scale /= 10
        index += 1
      }
    }
    let value = Double(whole) + fraction
    return negative ? -value : value
  }
}

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

  @inline(__always)
  func record(into issues: inout RowIssueCounts, table: EventTable) {
    guard bits != 0 else { return }
    if bits & 1 != 0 { issues.record(.millisecondsRepaired, in: table) }
    if bits & 2 != 0 { issues.record(.unknownActivityTrack, in: table) }
    if bits & 4 != 0 { issues.record(.kindNormalized, in: table) }
    if bits & 8 != 0 { issues.record(.otherKind, in: table) }
  }
}

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
    let start = normalized.firstIndex { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) } ?? normalized.endIndex
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
