/// How well a range's recommendations did beyond the plain like ratio: which sounds were liked,
/// how evenly the rated recommendations spread over the catalog, whether they lean to what is
/// already popular, how novel they were and how new listeners fared. Feedback rows are the
/// *rated* recommendations: recommendations nobody rated are not in the log.
public struct QualityReport: Codable, Equatable, Sendable {
  /// Distinct catalog tracks with at least one rating in the range.
  public var ratedTracks: Int
  /// Distinct catalog tracks with at least one `play` row in the range.
  public var playedTracks: Int
  /// Rows in `tracks`.
  public var catalogTracks: Int
  /// Catalog coverage = ratedTracks ÷ catalogTracks; `nil` for an empty catalog.
  public var coverage: Double?
  /// The Gini coefficient of ratings across every catalog track (tracks without a rating count
  /// as 0): 0 when every track has as many ratings, towards 1 when a few tracks have them all.
  /// G = Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² μ), computed as 2 Σᵢ i·x₍ᵢ₎ ÷ (n Σ x) − (n + 1) ÷ n over the
  /// counts sorted ascending (i = 1 … n); `nil` when the range has no rating.
  public var gini: Double?
  /// Popularity bias: the catalog's tracks sorted by their `play` rows in the range (most
  /// first, ties by track id); the *head* is the shortest prefix holding at least 80% of the
  /// range's plays, the *tail* every other track (unplayed ones included). The number of head
  /// tracks; `nil` without plays or ratings in the range, as are the three fields below.
  public var headTracks: Int?
  /// Ratings of tail tracks ÷ all ratings in the range: how often the rated recommendations
  /// reached beyond the popular head.
  public var tailShare: Double?
  /// Likes, dislikes and the like ratio (with its Wilson interval) of head tracks.
  public var head: RatedGroup?
  /// The same for tail tracks.
  public var tail: RatedGroup?
  /// Novelty: the mean, over the range's ratings, of −log₂((1 + p) ÷ (1 + a)), where p is the
  /// number of distinct listeners with a `play` row of the rated track in the range and a the
  /// range's active listeners. 0 when every active listener played the track; higher for
  /// tracks few played. `nil` without ratings.
  public var novelty: Double?
  /// Ratings by the sound cluster of the rated track, in cluster order, then a row with
  /// `cluster` `nil` for tracks without audio features (when any was rated). Empty when the
  /// catalog has no track with features.
  public var byCluster: [ClusterRating]
  /// Ratings by the rater's tenure (see ``TenureRating``), always the four buckets in order.
  public var byTenure: [TenureRating]
  /// The same figures for the range before, of the same length; `nil` for all time.
  public var previous: PreviousQuality?

  /// Creates a quality report.
  public init(
    ratedTracks: Int, playedTracks: Int = 0, catalogTracks: Int, coverage: Double?, gini: Double?,
    headTracks: Int? = nil,
    tailShare: Double? = nil, head: RatedGroup? = nil, tail: RatedGroup? = nil,
    novelty: Double? = nil, byCluster: [ClusterRating] = [], byTenure: [TenureRating] = [],
    previous: PreviousQuality? = nil
  ) {
    self.ratedTracks = ratedTracks
    self.playedTracks = playedTracks
    self.catalogTracks = catalogTracks
    self.coverage = coverage
    self.gini = gini
    self.headTracks = headTracks
    self.tailShare = tailShare
    self.head = head
    self.tail = tail
    self.novelty = novelty
    self.byCluster = byCluster
    self.byTenure = byTenure
    self.previous = previous
  }
}

/// The headline quality figures of the range before a range (same definitions).
public struct PreviousQuality: Codable, Equatable, Sendable {
  /// Distinct catalog tracks played.
  public var playedTracks: Int
  /// Catalog coverage.
  public var coverage: Double?
  /// Gini coefficient of ratings.
  public var gini: Double?
  /// The tail's share of ratings.
  public var tailShare: Double?
  /// Novelty.
  public var novelty: Double?

  /// Creates the figures.
  public init(
    playedTracks: Int = 0, coverage: Double?, gini: Double?, tailShare: Double?, novelty: Double?
  ) {
    self.playedTracks = playedTracks
    self.coverage = coverage
    self.gini = gini
    self.tailShare = tailShare
    self.novelty = novelty
  }
}

/// The ratings of one sound cluster's tracks in a range.
public struct ClusterRating: Codable, Equatable, Sendable {
  /// The cluster's number (0-based, as in ``SoundReport/clusters``); `nil` for the row of
  /// tracks without audio features.
  public var cluster: Int?
  /// The cluster's label, or "no features".
  public var label: String
  /// Catalog tracks in the cluster (or without features).
  public var tracks: Int
  /// Likes of its tracks in the range.
  public var likes: Int
  /// Dislikes of its tracks in the range.
  public var dislikes: Int
  /// likes ÷ (likes + dislikes); `nil` without ratings.
  public var likeRatio: Double?
  /// Lower bound of the 95% Wilson interval.
  public var wilsonLower: Double?
  /// Upper bound of the 95% Wilson interval.
  public var wilsonUpper: Double?

  /// Creates a row from its counts.
  public init(cluster: Int?, label: String, tracks: Int, likes: Int, dislikes: Int) {
    self.cluster = cluster
    self.label = label
    self.tracks = tracks
    self.likes = likes
    self.dislikes = dislikes
    (likeRatio, wilsonLower, wilsonUpper) = Rating(likes: likes, dislikes: dislikes).fields
  }
}

/// Ratings by how long the rater had been a listener: whole local days from the day of their
/// first event of any kind (over the whole history up to the as-of time, not within the range)
/// to the day of the rating.
public struct TenureRating: Codable, Equatable, Sendable {
  /// `"0"` (the first day), `"1-6"`, `"7-29"` or `"30+"`.
  public var tenure: String
  /// A readable name: "first day", "days 1–6", "days 7–29", "30 days or more".
  public var label: String
  /// Likes given at that tenure in the range.
  public var likes: Int
  /// Dislikes given at that tenure in the range.
  public var dislikes: Int
  /// likes ÷ (likes + dislikes); `nil` without ratings.
  public var likeRatio: Double?
  /// Lower bound of the 95% Wilson interval.
  public var wilsonLower: Double?
  /// Upper bound of the 95% Wilson interval.
  public var wilsonUpper: Double?

  /// The buckets: key, label and the first day of tenure each holds.
  public static let buckets: [(key: String, label: String, from: Int)] = [
    ("0", "first day", 0), ("1-6", "days 1–6", 1), ("7-29", "days 7–29", 7),
    ("30+", "30 days or more", 30),
  ]

  /// The bucket index of a tenure of `days` whole days (0 … 3).
  public static func bucket(days: Int) -> Int {
    days >= 30 ? 3 : days >= 7 ? 2 : days >= 1 ? 1 : 0
  }

  /// Creates a row from its counts.
  public init(bucket: Int, likes: Int, dislikes: Int) {
    tenure = Self.buckets[bucket].key
    label = Self.buckets[bucket].label
    self.likes = likes
    self.dislikes = dislikes
    (likeRatio, wilsonLower, wilsonUpper) = Rating(likes: likes, dislikes: dislikes).fields
  }
}
