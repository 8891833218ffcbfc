/// How big the engine's state grew: what memory depends on (users, tracks, terms, pairs), for
/// `tunedash build --verbose` and the benchmarks.
public struct EngineStatistics: Sendable, CustomStringConvertible {
  /// Distinct users seen.
  public var users: Int
  /// Tracks in the catalog.
  public var tracks: Int
  /// Distinct terms.
  public var terms: Int
  /// Distinct spellings of terms.
  public var spellings: Int
  /// Distinct query texts kept in the tokenizer's cache.
  public var cachedQueries: Int
  /// (user, genre) pairs with an engagement.
  public var userGenrePairs: Int
  /// (user, term) pairs.
  public var userTermPairs: Int
  /// (user, genre) and (user, label) pairs with a rating.
  public var raterPairs: Int
  /// (user, track) pairs with an engagement or a play, for the top lists and novelty.
  public var userTrackPairs: Int
  /// Approximate bytes of the (user, genre), (user, term) and rater pair lists.
  public var pairBytes: Int
  /// Approximate bytes of the term tables and the query cache.
  public var termBytes: Int
  /// Approximate bytes of the per-track and per-day counts.
  public var trackBytes: Int
  /// Approximate bytes of the per-user records.
  public var userBytes: Int

  /// Approximate bytes of the largest structures.
  public var approximateBytes: Int { pairBytes + termBytes + trackBytes + userBytes }

  public var description: String {
    func megabytes(_ bytes: Int) -> String { "\(Int((Double(bytes) / 1_048_576).rounded())) MB" }
    return
      "engine: \(users) users, \(tracks) tracks, \(terms) terms (\(spellings) spellings, \(cachedQueries) cached queries), "
      + "\(userGenrePairs) user-genre pairs, \(userTermPairs) user-term pairs, \(raterPairs) rater pairs, "
      + "\(userTrackPairs) user-track pairs; "
      + "about \(megabytes(approximateBytes)): \(megabytes(pairBytes)) of pairs, \(megabytes(termBytes)) of terms and "
      + "cached queries, \(megabytes(trackBytes)) per track and day, \(megabytes(userBytes)) per user"
  }
}

extension EngineStatistics {
  /// Nothing counted yet: every accumulator adds its part (``AccumulatorGroup/describe(into:)``).
  init(tracks: Int) {
    self.init(
      users: 0, tracks: tracks, terms: 0, spellings: 0, cachedQueries: 0, userGenrePairs: 0,
      userTermPairs: 0, raterPairs: 0, userTrackPairs: 0, pairBytes: 0, termBytes: 0,
      trackBytes: 0, userBytes: 0)
  }
}

extension AnalyticsEngine {
  /// The size of the engine's state now: each accumulator describes its own.
  public var statistics: EngineStatistics {
    var statistics = EngineStatistics(tracks: catalog.trackCount)
    accumulators.describe(into: &statistics)
    return statistics
  }
}
