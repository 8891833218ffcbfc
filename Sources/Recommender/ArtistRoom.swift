/// How many songs a set of tracks can give under the per-artist cap: the sum over artists of
/// min(cap, the artist's tracks in the set). ``ContentRecommender/similar(to:count:excluding:perArtist:)``
/// visits clusters until the ones visited hold enough songs; this tells it where that is
/// without looking at their tracks in the usual case.
///
/// Per cluster it keeps, for every n ≥ 1, how many artists have at least n tracks in it, so a
/// cluster's room under a cap is a short sum. Leaving out one track lowers the room of any set
/// by at most 1, and the room of a union is at most the sum of its parts' rooms — the two
/// bounds ``ContentRecommender`` tries before it counts.
struct ArtistRoom: Sendable {
  /// `atLeast[c][n - 1]`: the number of artists with at least `n` tracks in cluster `c`.
  private let atLeast: [[Int]]

  /// The rooms of `clusters` clusters, from each track's artist number and cluster.
  init(artists: [Int32], assignments: [Int32], clusters: Int) {
    var perArtist = [[Int32: Int]](repeating: [:], count: clusters)
    for (artist, cluster) in zip(artists, assignments) {
      perArtist[Int(cluster)][artist, default: 0] += 1
    }
    atLeast = perArtist.map { counts in
      var histogram = [Int](repeating: 0, count: (counts.values.max() ?? 0))
      for count in counts.values {
        for n in 0..<count { histogram[n] += 1 }
      }
      return histogram
    }
  }

  /// The room of cluster `cluster`, all its tracks counted, under a cap of `perArtist`.
  func room(ofCluster cluster: Int, perArtist: Int) -> Int {
    atLeast[cluster].prefix(max(0, perArtist)).reduce(0, +)
  }

  /// Whether `tracks` (catalog positions; those for which `skip` is true left out) hold at
  /// least `count` songs under a cap of `perArtist`, given each track's artist number.
  static func holds(
    _ count: Int, in tracks: some Sequence<Int32>, artists: [Int32], perArtist: Int,
    skipping skip: (Int) -> Bool
  ) -> Bool {
    var perArtistCount: [Int32: Int] = [:]
    var room = 0
    for track in tracks where !skip(Int(track)) {
      let artist = artists[Int(track)]
      let already = perArtistCount[artist, default: 0]
      guard already < perArtist else { continue }
      perArtistCount[artist] = already + 1
      room += 1
      if room >= count { return true }
    }
    return false
  }
}
