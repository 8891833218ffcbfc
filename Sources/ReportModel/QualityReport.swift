/// How evenly a range's rated recommendations spread over the catalog. Feedback rows are the
/// *rated* recommendations: recommendations nobody rated are not in the log.
public struct QualityReport: Codable, Equatable, Sendable {
  /// Distinct catalog tracks with at least one rating in the range.
  public var ratedTracks: Int
  /// Rows in `tracks`.
  public var catalogTracks: Int
  /// Catalog coverage = ratedTracks ÷ catalogTracks; `nil` for an empty catalog.
  public var coverage: Double?
  /// The Gini coefficient of ratings across every catalog track (tracks without a rating count
  /// as 0): 0 when every track has as many ratings, towards 1 when a few tracks have them all.
  /// G = Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² μ), computed as 2 Σᵢ i·x₍ᵢ₎ ÷ (n Σ x) − (n + 1) ÷ n over the
  /// counts sorted ascending (i = 1 … n); `nil` when the range has no rating.
  public var gini: Double?
  /// Whether recommendations that were rated lean to what is already played; `nil` without plays
  /// or ratings in the range.
  public var popularity: PopularityBias?

  /// Creates a quality report.
  public init(
    ratedTracks: Int, catalogTracks: Int, coverage: Double?, gini: Double?,
    popularity: PopularityBias? = nil
  ) {
    self.ratedTracks = ratedTracks
    self.catalogTracks = catalogTracks
    self.coverage = coverage
    self.gini = gini
    self.popularity = popularity
  }
}

/// Popularity bias: the catalog's tracks sorted by their plays in the range (most first, ties by
/// track id); the *head* is the shortest prefix holding at least 80% of the range's plays, the
/// *tail* every other track (unplayed ones included).
public struct PopularityBias: Codable, Equatable, Sendable {
  /// Tracks in the head.
  public var headTracks: Int
  /// Ratings of tail tracks ÷ all ratings in the range: how often the rated recommendations
  /// reached beyond the popular head.
  public var tailShare: Double
  /// Likes, dislikes and the like ratio (with its Wilson interval) of head tracks.
  public var head: RatedGroup
  /// The same for tail tracks.
  public var tail: RatedGroup

  /// Creates the figures.
  public init(headTracks: Int, tailShare: Double, head: RatedGroup, tail: RatedGroup) {
    self.headTracks = headTracks
    self.tailShare = tailShare
    self.head = head
    self.tail = tail
  }
}
