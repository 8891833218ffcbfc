import Foundation

/// Audio features as the demo writes them to `tracks`: the five columns of the contract.
struct Sound: Sendable {
  var danceability: Double
  var energy: Double
  var valence: Double
  /// Beats per minute.
  var tempo: Double
  var acousticness: Double

  /// A sound from its features.
  init(danceability: Double, energy: Double, valence: Double, tempo: Double, acousticness: Double) {
    self.danceability = danceability
    self.energy = energy
    self.valence = valence
    self.tempo = tempo
    self.acousticness = acousticness
  }

  /// The sound whose features are the first five lanes of `vector`.
  init(_ vector: SIMD8<Double>) {
    self.init(
      danceability: vector[0], energy: vector[1], valence: vector[2], tempo: vector[3],
      acousticness: vector[4])
  }

  /// The features in column order (danceability, energy, valence, tempo, acousticness) in the
  /// first five lanes; the other lanes are 0.
  var vector: SIMD8<Double> { [danceability, energy, valence, tempo, acousticness, 0, 0, 0] }
}

/// How every demo track sounds, and what every listener likes to hear.
///
/// Sound follows genre: each artist strays a little from its genre's profile
/// (``DemoVocabulary/Genre/sound``; a track with a second genre leans towards that one's), each
/// track from its artist, and valence also carries the track's appeal, so cheerful tracks are
/// liked a little more. Closeness is measured on z-scores with the catalog's mean and population
/// standard deviation, as the recommender standardises features, so "sounds alike" means the
/// same here as in `tunedash recommend`. A listener's taste is the mean of their favourite
/// genres' profiles plus a lean of their own.
///
/// Drawn from a random stream of its own, so the titles, the listeners and the activity rows
/// do not depend on it.
struct DemoSound: Sendable {
  /// How far an artist's features stray from its genre's profile (standard deviations).
  static let artistSpread = Sound(
    danceability: 0.06, energy: 0.06, valence: 0.06, tempo: 8, acousticness: 0.06)
  /// How far a track's features stray from its artist's (standard deviations).
  static let trackSpread = Sound(
    danceability: 0.08, energy: 0.08, valence: 0.08, tempo: 14, acousticness: 0.08)
  /// The lowest and highest values a feature may take.
  static let lowest = Sound(danceability: 0, energy: 0, valence: 0, tempo: 50, acousticness: 0)
  static let highest = Sound(danceability: 1, energy: 1, valence: 1, tempo: 210, acousticness: 1)
  /// Valence added per unit of a track's appeal (appeal is within ±0.1).
  static let valencePerAppeal = 2.0
  /// The share of a second genre's profile in a track's sound.
  static let secondGenreShare = 0.3
  /// How far a listener's taste strays from their genres' mean, per feature, in z-scores.
  static let tasteSpread = 0.35

  /// Per track: the features written to the catalog (rounded as stored).
  let features: [Sound]
  /// Per track: its features' z-scores (single precision: half the memory to reach through).
  let z: [SIMD8<Float>]
  /// Per listener: the centre of their taste, in z-scores.
  let tastes: [SIMD8<Float>]
  /// The tracks that sound like each listener's taste.
  let neighbourhoods: SoundNeighbourhoods

  /// Draws the sounds of `tracks` (by `artists` artists) and the tastes of `listeners` from
  /// `seed`.
  init(tracks: [DemoWorld.Track], artists: Int, listeners: [DemoWorld.Listener], seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let genres = DemoVocabulary.genres
    let artistOffsets = (0..<artists).map { _ in random.normalVector() * Self.artistSpread.vector }
    // Stored with three decimals, tempo with one.
    let scale: SIMD8<Double> = [1000, 1000, 1000, 10, 1000, 1, 1, 1]
    features = tracks.map { track in
      var base = genres[track.genres[0]].sound.vector
      if track.genres.count > 1 {
        let share = Self.secondGenreShare
        base = base * (1 - share) + genres[track.genres[1]].sound.vector * share
      }
      var sound =
        base + artistOffsets[track.artistIndex] + random.normalVector() * Self.trackSpread.vector
      sound[2] += track.appeal * Self.valencePerAppeal
      sound.clamp(lowerBound: Self.lowest.vector, upperBound: Self.highest.vector)
      return Sound((sound * scale).rounded(.toNearestOrAwayFromZero) / scale)
    }
    let standardise = Self.standardiser(for: features)
    z = features.map { SIMD8<Float>(standardise($0.vector)) }
    let genreCentres = genres.map { standardise($0.sound.vector) }
    let spread = SIMD8<Double>(repeating: Self.tasteSpread)
    tastes = listeners.map { listener in
      let sum = listener.favourites.reduce(SIMD8<Double>()) { $0 + genreCentres[$1] }
      return SIMD8<Float>(sum / Double(listener.favourites.count) + random.normalVector() * spread)
    }
    neighbourhoods = SoundNeighbourhoods(
      tracks: z, popularity: tracks.map(\.popularity), tastes: tastes)
  }

  /// The z-scores of a sound's vector with the mean and population standard deviation of
  /// `features` (0 for a feature with no spread; the unused lanes stay 0).
  static func standardiser(for features: [Sound]) -> (SIMD8<Double>) -> SIMD8<Double> {
    let count = Double(max(1, features.count))
    let mean = features.reduce(SIMD8<Double>()) { $0 + $1.vector } / count
    let variance =
      features.reduce(SIMD8<Double>()) {
        let difference = $1.vector - mean
        return $0 + difference * difference
      } / count
    let deviation = variance.squareRoot()
    return { vector in
      var z = SIMD8<Double>()
      for lane in 0..<5 where deviation[lane] > 0 {
        z[lane] = (vector[lane] - mean[lane]) / deviation[lane]
      }
      return z
    }
  }

  /// The squared distance between two points of z-scores.
  @inline(__always)
  static func distanceSquared(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> Float {
    let difference = a - b
    return (difference * difference).sum()
  }

  /// How a song's sound moves the chance that a listener likes it: with closeness
  /// exp(−d² ÷ (2 × 1.2²)) for a song `d` z-scores from their taste (1 right on it, ½ at 1.4,
  /// under 0.01 beyond 3.7), by 0.3 × (closeness − 0.6): from +0.12 down to −0.18.
  static func likeShift(distanceSquared: Double) -> Double {
    0.3 * (exp(-distanceSquared / (2 * 1.2 * 1.2)) - 0.6)
  }
}

extension SplitMix64 {
  /// A standard normal number (Box–Muller, the cosine of the pair).
  mutating func normal() -> Double {
    let radius = (-2 * log(1 - unit())).squareRoot()
    return radius * cos(2 * Double.pi * unit())
  }

  /// Standard normal numbers in the first five lanes, drawn in lane order; the others are 0.
  mutating func normalVector() -> SIMD8<Double> {
    var vector = SIMD8<Double>()
    for lane in 0..<5 { vector[lane] = normal() }
    return vector
  }
}
