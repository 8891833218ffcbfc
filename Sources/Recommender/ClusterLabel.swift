/// Short readable names for clusters, from their centroids (in z-scores).
///
/// A centroid's label names the features that set it apart most: those whose |z| is at least
/// ``threshold``, largest first, at most ``maximumWords``, each as the feature's word for a high or
/// a low value ("energetic · danceable", "acoustic · calm · slow"). A centroid with no such feature
/// is "balanced". Two clusters with the same words are told apart by a number: "calm (2)".
public enum ClusterLabel {
  /// How far from the catalog's mean (in standard deviations) a feature must be to be named.
  public static let threshold = 0.5
  /// The most words in a label.
  public static let maximumWords = 3

  /// The label of one centroid.
  public static func label(centroid: [Double], features: [AudioFeature]) -> String {
    let named = centroid.indices
      .filter { abs(centroid[$0]) >= threshold }
      .sorted { abs(centroid[$0]) != abs(centroid[$1]) ? abs(centroid[$0]) > abs(centroid[$1]) : $0 < $1 }
      .prefix(maximumWords)
      .map { centroid[$0] > 0 ? features[$0].words.high : features[$0].words.low }
    return named.isEmpty ? "balanced" : named.joined(separator: " · ")
  }

  /// The labels of `count` centroids stored row by row, made unique with a number.
  public static func labels(centroids: [Double], features: [AudioFeature], count: Int) -> [String] {
    let d = features.count
    var seen: [String: Int] = [:]
    return (0..<count).map { c in
      let base = label(centroid: Array(centroids[(c * d)..<(c * d + d)]), features: features)
      seen[base, default: 0] += 1
      return seen[base]! == 1 ? base : "\(base) (\(seen[base]!))"
    }
  }
}
