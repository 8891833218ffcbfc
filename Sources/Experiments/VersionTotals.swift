/// One version's side of a comparison, over the overlap days: how many listeners rated it,
/// their likes Σy and ratings Σm, and the like ratio R = Σy / Σm.
public struct VersionTotals: Sendable, Hashable, Codable {
  /// Listeners with at least one counted rating of this version (m_i > 0).
  public let listeners: Int
  /// Σy_i: likes of songs this version recommended.
  public let likes: Int
  /// Σm_i: ratings (likes and dislikes) of songs this version recommended.
  public let ratings: Int

  /// Totals from their counts; needs 0 ≤ likes ≤ ratings and 0 ≤ listeners ≤ ratings.
  public init(listeners: Int, likes: Int, ratings: Int) {
    precondition(0 <= likes && likes <= ratings, "needs 0 ≤ likes ≤ ratings")
    precondition(0 <= listeners && listeners <= ratings, "needs 0 ≤ listeners ≤ ratings")
    self.listeners = listeners
    self.likes = likes
    self.ratings = ratings
  }

  /// The like ratio R = Σy / Σm, or `nil` when the version has no counted rating (Σm = 0).
  public var likeRatio: Double? {
    ratings > 0 ? Double(likes) / Double(ratings) : nil
  }
}
