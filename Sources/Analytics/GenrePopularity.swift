import EventStore

/// The most popular genres among listeners.
///
/// Definitions, for a range: an *engagement* is an `activity` row that names a track in the
/// catalog, or a like. For each genre, `events` = engagements with a track of that genre, and
/// `users` = distinct users with at least one such engagement. A track with two genres counts
/// for both. Ranked by users, then events, then name.
struct GenrePopularity: Sendable {
  /// `events[slot][genre]`.
  private(set) var events: [[Int]]
  /// (user, genre) → the latest engagement time.
  private(set) var lastEngaged = PairLastSeen(capacity: 4096)

  init(genres: Int) {
    events = Array(repeating: Array(repeating: 0, count: genres), count: Windows.slots.count)
  }

  @inline(__always)
  mutating func engage(user: Int32, time: Int64, genres: ArraySlice<Int32>, _ context: EventContext) {
    guard !genres.isEmpty else { return }
    for genre in genres {
      forEachSlot(context.windows) { slot in events[slot][Int(genre)] += 1 }
      lastEngaged.see(user, genre, at: time)
    }
  }

  /// Distinct users per genre engaged after `start` (exclusive); `start = nil` for all time.
  func users(after start: Int64?, genres: Int) -> [Int] {
    var counts = Array(repeating: 0, count: genres)
    lastEngaged.forEach { _, genre, time in
      if start == nil || time > start! { counts[Int(genre)] += 1 }
    }
    return counts
  }
}
