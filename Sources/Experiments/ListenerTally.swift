/// One listener's counted ratings of the two model versions of a comparison, over the overlap
/// days only: likes and ratings under A (y_Ai, m_Ai) and under B (y_Bi, m_Bi), zero where the
/// listener did not rate that version.
///
/// A tally with no ratings at all (m_Ai = m_Bi = 0) is not a listener of the comparison: it
/// adds nothing and does not count in n.
public struct ListenerTally: Sendable, Hashable {
  /// y_Ai: the listener's likes of songs recommended by version A.
  public let likesA: Int
  /// m_Ai: the listener's ratings (likes and dislikes) of songs recommended by version A.
  public let ratingsA: Int
  /// y_Bi: the listener's likes of songs recommended by version B.
  public let likesB: Int
  /// m_Bi: the listener's ratings of songs recommended by version B.
  public let ratingsB: Int

  /// A listener's tallies; each version needs 0 ≤ likes ≤ ratings (a programming error
  /// otherwise: the engine counts them).
  public init(likesA: Int, ratingsA: Int, likesB: Int, ratingsB: Int) {
    precondition(0 <= likesA && likesA <= ratingsA, "version A needs 0 ≤ likes ≤ ratings")
    precondition(0 <= likesB && likesB <= ratingsB, "version B needs 0 ≤ likes ≤ ratings")
    self.likesA = likesA
    self.ratingsA = ratingsA
    self.likesB = likesB
    self.ratingsB = ratingsB
  }

  /// Whether the listener has at least one counted rating of A or B (counts in n).
  public var isCounted: Bool { ratingsA > 0 || ratingsB > 0 }
}
