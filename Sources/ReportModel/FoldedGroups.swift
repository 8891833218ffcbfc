/// Groups too small to publish on their own, folded together.
///
/// A group (a genre, a term, a source, a model) backed by fewer than `minUsers` distinct users
/// in the range is not listed. Such groups are summed here when, together, they are backed by at
/// least `minUsers` distinct users; otherwise only their number is given.
public struct FoldedGroups: Codable, Equatable, Sendable {
  /// How many groups were folded.
  public var groups: Int
  /// Distinct users across them; `nil` when fewer than `minUsers` (everything else is then `nil` too).
  public var users: Int?
  /// Their events (engagements for genres, occurrences for terms); `nil` when suppressed.
  public var events: Int?
  /// Their likes, for rated groups; `nil` when suppressed or not rated.
  public var likes: Int?
  /// Their dislikes, for rated groups.
  public var dislikes: Int?
  /// likes ÷ (likes + dislikes), for rated groups.
  public var likeRatio: Double?

  /// Creates folded groups.
  public init(
    groups: Int, users: Int?, events: Int? = nil, likes: Int? = nil, dislikes: Int? = nil
  ) {
    self.groups = groups
    self.users = users
    self.events = events
    self.likes = likes
    self.dislikes = dislikes
    if let likes, let dislikes { likeRatio = Rating(likes: likes, dislikes: dislikes).ratio }
  }
}
