/// One version's side of a comparison.
public struct ComparedVersion: Codable, Equatable, Sendable {
  /// The version's name.
  public var model: String
  /// The version's first and last local day with a rating in the range (all of its ratings,
  /// not only the overlap's): when it served.
  public var firstDay: String
  /// See ``firstDay``.
  public var lastDay: String
  /// Listeners with a counted rating of this version (overlap days only); `nil` when withheld.
  public var listeners: Int?
  /// Their likes of this version's songs; `nil` when withheld.
  public var likes: Int?
  /// Their ratings (likes and dislikes) of this version's songs; `nil` when withheld.
  public var ratings: Int?
  /// likes ÷ ratings, 6 decimals; `nil` when withheld.
  public var likeRatio: Double?

  /// Creates a version's side.
  public init(
    model: String, firstDay: String, lastDay: String, listeners: Int?, likes: Int?,
    ratings: Int?, likeRatio: Double?
  ) {
    self.model = model
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.listeners = listeners
    self.likes = likes
    self.ratings = ratings
    self.likeRatio = likeRatio
  }

  private enum CodingKeys: String, CodingKey {
    case model, firstDay, lastDay, listeners, likes, ratings, likeRatio
  }

  /// Writes every field, `null` for a withheld number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(model, forKey: .model)
    try container.encode(firstDay, forKey: .firstDay)
    try container.encode(lastDay, forKey: .lastDay)
    try container.encode(listeners, forKey: .listeners)
    try container.encode(likes, forKey: .likes)
    try container.encode(ratings, forKey: .ratings)
    try container.encode(likeRatio, forKey: .likeRatio)
  }
}
