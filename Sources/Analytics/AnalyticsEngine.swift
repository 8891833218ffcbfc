import EventStore
import Formatting
import ReportModel

/// The one-pass engine: every valid row is handed to every accumulator once, then
/// ``finish(_:)`` turns their state into a ``Report``.
///
/// Memory grows with users, tracks, genres and terms, never with events: rows are not kept.
/// The engine is pure — no clock, no files, no database — so tests feed it rows directly.
public struct AnalyticsEngine: Sendable {
  let options: ReportOptions
  private(set) var edges: WindowEdges
  let catalog: Catalog
  private var clock: LocalClock
  var activity: ActivityCounter
  var feedback: FeedbackTally
  var genres: GenrePopularity
  var last: LastActivity
  var words: WordCounter
  var raters: RaterCounts

  /// An engine for a report as of `asOf` over `catalog`.
  public init(asOf: Int64, catalog: Catalog, options: ReportOptions) {
    self.options = options
    self.edges = WindowEdges(asOf: asOf)
    self.catalog = catalog
    let lastDay = options.zone.localDay(asOf)
    clock = LocalClock(options.zone)
    activity = ActivityCounter(lastDay: lastDay)
    feedback = FeedbackTally(
      lastDay: lastDay, genres: catalog.genreNames.count, tracks: catalog.trackCount)
    genres = GenrePopularity(genres: catalog.genreNames.count)
    last = LastActivity(edges: edges)
    words = WordCounter(stopwords: options.stopwords)
    raters = RaterCounts(tracks: catalog.trackCount, minUsers: options.minUsers)
  }

  /// The as-of time.
  public var asOf: Int64 { edges.asOf }

  @inline(__always)
  private mutating func context(_ time: Int64) -> EventContext {
    let (day, second) = clock.local(time)
    return EventContext(
      windows: edges.windows(of: time), day: day, weekday: CivilDate.weekday(ofDayNumber: day),
      hour: second / 3600)
  }

  /// Adds one valid `activity` row (its time must not be after the as-of time).
  public mutating func add(_ row: ActivityRow) {
    let context = context(row.time)
    activity.count(row.kind, context, in: context.windows)
    last.see(
      user: row.user, time: row.time, kind: LastActivity.LastKind(row.kind),
      rank: LastActivity.rank(feedback: false, id: row.id))
    if row.track >= 0 {
      genres.engage(
        user: row.user, time: row.time, genres: catalog.genres(ofTrack: row.track), in: context.windows)
    }
    if row.kind == .search || row.kind == .playlist, let query = row.query, !query.isEmpty {
      words.add(text: query, user: row.user, time: row.time, in: context.windows)
    }
  }

  /// Adds one valid `feedback` row (its time must not be after the as-of time).
  public mutating func add(_ row: FeedbackRow) {
    let context = context(row.time)
    let trackGenres = catalog.genres(ofTrack: row.track)
    feedback.count(row, genres: trackGenres, context, in: context.windows)
    raters.add(row, genres: trackGenres)
    last.see(
      user: row.user, time: row.time, kind: row.isLike ? .like : .dislike,
      rank: LastActivity.rank(feedback: true, id: row.id))
    if row.isLike {
      genres.engage(user: row.user, time: row.time, genres: trackGenres, in: context.windows)
    }
  }

  // MARK: Moving the as-of time

  /// Moves the as-of time forward to `asOf`, for an incremental build. Counts still describe
  /// the old windows until every row an edge passed over is recounted with
  /// ``recount(_:from:)-(ActivityRow,_)``.
  public mutating func advance(to asOf: Int64) {
    precondition(asOf >= edges.asOf, "the as-of time only moves forward")
    edges = WindowEdges(asOf: asOf)
    let lastDay = options.zone.localDay(asOf)
    activity.rebase(lastDay: lastDay)
    feedback.rebase(lastDay: lastDay)
    last.advance(to: edges)
  }

  /// Moves an already counted `activity` row from the windows it had as of `oldAsOf` to those it
  /// has now. Only per-range counts change.
  public mutating func recount(_ row: ActivityRow, from oldAsOf: Int64) {
    let context = context(row.time)
    let (removed, added) = Self.moved(context.windows, from: WindowEdges(asOf: oldAsOf).windows(of: row.time))
    last.crossed(user: row.user, time: row.time)
    guard !removed.isEmpty || !added.isEmpty else { return }
    activity.count(row.kind, context, in: removed, sign: -1)
    activity.count(row.kind, context, in: added)
    if row.track >= 0 {
      let trackGenres = catalog.genres(ofTrack: row.track)
      genres.count(trackGenres, in: removed, sign: -1)
      genres.count(trackGenres, in: added)
    }
    if row.kind == .search || row.kind == .playlist, let query = row.query, !query.isEmpty {
      words.recount(text: query, removed: removed, added: added)
    }
  }

  /// Moves an already counted `feedback` row between windows, like the activity version.
  public mutating func recount(_ row: FeedbackRow, from oldAsOf: Int64) {
    let context = context(row.time)
    let (removed, added) = Self.moved(context.windows, from: WindowEdges(asOf: oldAsOf).windows(of: row.time))
    last.crossed(user: row.user, time: row.time)
    guard !removed.isEmpty || !added.isEmpty else { return }
    let trackGenres = catalog.genres(ofTrack: row.track)
    feedback.count(row, genres: trackGenres, context, in: removed, sign: -1)
    feedback.count(row, genres: trackGenres, context, in: added)
    if row.isLike {
      genres.count(trackGenres, in: removed, sign: -1)
      genres.count(trackGenres, in: added)
    }
  }

  /// The windows a row leaves and enters when they change from `old` to `new`.
  private static func moved(_ new: Windows, from old: Windows) -> (removed: Windows, added: Windows) {
    (old.subtracting(new), new.subtracting(old))
  }
}

extension AnalyticsEngine {
  /// Writes every accumulator (not the options or the catalog, which the next build brings).
  func encode(into writer: inout BinaryWriter) {
    writer.write(edges.asOf)
    activity.encode(into: &writer)
    feedback.encode(into: &writer)
    genres.encode(into: &writer)
    last.encode(into: &writer)
    words.encode(into: &writer)
    raters.encode(into: &writer)
  }

  /// Restores the accumulators written by ``encode(into:)`` for the same options and catalog.
  init(from reader: inout BinaryReader, catalog: Catalog, options: ReportOptions) throws {
    self.options = options
    self.catalog = catalog
    edges = WindowEdges(asOf: try reader.read(Int64.self))
    clock = LocalClock(options.zone)
    activity = try ActivityCounter(from: &reader)
    feedback = try FeedbackTally(from: &reader)
    genres = try GenrePopularity(from: &reader)
    last = try LastActivity(from: &reader)
    words = try WordCounter(from: &reader, stopwords: options.stopwords)
    raters = try RaterCounts(from: &reader)
    guard feedback.byTrack.count == catalog.trackCount * 6,
      genres.events.count == Windows.slots.count * catalog.genreNames.count,
      last.edges.asOf == edges.asOf
    else { throw StateError.damaged }
  }
}
