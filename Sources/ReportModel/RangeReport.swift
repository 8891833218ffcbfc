/// What one range shows.
public struct RangeReport: Codable, Equatable, Sendable {
  /// `"7d"`, `"30d"` or `"all"`.
  public var range: String
  /// "Last 7 days", "Last 30 days", "All time".
  public var label: String
  /// The range's length in days; `nil` for all time.
  public var days: Int?
  /// The range's first second, ISO 8601 UTC: the start of local day `asOfDay − days + 1` in the
  /// report's time zone (an N-day range is the N local days ending with the as-of day, the last
  /// one up to the as-of time); `nil` for all time.
  public var start: String?
  /// The first local date of the range: an N-day range's first day; for all time the first day
  /// with an event, `nil` when it holds none.
  public var firstDate: String?
  /// The last local date (the as-of date).
  public var lastDate: String?
  /// Activity and active users.
  public var activity: ActivityReport
  /// Most popular genres among listeners, ranked by users, then events, then name; genres with
  /// fewer than `minUsers` listeners are in ``genresOther``.
  public var genres: [GenreCount]
  /// Genres folded for having too few listeners; `nil` when none was.
  public var genresOther: FoldedGroups?
  /// Likes and dislikes of recommendations.
  public var feedback: FeedbackReport
  /// One point per local day of the range, oldest first.
  public var daily: [DailyPoint]
  /// Events per local weekday and hour.
  public var heatmap: Heatmap
  /// The top terms of search text and playlist titles, ranked by weight, then count, then term;
  /// terms used by fewer than `minUsers` listeners are in ``wordsOther``.
  public var words: [WordWeight]
  /// Terms folded for having too few listeners; `nil` when none was.
  public var wordsOther: FoldedGroups?
  /// The range before this one, of the same length; `nil` for all time.
  public var previous: PreviousRange?
  /// Catalog coverage and the spread of ratings over the catalog (see ``QualityReport``);
  /// `nil` in a report without events.
  public var quality: QualityReport?
  /// The 20 tracks with the most distinct listeners (see ``TopTrack``); tracks with fewer than
  /// `minUsers` listeners are left out.
  public var topTracks: [TopTrack] = []
  /// The 20 artists with the most distinct listeners (see ``TopArtist``), by the same rule.
  public var topArtists: [TopArtist] = []
  /// New and returning listeners and stickiness (see ``ListenersReport``); `nil` in a report
  /// without events.
  public var listeners: ListenersReport?
  /// Every pair of model versions compared per listener on the days both served (see
  /// ``ModelComparison``), A's first rating first; empty when fewer than two versions are shown.
  public var experiments: [ModelComparison] = []

  /// Creates a range report.
  public init(
    range: String, label: String, days: Int?, start: String?, firstDate: String?,
    lastDate: String?, activity: ActivityReport, genres: [GenreCount],
    genresOther: FoldedGroups? = nil, feedback: FeedbackReport, daily: [DailyPoint],
    heatmap: Heatmap, words: [WordWeight], wordsOther: FoldedGroups? = nil,
    previous: PreviousRange?
  ) {
    self.range = range
    self.label = label
    self.days = days
    self.start = start
    self.firstDate = firstDate
    self.lastDate = lastDate
    self.activity = activity
    self.genres = genres
    self.genresOther = genresOther
    self.feedback = feedback
    self.daily = daily
    self.heatmap = heatmap
    self.words = words
    self.wordsOther = wordsOther
    self.previous = previous
  }
}

/// Active users and activity events of a range.
public struct ActivityReport: Codable, Equatable, Sendable {
  /// Distinct users with any `activity` or `feedback` row in the range.
  public var activeUsers: Int
  /// `activity` rows in the range.
  public var events: Int
  /// `activity` rows in the range by kind: search, playlist, play, login, other.
  public var byKind: [KindCount]

  /// Creates an activity report.
  public init(activeUsers: Int, events: Int, byKind: [KindCount]) {
    self.activeUsers = activeUsers
    self.events = events
    self.byKind = byKind
  }
}

/// Events of one kind.
public struct KindCount: Codable, Equatable, Sendable {
  /// `search`, `playlist`, `play`, `login` or `other`.
  public var kind: String
  /// `activity` rows of this kind.
  public var events: Int

  /// Creates a count.
  public init(kind: String, events: Int) {
    self.kind = kind
    self.events = events
  }
}

/// One genre's popularity: see ``GenrePopularity`` for the definitions.
public struct GenreCount: Codable, Equatable, Sendable {
  /// The genre exactly as stored.
  public var genre: String
  /// Distinct users with an engagement on a track of this genre.
  public var users: Int
  /// Engagements on tracks of this genre.
  public var events: Int

  /// Creates a count.
  public init(genre: String, users: Int, events: Int) {
    self.genre = genre
    self.users = users
    self.events = events
  }
}

/// One local day of a range.
public struct DailyPoint: Codable, Equatable, Sendable {
  /// The local date, `YYYY-MM-DD`.
  public var date: String
  /// `activity` rows that day (within the range).
  public var events: Int
  /// Of which, by kind: search, playlist, play, login, other.
  public var byKind: [Int]
  /// Likes that day.
  public var likes: Int
  /// Dislikes that day.
  public var dislikes: Int
  /// likes ÷ (likes + dislikes); `nil` on a day without ratings.
  public var likeRatio: Double?
  /// The share of the day inside the range, when the range starts or ends during it
  /// (`0.25` = six hours of the day); `nil` for a whole day.
  public var coverage: Double?
  /// Listeners whose first event (over the whole history) falls on this day, within the range.
  public var newListeners: Int = 0
  /// Stickiness: DAU ÷ MAU of the whole local day, where DAU = distinct listeners with an event
  /// that day and MAU = distinct listeners with an event in the 30 local days ending that day;
  /// 6 decimals. `nil` for all time, for a day less than half inside the range (a range edge)
  /// and for a day without MAU.
  public var stickiness: Double?

  /// Creates a point.
  public init(
    date: String, events: Int, byKind: [Int], likes: Int, dislikes: Int, likeRatio: Double?,
    coverage: Double? = nil
  ) {
    self.date = date
    self.events = events
    self.byKind = byKind
    self.likes = likes
    self.dislikes = dislikes
    self.likeRatio = likeRatio
    self.coverage = coverage
  }
}

/// `activity` rows per local weekday and hour.
public struct Heatmap: Codable, Equatable, Sendable {
  /// `cells[weekday][hour]`, weekday 0 = Monday … 6 = Sunday, hour 0 … 23.
  public var cells: [[Int]]

  /// Creates a heatmap.
  public init(cells: [[Int]]) { self.cells = cells }
}

/// A word-cloud term: see ``WordCounter`` for the definitions.
public struct WordWeight: Codable, Equatable, Sendable {
  /// The term in its most common original spelling.
  public var term: String
  /// Distinct users who used it in the range.
  public var weight: Int
  /// Its occurrences in the range.
  public var count: Int

  /// Creates a weight.
  public init(term: String, weight: Int, count: Int) {
    self.term = term
    self.weight = weight
    self.count = count
  }
}

/// The headline numbers of the period before a range, for comparison: the same stretch of local
/// days and hours, `days` days earlier.
public struct PreviousRange: Codable, Equatable, Sendable {
  /// The period's first second, ISO 8601 UTC: the start of local day `asOfDay − 2 × days + 1`.
  public var start: String
  /// The period's last second, ISO 8601 UTC: on local day `asOfDay − days`, as many seconds after
  /// its start as the as-of time is after the as-of day's start (never past the day's end).
  public var end: String
  /// Activity in the previous range.
  public var activity: ActivityReport
  /// Likes in the previous range.
  public var likes: Int
  /// Dislikes in the previous range.
  public var dislikes: Int
  /// Like ratio in the previous range; `nil` without ratings.
  public var likeRatio: Double?
  /// One point per local day of the previous range.
  public var daily: [DailyPoint]
  /// New and returning listeners and stickiness in the previous range.
  public var listeners: ListenersReport?

  /// Creates a previous range.
  public init(
    start: String, end: String, activity: ActivityReport, likes: Int, dislikes: Int,
    likeRatio: Double?, daily: [DailyPoint]
  ) {
    self.start = start
    self.end = end
    self.activity = activity
    self.likes = likes
    self.dislikes = dislikes
    self.likeRatio = likeRatio
    self.daily = daily
  }
}
