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

  /// Counts an engagement with a track of `trackGenres` in `windows` and remembers who engaged.
  @inline(__always)
  mutating func engage(
    user: Int32, time: Int64, genres trackGenres: ArraySlice<Int32>, in windows: Windows
  ) {
    count(trackGenres, in: windows)
    for genre in trackGenres { lastEngaged.see(user, genre, at: time) }
  }

  /// Counts an engagement in `windows`, or takes it back (`sign` −1).
  @inline(__always)
  mutating func count(_ trackGenres: ArraySlice<Int32>, in windows: Windows, sign: Int = 1) {
    for genre in trackGenres {
      forEachSlot(windows) { slot in events[slot * genres + Int(genre)] += sign }
    }
  }

  /// Engagements per genre in a slot.
  func events(slot: Int) -> [Int] { Array(events[(slot * genres)..<((slot + 1) * genres)]) }

}

extension GenrePopularity {
  func encode(into writer: inout BinaryWriter) {
    writer.write(Int64(genres))
    writer.write(events)
    lastEngaged.encode(into: &writer)
  }

  init(from reader: inout BinaryReader) throws {
    genres = Int(try reader.read(Int64.self))
    events = try reader.readArray(Int.self)
    lastEngaged = try UserPairs(from: &reader)
    guard events.count == Windows.slots.count * genres else { throw StateError.damaged }
  }
}

extension GenrePopularity: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) {
    statistics.userGenrePairs += lastEngaged.count
    statistics.pairBytes += lastEngaged.memory
  }

  init(_ setup: AccumulatorSetup) { self.init(genres: setup.catalog.genreNames.count) }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    try self.init(from: &reader)
    guard events.count == Windows.slots.count * setup.catalog.genreNames.count else {
      throw StateError.damaged
    }
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) { lastEngaged.prefetch(user: user) }

  /// An engagement: an activity row that names a catalog track.
  @inline(__always)
  mutating func add(_ row: ActivityRow, _ event: EventContext) {
    if row.track >= 0 {
      engage(user: row.user, time: row.time, genres: event.trackGenres, in: event.windows)
    }
  }

  /// An engagement: a like.
  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    if row.isLike {
      engage(user: row.user, time: row.time, genres: event.trackGenres, in: event.windows)
    }
  }

  /// Events add up; the (user, genre) pairs of the other listeners are appended.
  mutating func merge(_ other: GenrePopularity, _ mapping: MergeMapping) {
    addCounts(other.events, to: &events)
    lastEngaged.append(other.lastEngaged, mapping) { $0 }
  }

  @inline(__always)
  mutating func recount(_ row: ActivityRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty, row.track >= 0 else { return }
    count(event.trackGenres, in: move.removed, sign: -1)
    count(event.trackGenres, in: move.added)
  }

  @inline(__always)
  mutating func recount(_ row: FeedbackRow, _ event: EventContext, _ move: WindowMove) {
    guard !move.isEmpty, row.isLike else { return }
    count(event.trackGenres, in: move.removed, sign: -1)
    count(event.trackGenres, in: move.added)
  }
}
