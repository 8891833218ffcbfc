/// Likes and dislikes of recommendations in a range.
///
/// Definitions: like ratio = likes ÷ (likes + dislikes); the interval is the 95% Wilson score
/// interval (``WilsonInterval``). Ratios and bounds are rounded to 6 decimals; all are `nil`
/// without ratings.
public struct FeedbackReport: Codable, Equatable, Sendable {
  /// `feedback` rows with verdict 1 in the range.
  public var likes: Int
  /// `feedback` rows with verdict -1 in the range.
  public var dislikes: Int
  /// likes ÷ (likes + dislikes).
  public var likeRatio: Double?
  /// Lower bound of the 95% Wilson interval of the like ratio.
  public var wilsonLower: Double?
  /// Upper bound of the 95% Wilson interval of the like ratio.
  public var wilsonUpper: Double?
  /// Per genre of the rated track (a track with two genres counts for both), ranked by like
  /// ratio, then ratings, then name; genres without ratings are left out.
  public var byGenre: [RatedGroup]
  /// Genres rated by fewer than `minUsers` distinct users, folded.
  public var byGenreOther: FoldedGroups?
  /// Per `source` (what the recommendation was seeded from), ranked by ratings, then name;
  /// a missing source is shown last, as "(not recorded)".
  public var bySource: [RatedGroup]
  /// Sources used by fewer than `minUsers` distinct raters, folded.
  public var bySourceOther: FoldedGroups?
  /// Per `model` (the recommender's version), in natural name order (`rec-v2` before
  /// `rec-v10`); a missing model is shown last, as "(not recorded)".
  public var byModel: [RatedGroup]
  /// Models rated by fewer than `minUsers` distinct users, folded.
  public var byModelOther: FoldedGroups?
  /// Tracks with at least the minimum number of ratings from at least `minUsers` distinct
  /// users, liked more often than disliked, ranked by the Wilson lower bound of their like
  /// ratio, then ratings, then track id.
  public var mostLiked: [RatedTrack]
  /// The same for tracks disliked more often than liked, ranked by the Wilson lower bound of
  /// their dislike ratio. A track as often liked as disliked is on neither list.
  public var mostDisliked: [RatedTrack]
  /// The minimum number of ratings a track needs to be ranked.
  public var minRatings: Int

  /// Creates a feedback report.
  public init(
    likes: Int, dislikes: Int, byGenre: [RatedGroup], bySource: [RatedGroup],
    byModel: [RatedGroup], mostLiked: [RatedTrack], mostDisliked: [RatedTrack], minRatings: Int,
    byGenreOther: FoldedGroups? = nil, bySourceOther: FoldedGroups? = nil,
    byModelOther: FoldedGroups? = nil
  ) {
    self.likes = likes
    self.dislikes = dislikes
    let rating = Rating(likes: likes, dislikes: dislikes)
    self.likeRatio = rating.ratio
    self.wilsonLower = rating.lower
    self.wilsonUpper = rating.upper
    self.byGenre = byGenre
    self.byGenreOther = byGenreOther
    self.bySource = bySource
    self.bySourceOther = bySourceOther
    self.byModel = byModel
    self.byModelOther = byModelOther
    self.mostLiked = mostLiked
    self.mostDisliked = mostDisliked
    self.minRatings = minRatings
  }
}

/// Likes and dislikes of one group: a genre, a source or a model.
public struct RatedGroup: Codable, Equatable, Sendable {
  /// The group's name as stored.
  public var name: String
  /// Likes.
  public var likes: Int
  /// Dislikes.
  public var dislikes: Int
  /// likes ÷ (likes + dislikes).
  public var likeRatio: Double?
  /// Lower bound of the 95% Wilson interval.
  public var wilsonLower: Double?
  /// Upper bound of the 95% Wilson interval.
  public var wilsonUpper: Double?

  /// Creates a group from its counts.
  public init(name: String, likes: Int, dislikes: Int) {
    self.name = name
    self.likes = likes
    self.dislikes = dislikes
    (likeRatio, wilsonLower, wilsonUpper) = Rating(likes: likes, dislikes: dislikes).fields
  }
}

/// Likes and dislikes of one recommended track.
public struct RatedTrack: Codable, Equatable, Sendable {
  /// `tracks.track_id`.
  public var trackId: String
  /// `tracks.title`.
  public var title: String
  /// `tracks.artist`.
  public var artist: String
  /// Likes.
  public var likes: Int
  /// Dislikes.
  public var dislikes: Int
  /// likes ÷ (likes + dislikes).
  public var likeRatio: Double?
  /// Lower bound of the 95% Wilson interval of the like ratio.
  public var wilsonLower: Double?
  /// Upper bound of the 95% Wilson interval of the like ratio.
  public var wilsonUpper: Double?

  /// Creates a rated track from its counts.
  public init(trackId: String, title: String, artist: String, likes: Int, dislikes: Int) {
    self.trackId = trackId
    self.title = title
    self.artist = artist
    self.likes = likes
    self.dislikes = dislikes
    (likeRatio, wilsonLower, wilsonUpper) = Rating(likes: likes, dislikes: dislikes).fields
  }
}

/// A like ratio and its Wilson interval, rounded for the report.
package struct Rating {
  /// Likes ÷ (likes + dislikes), rounded; `nil` without ratings.
  package let ratio: Double?
  /// The Wilson interval's lower bound, rounded.
  package let lower: Double?
  /// The Wilson interval's upper bound, rounded.
  package let upper: Double?

  package init(likes: Int, dislikes: Int) {
    let n = likes + dislikes
    ratio = n > 0 ? Rounding.ratio(Double(likes) / Double(n)) : nil
    let interval = WilsonInterval(successes: likes, trials: n)
    lower = interval.map { Rounding.ratio($0.lower) }
    upper = interval.map { Rounding.ratio($0.upper) }
  }

  /// The like ratio and the interval's bounds, in the order the report's types store them.
  package var fields: (Double?, Double?, Double?) { (ratio, lower, upper) }
}

/// How ratios are rounded in the report: 6 decimals, so `report.json` stays readable and stable.
package enum Rounding {
  /// `value` rounded to 6 decimals.
  package static func ratio(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

  /// `value` (at most 1 in size) rounded to 6 significant digits, so that a small p-value keeps
  /// its size: the nearest `Double` to the rounded decimal, which prints as that decimal.
  package static func significant(_ value: Double) -> Double {
    guard value.isFinite, value != 0, value.magnitude < 1 else { return value }
    var scaled = value
    var exponent = 0
    while scaled.magnitude < 100_000 {
      scaled *= 10
      exponent += 1
    }
    return Double("\(Int(scaled.rounded()))e-\(exponent)") ?? value
  }
}
