/// Short readable names for clusters, from their centroids (in z-scores), unique within a
/// clustering.
///
/// **One centroid.** A centroid's label names the features that set it apart most: those whose
/// |z| is at least ``threshold``, largest |z| first (equal |z|: the feature listed first), at
/// most ``maximumWords``, each as the feature's word for a high or a low value ("energetic ·
/// danceable", "acoustic · calm · slow"). A centroid with no such feature is "balanced".
///
/// **Unique labels** (``labels(centroids:features:count:)``). Clusters whose labels are equal
/// are told apart in rounds: in each round, every cluster whose label another cluster shares
/// gets one more word, the word of its next most distinctive feature — the next in the same
/// order (|z| descending, ties by feature order), now whatever its |z|, leaving out a feature
/// at exactly 0, which has no direction; a "balanced" cluster keeps "balanced" in front
/// ("balanced · fast"). A cluster with no feature left keeps its label. The rounds stop when no
/// label is shared, or when no cluster that shares one has a word left; each cluster that
/// still shares its label then gets its number, counted from 1 as the report and the site
/// count clusters: "energetic (1)", "energetic (2)". A longer label can equal another
/// cluster's label, which then takes part in the next round too.
public enum ClusterLabel {
  /// How far from the catalog's mean (in standard deviations) a feature must be to be named.
  public static let threshold = 0.5
  /// The most words in a label, unless it needs more to be unique.
  public static let maximumWords = 3

  /// The label of one centroid, on its own (it may equal another centroid's label).
  public static func label(centroid: [Double], features: [AudioFeature]) -> String {
    let ranked = Ranking(centroid: centroid, features: features)
    return ranked.label(words: ranked.named)
  }

  /// The labels of `count` centroids stored row by row, made unique by more words and, as a
  /// last resort, the cluster's number (see the type's description).
  public static func labels(centroids: [Double], features: [AudioFeature], count: Int) -> [String] {
    let d = features.count
    let rankings = (0..<count).map { c in
      Ranking(centroid: Array(centroids[(c * d)..<(c * d + d)]), features: features)
    }
    var words = rankings.map(\.named)
    func labels() -> [String] { zip(rankings, words).map { $0.label(words: $1) } }
    while true {
      var extended = false
      for group in shared(labels()) {
        for c in group where words[c] < rankings[c].words.count {
          words[c] += 1
          extended = true
        }
      }
      if !extended { break }
    }
    var result = labels()
    for group in shared(result) {
      for c in group { result[c] += " (\(c + 1))" }
    }
    return result
  }

  /// The groups of two or more positions holding the same label, in order of first position.
  private static func shared(_ labels: [String]) -> [[Int]] {
    Dictionary(grouping: labels.indices, by: { labels[$0] }).values
      .filter { $0.count > 1 }
      .sorted { $0[0] < $1[0] }
  }

  /// A centroid's features in order of distinctiveness, as words.
  private struct Ranking {
    /// The word of every feature with a direction (z ≠ 0), largest |z| first.
    let words: [String]
    /// How many of them the label names on its own: |z| ≥ ``threshold``, at most
    /// ``maximumWords``.
    let named: Int

    init(centroid: [Double], features: [AudioFeature]) {
      let order = centroid.indices
        .filter { centroid[$0] != 0 && centroid[$0].isFinite }
        .sorted { a, b in
          let (za, zb) = (abs(centroid[a]), abs(centroid[b]))
          return za != zb ? za > zb : a < b
        }
      words = order.map { centroid[$0] > 0 ? features[$0].words.high : features[$0].words.low }
      named = min(order.prefix { abs(centroid[$0]) >= threshold }.count, maximumWords)
    }

    /// The label with the first `words` words; "balanced" in front when the centroid has no
    /// feature of its own to name.
    func label(words count: Int) -> String {
      let chosen = words.prefix(count)
      if named == 0 { return (["balanced"] + chosen).joined(separator: " · ") }
      return chosen.joined(separator: " · ")
    }
  }
}
