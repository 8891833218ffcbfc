import Formatting

/// Turns raw `activity` rows into valid ``ActivityRow``s: the contract's rules for every column,
/// issues counted, ids interned. A partitioned build validates only its listeners' rows (see
/// ``ListenerPartition``): every row, issues included, belongs to exactly one partition, and the
/// duplicate-id rule sees every row, so the partitions' counts add up to a single build's. Used
/// row by row by a single-threaded scan, and batch by batch on the engine's thread when reading
/// and computing run in parallel.
public struct ActivityValidator: Sendable {
  /// The columns a batch of activity rows holds after the id, in order.
  public static let columns = "user_id, kind, occurred_at, query, track_id"
  /// user_id, kind, query and track_id are read as text (bit `n` for column `n`, the id being 0).
  public static let textColumns: UInt32 = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 5
  /// How many rows ahead hash slots are prefetched.
  static let lookahead = 8

  let catalog: Catalog
  let asOf: Int64
  /// The users interned so far.
  public var users = ByteInterner()
  /// Rows that broke the contract so far.
  public var issues = RowIssueCounts()
  /// The id of the last row read (a duplicate of it is skipped).
  public var lastID = Int64.min
  /// The listeners whose rows are validated; the rows of others are passed over uncounted.
  let partition: ListenerPartition

  /// A validator for rows up to `asOf`, with track ids looked up in `catalog`, continuing after
  /// the row `lastID`, keeping only the rows of `partition`'s listeners.
  public init(
    catalog: Catalog, asOf: Int64, users: ByteInterner = ByteInterner(),
    issues: RowIssueCounts = RowIssueCounts(), lastID: Int64 = Int64.min,
    partition: ListenerPartition = .whole
  ) {
    self.catalog = catalog
    self.asOf = asOf
    self.users = users
    self.issues = issues
    self.lastID = lastID
    self.partition = partition
  }

  /// Calls `body` with every valid row of `batch`, in order.
  public mutating func validate(_ batch: RawBatch, _ body: (ActivityRow) throws -> Void) rethrows {
    // Read once per batch: reached through `self` inside the loop, the catalog's arrays would
    // be retained and released for every row.
    let tracks = catalog.tracks
    try batch.withRows { rows in
      for row in 0..<rows.count {
        // Start loading the hash slots of a row a little ahead.
        let ahead = row + Self.lookahead
        if ahead < rows.count {
          if let user = rows.bytes(ahead, 1) { users.prefetchInPlace(user) }
          if let track = rows.bytes(ahead, 5), track.count > 0 { tracks.prefetch(track) }
        }
        let id = rows.int64(row, 0)
        if !partition.contains(userID: rows.bytes(row, 1)) {
          // Another partition's row, or its duplicate: that partition counts it.
          lastID = id
          continue
        }
        if id == lastID {
          issues.record(.duplicateID, in: .activity)
          continue
        }
        lastID = id
        guard let user = rows.bytes(row, 1), user.count > 0 else {
          issues.record(.missingUser, in: .activity)
          continue
        }
        guard let kindBytes = rows.bytes(row, 2), kindBytes.count > 0 else {
          issues.record(.missingKind, in: .activity)
          continue
        }
        var kept = KeptIssues()
        guard
          let time = CellRules.time(rows, row, 3, table: .activity, issues: &issues, kept: &kept)
        else { continue }
        let kind = KindMatcher.match(kindBytes, kept: &kept)
        var track = TrackRef.none
        if let trackBytes = rows.bytes(row, 5), trackBytes.count > 0 {
          if let index = tracks.index(of: trackBytes) {
            track = index
          } else {
            track = TrackRef.unknown
            kept.insert(.unknownActivityTrack)
          }
        }
        guard CellRules.isCounted(time, asOf: asOf, table: .activity, issues: &issues) else {
          continue
        }
        kept.record(into: &issues, table: .activity)
        try body(
          ActivityRow(
            id: id, user: users.intern(user), kind: kind, time: time, track: track,
            query: rows.bytes(row, 4)))
      }
    }
  }
}

/// Turns raw `feedback` rows into valid ``FeedbackRow``s, like ``ActivityValidator``; `source`
/// and `model` are interned into ``labels`` as the report shows them (``labelText(_:)``: NULL,
/// `''` and `' '` are all `""`, "(not recorded)"), so that two labels that would show the same
/// are one group, whatever order their rows come in.
public struct FeedbackValidator: Sendable {
  /// The columns a batch of feedback rows holds after the id, in order.
  public static let columns = "user_id, track_id, verdict, occurred_at, source, model"
  /// user_id, track_id, source and model are read as text (bit `n` for column `n`).
  public static let textColumns: UInt32 = 1 << 1 | 1 << 2 | 1 << 5 | 1 << 6

  let catalog: Catalog
  let asOf: Int64
  /// The users interned so far.
  public var users: ByteInterner
  /// The sources and models interned so far, as ``labelText(_:)`` gives them.
  public var labels: ByteInterner
  /// The sources and models as stored, seen by this validator, and each one's label: cleaning
  /// once per distinct value, not per row.
  private var storedLabels = ByteInterner()
  private var labelOfStored: [Int32] = []
  /// Rows that broke the contract so far.
  public var issues: RowIssueCounts
  /// The id of the last row read (a duplicate of it is skipped).
  public var lastID = Int64.min
  /// The listeners whose rows are validated; the rows of others are passed over uncounted.
  let partition: ListenerPartition

  /// A validator for rows up to `asOf`, continuing with `users`, `labels` and `issues` after
  /// the row `lastID`, keeping only the rows of `partition`'s listeners.
  public init(
    catalog: Catalog, asOf: Int64, users: ByteInterner = ByteInterner(),
    labels: ByteInterner = ByteInterner(), issues: RowIssueCounts = RowIssueCounts(),
    lastID: Int64 = Int64.min, partition: ListenerPartition = .whole
  ) {
    self.catalog = catalog
    self.asOf = asOf
    self.users = users
    self.labels = labels
    self.issues = issues
    self.lastID = lastID
    self.partition = partition
  }

  /// Calls `body` with every valid row of `batch`, in order.
  public mutating func validate(_ batch: RawBatch, _ body: (FeedbackRow) throws -> Void) rethrows {
    let tracks = catalog.tracks  // once per batch, as in the activity validator
    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
    try batch.withRows { rows in
      for row in 0..<rows.count {
        let id = rows.int64(row, 0)
        if !partition.contains(userID: rows.bytes(row, 1)) {
          lastID = id
          continue
        }
        if id == lastID {
          issues.record(.duplicateID, in: .feedback)
          continue
        }
        lastID = id
        guard let user = rows.bytes(row, 1), user.count > 0 else {
          issues.record(.missingUser, in: .feedback)
          continue
        }
        guard let trackBytes = rows.bytes(row, 2), trackBytes.count > 0 else {
          issues.record(.missingTrack, in: .feedback)
          continue
        }
        guard let isLike = CellRules.verdict(rows, row, 3) else {
          issues.record(.badVerdict, in: .feedback)
          continue
        }
        var kept = KeptIssues()
        guard
          let time = CellRules.time(rows, row, 4, table: .feedback, issues: &issues, kept: &kept)
        else { continue }
        guard let track = tracks.index(of: trackBytes) else {
          issues.record(.unknownTrack, in: .feedback)
          continue
        }
        guard CellRules.isCounted(time, asOf: asOf, table: .feedback, issues: &issues) else {
          continue
        }
        kept.record(into: &issues, table: .feedback)
        let source = label(rows.bytes(row, 5) ?? empty)
        let model = label(rows.bytes(row, 6) ?? empty)
        try body(
          FeedbackRow(
            id: id, user: users.intern(user), track: track, isLike: isLike, time: time,
            source: source, model: model))
      }
    }
  }
}

extension FeedbackValidator {
  /// A source or model as the report shows it: cleaned of what a page must never show, trimmed
  /// and shortened as ``SafeText/reportLimit`` says. Done here, at interning, and not when the
  /// report is written (where the source's text is otherwise formatted): two labels that show
  /// the same must be one group while counting, because their distinct raters cannot be added
  /// up afterwards.
  public static func labelText(_ stored: UnsafeRawBufferPointer) -> String {
    SafeText.clean(
      String(decoding: stored, as: UTF8.self), limit: SafeText.reportLimit, isolate: false)
  }

  /// The label of a stored source or model.
  @inline(__always)
  fileprivate mutating func label(_ stored: UnsafeRawBufferPointer) -> Int32 {
    let index = Int(storedLabels.intern(stored))
    if index == labelOfStored.count {
      labelOfStored.append(labels.intern(Self.labelText(stored)))
    }
    return labelOfStored[index]
  }
}

/// The contract's rules for the number columns, `occurred_at` and `verdict`.
enum CellRules {
  /// Reads `occurred_at`; `nil` (with the issue counted) when it is no time at all. Whether the
  /// time is after the as-of time is ``isCounted(_:asOf:table:issues:)``'s question, asked
  /// last.
  @inline(__always)
  static func time(
    _ rows: RawBatch.Rows, _ row: Int, _ column: Int, table: EventTable,
    issues: inout RowIssueCounts, kept: inout KeptIssues
  ) -> Int64? {
    let raw: Int64
    switch rows.type(row, column) {
    case CellKind.integer:
      raw = rows.int64(row, column)
    case CellKind.float:
      guard let whole = EventTime.whole(rows.double(row, column)) else {
        issues.record(.badTime, in: table)
        return nil
      }
      raw = whole
    case CellKind.text:
      guard let bytes = rows.bytes(row, column), let value = parseNumber(bytes) else {
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
    return time
  }

  /// Whether a row at `time` that passed every other rule is counted as of `asOf`: rows later
  /// than it are left out, and counted as ``RowIssue/futureTime`` when more than a day later.
  ///
  /// Asked after every other rule, so that a broken row is counted under the same issue
  /// whatever the as-of time: an incremental build never reads a row again once the as-of time
  /// has passed it, and must have counted it as a full build would then.
  @inline(__always)
  static func isCounted(
    _ time: Int64, asOf: Int64, table: EventTable, issues: inout RowIssueCounts
  ) -> Bool {
    guard time > asOf else { return true }
    if time > asOf + EventTime.futureTolerance { issues.record(.futureTime, in: table) }
    return false
  }

  /// `true` for 1, `false` for -1 — stored as an integer, a real or numeric text (a column
  /// declared TEXT turns numbers into text) — and `nil` for anything else.
  @inline(__always)
  static func verdict(_ rows: RawBatch.Rows, _ row: Int, _ column: Int) -> Bool? {
    let value: Double
    switch rows.type(row, column) {
    case CellKind.integer: value = Double(rows.int64(row, column))
    case CellKind.float: value = rows.double(row, column)
    case CellKind.text:
      guard let bytes = rows.bytes(row, column), let number = parseNumber(bytes) else { return nil }
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
