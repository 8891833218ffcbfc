import EventStore

/// Counts `activity` rows: per window, in total and by kind; per local day and kind; and per
/// local weekday and hour (the heatmap).
///
/// Definition: `events` of a range = `activity` rows with `occurred_at` in the range. Feedback
/// rows are not activity events (they are counted by ``FeedbackTally``).
struct ActivityCounter: Sendable {
  static let kinds = ActivityKind.allCases.count

  /// `byKind[slot][kind]`.
  private(set) var byKind: [[Int]]
  /// Per slot: events per local day, one field per kind.
  private(set) var daily: [DailyCounts]
  /// Per slot: `heatmap[slot][weekday * 24 + hour]`.
  private(set) var heatmap: [[Int]]

  init(lastDay: Int) {
    byKind = Array(repeating: Array(repeating: 0, count: Self.kinds), count: Windows.slots.count)
    daily = Array(repeating: DailyCounts(fields: Self.kinds, lastDay: lastDay), count: Windows.slots.count)
    heatmap = Array(repeating: Array(repeating: 0, count: 7 * 24), count: Windows.slots.count)
  }

  @inline(__always)
  mutating func add(_ row: ActivityRow, _ context: EventContext) {
    let kind = Int(row.kind.rawValue)
    forEachSlot(context.windows) { slot in
      byKind[slot][kind] += 1
      daily[slot].add(day: context.day, field: kind)
      heatmap[slot][context.weekday * 24 + context.hour] += 1
    }
  }
}
