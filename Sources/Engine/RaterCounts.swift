import EventStore

/// Who rated what, for the privacy rule that no published group is backed by fewer than
/// `minUsers` distinct users: raters per genre, per source and model, and per track.
struct RaterCounts: Sendable {
  /// (user, genre) → the latest rating of a track of that genre.
  private(set) var genres = UserPairs()
  /// (user, label × 2 + 0 for source | 1 for model) → the latest rating with that label.
  private(set) var labels = UserPairs()
  /// Each track's most recent distinct raters.
  private(set) var tracks: RecentRaters

  init(tracks: Int, minUsers: Int) {
    self.tracks = RecentRaters(tracks: tracks, k: minUsers)
  }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, genres trackGenres: ArraySlice<Int32>) {
    for genre in trackGenres { genres.see(row.user, genre, at: row.time) }
    labels.see(row.user, row.source * 2, at: row.time)
    labels.see(row.user, row.model * 2 + 1, at: row.time)
    tracks.see(track: row.track, user: row.user, at: row.time)
  }
}

extension RaterCounts {
  func encode(into writer: inout BinaryWriter) {
    genres.encode(into: &writer)
    labels.encode(into: &writer)
    tracks.encode(into: &writer)
  }

  init(from reader: inout BinaryReader) throws {
    genres = try UserPairs(from: &reader)
    labels = try UserPairs(from: &reader)
    tracks = try RecentRaters(from: &reader)
  }
}

extension RaterCounts: Accumulator {
  static let stateVersion = 1

  func describe(into statistics: inout EngineStatistics) {
    statistics.raterPairs += genres.count + labels.count
    statistics.pairBytes += genres.memory + labels.memory
    statistics.trackBytes += tracks.memory
  }

  init(_ setup: AccumulatorSetup) {
    self.init(tracks: setup.catalog.trackCount, minUsers: setup.options.minUsers)
  }

  init(decoding reader: inout BinaryReader, _ setup: AccumulatorSetup) throws {
    try self.init(from: &reader)
  }

  @inline(__always)
  func prefetch(user: Int32, track: Int32) { genres.prefetch(user: user) }

  @inline(__always)
  mutating func add(_ row: FeedbackRow, _ event: EventContext) {
    add(row, genres: event.trackGenres)
  }

  /// The other listeners' pairs are appended (label keys moved to the merged labels); each
  /// track keeps its `k` most recent raters of both sets.
  mutating func merge(_ other: RaterCounts, _ mapping: MergeMapping) {
    genres.append(other.genres, mapping) { $0 }
    labels.append(other.labels, mapping) { key in mapping.labels[Int(key >> 1)] << 1 | key & 1 }
    tracks.merge(other.tracks, mapping)
  }
}
