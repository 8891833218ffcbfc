import Foundation

/// How the content recommender would have done on the service's own listeners: leave-one-out on
/// likes. A sanity check of the content model on the service's own data, not a production A/B
/// test: a listener's likes came from the service's recommendations, which biases them towards
/// what it recommended.
///
/// For every listener with at least ``minimumLikes`` liked tracks that have features: hide the
/// latest like (by time, then feedback id), use the other liked tracks as the playlist, and
/// recommend ``listLength`` tracks, leaving out every other track the listener rated (the hidden
/// one stays possible). Scores per method:
/// - hit rate@10 = listeners whose hidden track is in their list ÷ listeners;
/// - NDCG@10 = the mean over listeners of 1 ÷ log2(rank + 1) when the hidden track is at `rank`,
///   else 0 (one relevant track, so the ideal DCG is 1);
/// - coverage = distinct tracks recommended to anyone ÷ tracks with features;
/// - mean popularity = the mean, over every recommended slot, of the track's number of likes.
///
/// Baselines: the 10 most-liked tracks (ties by id) and 10 random tracks (seeded), both with the
/// same exclusions.
public struct OfflineEvaluation: Sendable {
  /// The fewest liked tracks with features a listener needs to be evaluated.
  public static let minimumLikes = 5
  /// The length of every recommended list.
  public static let listLength = 10

  /// One listener's ratings, as catalog positions.
  public struct Listener: Sendable {
    /// Liked tracks with features, oldest first (the last one is hidden).
    public var likes: [Int]
    /// Every rated track with features (likes and dislikes).
    public var rated: Set<Int>

    /// Creates a listener.
    public init(likes: [Int], rated: Set<Int>) {
      self.likes = likes
      self.rated = rated
    }
  }

  /// A method's raw scores; intervals are computed by whoever shows them.
  public struct Score: Sendable, Equatable {
    /// Listeners evaluated.
    public var listeners: Int
    /// Listeners whose hidden track was recommended.
    public var hits: Int
    /// Sum of per-listener NDCG@10.
    public var ndcgSum: Double
    /// Sum of squares of per-listener NDCG@10 (for the interval).
    public var ndcgSquares: Double
    /// Distinct tracks recommended to anyone.
    public var distinctTracks: Int
    /// Recommended slots over all lists.
    public var slots: Int
    /// Sum of the like counts of the tracks in those slots.
    public var popularitySum: Double
    /// Sum of squares of those like counts (for the interval).
    public var popularitySquares: Double
  }

  /// The content model's scores.
  public var content: Score
  /// The baseline that recommends the 10 most-liked tracks.
  public var mostLiked: Score
  /// The baseline that recommends 10 random tracks (seeded).
  public var random: Score
  /// Tracks with features (the denominator of coverage).
  public var catalogTracks: Int

  /// Evaluates `model` on `listeners` (those with too few likes are skipped); `likeCounts[i]` is
  /// the number of likes of the track at catalog position `i`.
  public init(model: ContentRecommender, listeners: [Listener], likeCounts: [Int], seed: UInt64 = 7)
  {
    let eligible = listeners.filter { $0.likes.count >= Self.minimumLikes }
    let n = model.catalog.tracks.count
    let popular = (0..<n).sorted {
      likeCounts[$0] != likeCounts[$1]
        ? likeCounts[$0] > likeCounts[$1]
        : model.catalog.tracks[$0].id < model.catalog.tracks[$1].id
    }
    var random = SeededRandom(seed: seed)
    var scores = [Accumulator](repeating: Accumulator(), count: 3)
    for listener in eligible {
      let hidden = listener.likes[listener.likes.count - 1]
      let playlist = Array(listener.likes.dropLast())
      var excluded = listener.rated
      excluded.remove(hidden)
      let content = model.similar(to: playlist, count: Self.listLength, excluding: excluded).map(
        \.index)
      let mostLiked = Array(popular.lazy.filter { !excluded.contains($0) }.prefix(Self.listLength))
      var drawn: [Int] = []
      var tries = 0
      while drawn.count < min(Self.listLength, n - excluded.count), tries < 100 * Self.listLength {
        tries += 1
        let pick = Int(random.next() % UInt64(n))
        if !excluded.contains(pick) && !drawn.contains(pick) { drawn.append(pick) }
      }
      for (method, list) in [content, mostLiked, drawn].enumerated() {
        scores[method].add(list: list, hidden: hidden, likeCounts: likeCounts)
      }
    }
    self.content = scores[0].score(listeners: eligible.count)
    mostLiked = scores[1].score(listeners: eligible.count)
    self.random = scores[2].score(listeners: eligible.count)
    catalogTracks = n
  }

  /// Running sums for one method.
  struct Accumulator {
    var hits = 0
    var ndcgSum = 0.0
    var ndcgSquares = 0.0
    var tracks: Set<Int> = []
    var slots = 0
    var popularitySum = 0.0
    var popularitySquares = 0.0

    mutating func add(list: [Int], hidden: Int, likeCounts: [Int]) {
      if let position = list.firstIndex(of: hidden) {
        hits += 1
        let gain = 1 / log2(Double(position + 2))
        ndcgSum += gain
        ndcgSquares += gain * gain
      }
      for track in list {
        tracks.insert(track)
        slots += 1
        let likes = Double(likeCounts[track])
        popularitySum += likes
        popularitySquares += likes * likes
      }
    }

    func score(listeners: Int) -> Score {
      Score(
        listeners: listeners, hits: hits, ndcgSum: ndcgSum, ndcgSquares: ndcgSquares,
        distinctTracks: tracks.count, slots: slots, popularitySum: popularitySum,
        popularitySquares: popularitySquares)
    }
  }
}
