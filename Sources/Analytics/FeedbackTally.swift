import EventStore

/// Counts likes and dislikes per window: in total, per local day, per genre (a track with two
/// genres counts for both), per `source`, per `model` and per track.
///
/// Definition: like ratio = likes ÷ (likes + dislikes), undefined with no ratings.
struct FeedbackTally: Sendable {
  /// `totals[slot]` = (likes, dislikes).
  private(set) var totals: [(likes: Int, dislikes: Int)]
  /// Per slot: likes (field 0) and dislikes (field 1) per local day.
  private(set) var daily: [DailyCounts]
  /// `byGenre[slot][genre * 2 + (0 like | 1 dislike)]`.
  private(set) var byGenre: [[Int]]
  /// `bySource[slot][label * 2 + …]`, labels from the scan's label interner.
  private(set) var bySource: [[Int]]
  /// `byModel[slot][label * 2 + …]`.
  private(set) var byModel: [[Int]]
  /// `byTrack[slot][track * 2 + …]` for the current windows only (slots 0, 1, 3).
  private(set) var byTrack: [[Int32]]

  init(lastDay: Int, genres: Int, tracks: Int) {
    let slots = Windows.slots.count
    totals = Array(repeating: (0, 0), count: slots)
    daily = Array(repeating: DailyCounts(fields: 2, lastDay: lastDay), count: slots)
    byGenre = Array(repeating: Array(repeating: 0, count: genres * 2), count: slots)
    bySource = Array(repeating: [], count: slots)
    byModel = Array(repeating: [], count: slots)
    byTrack = (0..<slots).map { Self.tracksTracked($0) ? Array(repeating: 0, count: tracks * 2) : [] }
  }

  /// Whether per-track counts are kept for a slot: only the current windows show track lists.
  static func tracksTracked(_ slot: Int) -> Bool { slot == 0 || slot == 1 || slot == 3 }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, genres: ArraySlice<Int32>, _ context: EventContext) {
    let field = row.isLike ? 0 : 1
    forEachSlot(context.windows) { slot in
      if row.isLike { totals[slot].likes += 1 } else { totals[slot].dislikes += 1 }
      daily[slot].add(day: context.day, field: field)
      for genre in genres { byGenre[slot][Int(genre) * 2 + field] += 1 }
      Self.bump(&bySource[slot], Int(row.source) * 2 + field)
      Self.bump(&byModel[slot], Int(row.model) * 2 + field)
      if Self.tracksTracked(slot) { byTrack[slot][Int(row.track) * 2 + field] += 1 }
    }
  }

  @inline(__always)
  private static func bump(_ counts: inout [Int], _ index: Int) {
    if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 2 - counts.count)) }
    counts[index] += 1
  }
}
