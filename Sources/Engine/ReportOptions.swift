import ReportModel

/// The choices that shape a report. The same data and options always give the same report.
public struct ReportOptions: Sendable, Equatable {
  /// The end of every range, Unix seconds; `nil` means the latest valid event time in the data.
  public var asOf: Int64?
  /// The time zone that days, weekdays and hours are counted in.
  public var zone: ZoneRules
  /// The languages whose built-in stopword lists the word cloud leaves out (all by default).
  public var stopwordLanguages: Set<StopwordLanguage>
  /// Words left out of the word cloud besides the built-in lists (`--stopwords FILE`),
  /// normalised like terms.
  public var extraStopwords: Set<String>
  /// Ratings a track needs before it is ranked among the most liked or disliked.
  public var minRatings: Int
  /// How many tracks the most liked and most disliked lists hold.
  public var topTracks: Int
  /// How many terms a range's word list holds.
  public var topWords: Int
  /// How many users the "most recently active" table holds.
  public var recentUsers: Int
  /// The fewest distinct users a published group (genre, track, term, source, model) may be
  /// backed by; smaller groups are folded together, or left out when even together they are
  /// too small.
  public var minUsers: Int
  /// How many sound clusters the catalog is grouped into (K-means' k). It shapes only the
  /// clusters, not the counts, so a saved state still applies when it changes.
  public var clusters: Int

  /// The defaults: latest event, UTC, the stopwords of every built-in language, 20 ratings, 10
  /// tracks, 150 words, 25 users, groups of at least 5 users, 17 sound clusters.
  public init(
    asOf: Int64? = nil, zone: ZoneRules = .utc,
    stopwordLanguages: Set<StopwordLanguage> = Set(StopwordLanguage.allCases),
    extraStopwords: Set<String> = [],
    minRatings: Int = 20, topTracks: Int = 10, topWords: Int = 150, recentUsers: Int = 25,
    minUsers: Int = 5, clusters: Int = 17
  ) {
    self.asOf = asOf
    self.zone = zone
    self.stopwordLanguages = stopwordLanguages
    self.extraStopwords = extraStopwords
    self.minRatings = minRatings
    self.topTracks = topTracks
    self.topWords = topWords
    self.recentUsers = recentUsers
    self.minUsers = max(1, minUsers)
    self.clusters = clusters
  }

  /// Every stopword in force: the chosen languages' lists and the extra words. The saved
  /// state's fingerprint covers this set, so choosing other languages reads everything again.
  package var stopwords: Set<String> {
    Stopwords.words(for: stopwordLanguages).union(extraStopwords)
  }
}
