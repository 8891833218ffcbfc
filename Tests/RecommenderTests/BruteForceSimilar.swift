@testable import Recommender

/// The nearest-song search as it was before the k-d trees, kept only to check them: every
/// track of the visited clusters measured, and `pick` run over all the candidates after each
/// cluster (commit dce4c55's `similar`, its `pick` and `NearestFirst`'s order written as a full
/// sort).
extension ContentRecommender {
  func bruteForceSimilar(
    to seeds: [Int], count: Int = 10, excluding: Set<Int> = [], perArtist: Int = 2
  ) -> [Recommendation] {
    let d = dimensions
    guard !seeds.isEmpty, count > 0, d > 0 else { return [] }
    var center = [Double](repeating: 0, count: d)
    for seed in seeds { for t in 0..<d { center[t] += z[seed * d + t] } }
    for t in 0..<d { center[t] /= Double(seeds.count) }
    let skip = excluding.union(seeds)
    func centerDistance(_ cluster: Int) -> Double {
      var sum = 0.0
      for t in 0..<d {
        let delta = clustering.centroids[cluster * d + t] - center[t]
        sum += delta * delta
      }
      return sum
    }
    let order = (0..<clusterCount).sorted {
      let (a, b) = (centerDistance($0), centerDistance($1))
      return a != b ? a < b : $0 < $1
    }
    var candidates: [(distance: Double, index: Int)] = []
    var chosen: [Recommendation] = []
    for cluster in order {
      for member in catalog.tracks.indices
      where self.cluster(of: member) == cluster && !skip.contains(member) {
        var sum = 0.0
        for t in 0..<d {
          let delta = z[member * d + t] - center[t]
          sum += delta * delta
        }
        candidates.append((sum, member))
      }
      chosen = pick(candidates, count: count, perArtist: perArtist)
      if chosen.count >= count { break }
    }
    return chosen
  }

  private func pick(_ candidates: [(distance: Double, index: Int)], count: Int, perArtist: Int)
    -> [Recommendation]
  {
    let tracks = catalog.tracks
    let ranked = candidates.map {
      (key: ($0.distance * 1e9).rounded(), distance: $0.distance, index: $0.index)
    }.sorted {
      $0.key != $1.key ? $0.key < $1.key : tracks[$0.index].id < tracks[$1.index].id
    }
    var perArtistCount: [String: Int] = [:]
    var picked: [Recommendation] = []
    for candidate in ranked where picked.count < count {
      let artist = tracks[candidate.index].artist
      guard perArtistCount[artist, default: 0] < perArtist else { continue }
      perArtistCount[artist, default: 0] += 1
      picked.append(
        Recommendation(
          rank: picked.count + 1, index: candidate.index, id: tracks[candidate.index].id,
          cluster: cluster(of: candidate.index), distance: candidate.distance.squareRoot()))
    }
    return picked
  }
}
