import EventStore

/// The most popular genres among listeners.
///
/// Definitions, for a range: an *engagement* is an `activity` row that names a track in the
/// catalog, or a like. For each genre, `events` = engagements with a track of that genre, and
/// `users` = distinct users with at least one such engagement. A track with two genres counts
/// for both. Ranked by users, then events, then name.
struct GenrePopularity: Sendable {
  private let genres: Int
  /// `[slot * genres + genre]`.
  private(set) var events: [Int]
  /// (user, genre) → the latest engagement time.
  private(set) var lastEngaged = UserPairs()

  init(genres: Int) {
    self.genres = genres
    events = Array(repeating: 0, count: Windows.slots.count * genres)
  }

  @inline(__always)
  mutating func engage(user: Int32, time: Int64, genres trackGenres: ArraySlice<Int32>, _ context: EventContext) {
    for genre in trackGenres {
      forEachSlot(context.windows) { slot in events[slot * genres + Int(genre)] += 1 }
      lastEngaged.see(user, genre, at: time)
    }
  }

  /// Engagements per genre in a slot.
  func events(slot: Int) -> [Int] { Array(events[(slot * genres)..<((slot + 1) * genres)]) }

}
