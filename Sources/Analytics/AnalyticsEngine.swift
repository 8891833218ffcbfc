import EventStore
import Formatting

/// The one-pass engine: every valid row is handed to every accumulator once, then
/// ``finish(_:)`` turns their state into a ``Report``.
///
/// Memory grows with users, tracks, genres and terms, never with events: rows are not kept.
/// The engine is pure — no clock, no files, no database — so tests feed it rows directly.
public struct AnalyticsEngine: Sendable {
  let options: ReportOptions
  let edges: WindowEdges
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
    activity.add(row, context)
    last.see(user: row.user, time: row.time, kind: LastActivity.LastKind(rawValue: row.kind.rawValue)!)
    if row.track >= 0 {
      genres.engage(user: row.user, time: row.time, genres: catalog.genres(ofTrack: row.track), context)
    }
    if row.kind == .search || row.kind == .playlist, let query = row.query, !query.isEmpty {
      words.add(text: query, user: row.user, time: row.time, context)
    }
  }

  /// Adds one valid `feedback` row (its time must not be after the as-of time).
  public mutating func add(_ row: FeedbackRow) {
    let context = context(row.time)
    let trackGenres = catalog.genres(ofTrack: row.track)
    feedback.add(row, genres: trackGenres, context)
    raters.add(row, genres: trackGenres)
    last.see(user: row.user, time: row.time, kind: row.isLike ? .like : .dislike)
    if row.isLike {
      genres.engage(user: row.user, time: row.time, genres: trackGenres, context)
    }
  }
}
