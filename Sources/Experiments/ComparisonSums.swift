/// The sums a ``VersionComparison`` needs, accumulated one listener at a time: a few integers
/// per pair of versions instead of every listener's tally, exact, and mergeable across
/// partitions that hold disjoint sets of listeners (the sums of the parts are the sums of the
/// whole, in any order).
///
/// The variance needs Σe_Ai² with e_Ai = y_Ai − R_A·m_Ai, but R_A is known only at the end.
/// Expanding the squares moves R_A out of the sums:
///
///     Σe_Ai²     = Σy_Ai² − 2R_A·Σy_Ai·m_Ai + R_A²·Σm_Ai²                  (B likewise)
///     Σe_Ai·e_Bi = Σy_Ai·y_Bi − R_B·Σy_Ai·m_Bi − R_A·Σm_Ai·y_Bi + R_A·R_B·Σm_Ai·m_Bi
///
/// So the comparison follows from n, per version (``Version``) its listeners, Σy, Σm, Σy²,
/// Σm², Σy·m, and the cross sums (``Cross``) Σy_A·y_B, Σy_A·m_B, Σm_A·y_B, Σm_A·m_B.
///
/// To keep the expansion free of cancellation, ``comparison`` multiplies it through by
/// (Σm_A)² (and Σm_A·Σm_B) and evaluates it in 128-bit integers:
/// (Σm_A)²·Σe_Ai² = Σ(Σm_A·y_Ai − Σy_A·m_Ai)² exactly, so a residual sum that is zero is
/// exactly zero. That is exact while Σm² · (Σm)² stays below 1.7 × 10³⁸ (for example a billion
/// ratings with at most a million per listener); the sums themselves are `Int`s, and
/// arithmetic past either bound traps.
public struct ComparisonSums: Sendable, Hashable, Codable {
  /// One version's sums over the listeners.
  public struct Version: Sendable, Hashable, Codable {
    /// Listeners with m_i > 0.
    public var listeners: Int
    /// Σy_i, likes.
    public var likes: Int
    /// Σm_i, ratings.
    public var ratings: Int
    /// Σy_i².
    public var likesSquared: Int
    /// Σm_i².
    public var ratingsSquared: Int
    /// Σy_i·m_i.
    public var likesTimesRatings: Int

    /// Sums from their values (for restoring a saved state); all zero by default.
    public init(
      listeners: Int = 0, likes: Int = 0, ratings: Int = 0, likesSquared: Int = 0,
      ratingsSquared: Int = 0, likesTimesRatings: Int = 0
    ) {
      self.listeners = listeners
      self.likes = likes
      self.ratings = ratings
      self.likesSquared = likesSquared
      self.ratingsSquared = ratingsSquared
      self.likesTimesRatings = likesTimesRatings
    }

    /// Adds (`sign` 1) or takes back (`sign` −1) one listener's likes and ratings.
    mutating func add(likes y: Int, ratings m: Int, sign: Int) {
      listeners += m > 0 ? sign : 0
      likes += sign * y
      ratings += sign * m
      likesSquared += sign * y * y
      ratingsSquared += sign * m * m
      likesTimesRatings += sign * y * m
    }

    /// Adds another set of listeners' sums.
    mutating func merge(_ other: Version) {
      listeners += other.listeners
      likes += other.likes
      ratings += other.ratings
      likesSquared += other.likesSquared
      ratingsSquared += other.ratingsSquared
      likesTimesRatings += other.likesTimesRatings
    }

    /// (Σm)²·Σe² = (Σm)²·Σy² − 2·Σm·Σy·Σy·m + (Σy)²·Σm² = Σ(Σm·y_i − Σy·m_i)², exact.
    var scaledSquaredResiduals: Int128 {
      let y = Int128(likes)
      let m = Int128(ratings)
      let squares = m * m * Int128(likesSquared) + y * y * Int128(ratingsSquared)
      return squares - 2 * m * y * Int128(likesTimesRatings)
    }
  }

  /// The sums over products of a listener's A and B tallies.
  public struct Cross: Sendable, Hashable, Codable {
    /// Σy_Ai·y_Bi.
    public var likesALikesB: Int
    /// Σy_Ai·m_Bi.
    public var likesARatingsB: Int
    /// Σm_Ai·y_Bi.
    public var ratingsALikesB: Int
    /// Σm_Ai·m_Bi.
    public var ratingsARatingsB: Int

    /// Sums from their values (for restoring a saved state); all zero by default.
    public init(
      likesALikesB: Int = 0, likesARatingsB: Int = 0, ratingsALikesB: Int = 0,
      ratingsARatingsB: Int = 0
    ) {
      self.likesALikesB = likesALikesB
      self.likesARatingsB = likesARatingsB
      self.ratingsALikesB = ratingsALikesB
      self.ratingsARatingsB = ratingsARatingsB
    }
  }

  /// n: listeners with at least one counted rating of A or B.
  public private(set) var listeners: Int
  /// Version A's sums.
  public private(set) var a: Version
  /// Version B's sums.
  public private(set) var b: Version
  /// The cross sums of A and B.
  public private(set) var cross: Cross

  /// Sums from their values (for restoring a saved state); empty by default.
  public init(
    listeners: Int = 0, a: Version = Version(), b: Version = Version(), cross: Cross = Cross()
  ) {
    self.listeners = listeners
    self.a = a
    self.b = b
    self.cross = cross
  }

  /// The sums of a sequence of tallies, one per listener.
  public init(tallies: some Sequence<ListenerTally>) {
    self.init()
    for tally in tallies { add(tally) }
  }

  /// Adds one listener's tally. A tally without ratings changes nothing (it is not among the
  /// n listeners). Adding the same listener twice is not the same as adding their combined
  /// tally: take the old tally back with ``remove(_:)`` and add the new one.
  public mutating func add(_ tally: ListenerTally) {
    count(tally, sign: 1)
  }

  /// Takes back a tally added before: the exact inverse of ``add(_:)``.
  public mutating func remove(_ tally: ListenerTally) {
    count(tally, sign: -1)
  }

  private mutating func count(_ tally: ListenerTally, sign: Int) {
    guard tally.isCounted else { return }
    listeners += sign
    a.add(likes: tally.likesA, ratings: tally.ratingsA, sign: sign)
    b.add(likes: tally.likesB, ratings: tally.ratingsB, sign: sign)
    cross.likesALikesB += sign * tally.likesA * tally.likesB
    cross.likesARatingsB += sign * tally.likesA * tally.ratingsB
    cross.ratingsALikesB += sign * tally.ratingsA * tally.likesB
    cross.ratingsARatingsB += sign * tally.ratingsA * tally.ratingsB
  }

  /// Adds the sums of another partition, whose listeners are all different from this one's.
  public mutating func merge(_ other: ComparisonSums) {
    listeners += other.listeners
    a.merge(other.a)
    b.merge(other.b)
    cross.likesALikesB += other.cross.likesALikesB
    cross.likesARatingsB += other.cross.likesARatingsB
    cross.ratingsALikesB += other.cross.ratingsALikesB
    cross.ratingsARatingsB += other.cross.ratingsARatingsB
  }

  /// These sums merged with another partition's (see ``merge(_:)``).
  public func merging(_ other: ComparisonSums) -> ComparisonSums {
    var merged = self
    merged.merge(other)
    return merged
  }

  /// The comparison these sums describe, with the same definitions and edge cases as
  /// ``VersionComparison/init(tallies:)``.
  public var comparison: VersionComparison {
    let totalsA = VersionTotals(listeners: a.listeners, likes: a.likes, ratings: a.ratings)
    let totalsB = VersionTotals(listeners: b.listeners, likes: b.likes, ratings: b.ratings)
    guard listeners >= 2, a.ratings > 0, b.ratings > 0 else {
      return VersionComparison(listeners: listeners, a: totalsA, b: totalsB, variance: nil)
    }
    let ratingsA = Double(a.ratings)
    let ratingsB = Double(b.ratings)
    let variance = DeltaVariance(
      listeners: listeners, ratingsA: a.ratings, ratingsB: b.ratings,
      squaredResidualsA: Double(a.scaledSquaredResiduals) / (ratingsA * ratingsA),
      squaredResidualsB: Double(b.scaledSquaredResiduals) / (ratingsB * ratingsB),
      crossResiduals: Double(scaledCrossResiduals) / (ratingsA * ratingsB))
    return VersionComparison(listeners: listeners, a: totalsA, b: totalsB, variance: variance)
  }

  /// Σm_A·Σm_B·Σe_Ai·e_Bi = Σ(Σm_A·y_Ai − Σy_A·m_Ai)(Σm_B·y_Bi − Σy_B·m_Bi)
  /// = Σm_A·Σm_B·Σy_A·y_B − Σm_A·Σy_B·Σy_A·m_B − Σy_A·Σm_B·Σm_A·y_B + Σy_A·Σy_B·Σm_A·m_B, exact.
  var scaledCrossResiduals: Int128 {
    let yA = Int128(a.likes)
    let mA = Int128(a.ratings)
    let yB = Int128(b.likes)
    let mB = Int128(b.ratings)
    let products = mA * mB * Int128(cross.likesALikesB) + yA * yB * Int128(cross.ratingsARatingsB)
    let mixed = mA * yB * Int128(cross.likesARatingsB) + yA * mB * Int128(cross.ratingsALikesB)
    return products - mixed
  }
}
