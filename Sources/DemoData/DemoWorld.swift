import Foundation

/// The listeners, tracks and habits behind the demo data, derived from the options alone, so
/// the same options always give the same world.
///
/// Tracks have Zipf-like popularity within their genres and a sound that follows their genre
/// (``DemoSound``); listeners have one to three favourite genres, a taste in sound, a
/// heavy-tailed activity level, a signup day (more of them later in the year) and, for some, a
/// day after which they stop coming back. The service A/B-tests its recommendation models on
/// them (``ModelSchedule``).
struct DemoWorld {
  struct Track {
    var id: String
    var title: String
    var artist: String
    /// Which artist made it (two artists may share a name).
    var artistIndex: Int
    var album: String
    var genres: [Int]
    /// How much better or worse than its genre this track is received.
    var appeal: Double
    /// The share of listeners' picks that go to it: its genres' shares of favourites times its
    /// share of each genre's picks.
    var popularity = 0.0
  }

  struct Listener {
    var id: String
    var name: String
    var email: String
    var signupDay: Int
    /// The last day with activity; `Int.max` for listeners who stay.
    var lastDay: Int
    var weight: Double
    var favourites: [Int]
  }

  let options: DemoOptions
  var tracks: [Track] = []
  var listeners: [Listener] = []
  /// Per genre: its tracks, and an alias table over them by popularity.
  var genreTracks: [[Int]] = []
  var genreSamplers: [AliasTable] = []
  /// Prefix sums of listener weights, listeners sorted by signup day.
  var cumulativeWeight: [Double] = []
  /// `signedUp[d]` = number of listeners whose signup day is `<= d`.
  var signedUp: [Int] = []
  /// Relative activity of each day: active listeners' weights times the weekday rhythm.
  var dayWeights: [Double] = []
  /// How the tracks sound and what the listeners like to hear (drawn once both are made).
  var sound = DemoSound(tracks: [], artists: 0, listeners: [], seed: 0)
  /// Which model serves each listener on each day: A/B tests, then roll-outs.
  let models: ModelSchedule

  /// The seed of the sound's own random stream is the options' seed mixed with this.
  static let soundSeed: UInt64 = 0xA0D1_0F5E_A7E5_50D5

  init(options: DemoOptions) {
    self.options = options
    models = ModelSchedule(days: options.days, seed: options.seed)
    var random = SplitMix64(seed: options.seed)
    let artists = makeTracks(&random)
    makeListeners(&random)
    makeDays()
    sound = DemoSound(
      tracks: tracks, artists: artists, listeners: listeners, seed: options.seed ^ Self.soundSeed)
  }

  /// Makes the catalog; returns the number of artists.
  private mutating func makeTracks(_ random: inout SplitMix64) -> Int {
    let vocabulary = DemoVocabulary.self
    let genreCount = vocabulary.genres.count
    let genrePicker = AliasTable(weights: vocabulary.genres.map { $0.popularity })
    let artistCount = max(1, options.tracks / 8)
    var artists: [(name: String, genre: Int)] = []
    for _ in 0..<artistCount {
      let style = random.below(3)
      let name: String
      switch style {
      case 0:
        name = "The \(vocabulary.titleWords[random.below(60)]) \(random.pick(vocabulary.bandWords))"
      case 1:
        name = "\(random.pick(vocabulary.firstNames)) \(random.pick(vocabulary.lastNames))"
      default:
        name =
          "\(vocabulary.titleWords[random.below(vocabulary.titleWords.count)]) \(random.pick(vocabulary.bandWords))"
      }
      artists.append((name, genrePicker.sample(&random)))
    }
    let zipfWords = AliasTable(
      weights: vocabulary.titleWords.indices.map { 1 / pow(Double($0) + 4, 0.8) })
    genreTracks = Array(repeating: [], count: genreCount)
    for index in 0..<options.tracks {
      let artistIndex = random.below(artists.count)
      let artist = artists[artistIndex]
      var genres = [artist.genre]
      if random.chance(0.25) {
        let second = genrePicker.sample(&random)
        if second != artist.genre { genres.append(second) }
      }
      let first = vocabulary.titleWords[zipfWords.sample(&random)]
      let title: String
      switch random.below(4) {
      case 0: title = first
      case 1, 2:
        title = "\(first) \(vocabulary.titleNouns[random.below(vocabulary.titleNouns.count)])"
      default: title = "\(first) \(vocabulary.titleWords[zipfWords.sample(&random)])"
      }
      let album =
        "\(vocabulary.titleWords[random.below(vocabulary.titleWords.count)]) \(vocabulary.titleNouns[random.below(vocabulary.titleNouns.count)])"
      tracks.append(
        Track(
          id: String(format: "t%06d", index + 1), title: title, artist: artist.name,
          artistIndex: artistIndex, album: album, genres: genres,
          appeal: (random.unit() - 0.5) * 0.2))
      for genre in genres { genreTracks[genre].append(index) }
    }
    // Popularity: a random rank within each genre, weight 1 / (rank + 3)^1.1.
    let favouriteTotal = vocabulary.genres.reduce(0) { $0 + $1.popularity }
    genreSamplers = genreTracks.indices.map { genre in
      let members = genreTracks[genre]
      guard !members.isEmpty else { return AliasTable(weights: [1]) }
      var ranks = Array(0..<members.count)
      random.shuffle(&ranks)
      let weights = ranks.map { 1 / pow(Double($0) + 3, 1.1) }
      let share = vocabulary.genres[genre].popularity / favouriteTotal / weights.reduce(0, +)
      for (member, weight) in zip(members, weights) { tracks[member].popularity += share * weight }
      return AliasTable(weights: weights)
    }
    return artistCount
  }

  private mutating func makeListeners(_ random: inout SplitMix64) {
    let vocabulary = DemoVocabulary.self
    let genrePicker = AliasTable(weights: vocabulary.genres.map { $0.popularity })
    let days = options.days
    var made: [Listener] = []
    for _ in 0..<options.users {
      // 8% were there from the start; the rest sign up at a rate that grows through the year.
      let signup: Int
      if random.chance(0.08) {
        signup = 0
      } else {
        // Density proportional to 0.35 + 1.3 t on [0, 1]: invert its cumulative distribution.
        let u = random.unit()
        let t = (-0.35 + (0.35 * 0.35 + 2 * 1.3 * u * (0.35 + 0.65)).squareRoot()) / 1.3
        signup = min(days - 1, Int(t * Double(days)))
      }
      var lastDay = Int.max
      if random.chance(0.3) {
        let stay = Int(-log(1 - random.unit()) * 45)
        if signup + stay < days - 1 { lastDay = signup + stay }
      }
      var favourites: [Int] = []
      let wanted = 1 + random.below(3)
      for _ in 0..<wanted {
        let genre = genrePicker.sample(&random)
        if !favourites.contains(genre) { favourites.append(genre) }
      }
      let first = random.pick(vocabulary.firstNames)
      let last = random.pick(vocabulary.lastNames)
      // Heavy-tailed activity: a few listeners do much more than most.
      let weight = 1 / pow(1 - random.unit() * 0.97, 0.7)
      made.append(
        Listener(
          id: "", name: "\(first) \(last)", email: "", signupDay: signup, lastDay: lastDay,
          weight: weight, favourites: favourites))
    }
    made.sort { $0.signupDay < $1.signupDay }
    for index in made.indices {
      made[index].id = String(format: "u%06d", index + 1)
      let handle = made[index].name.lowercased().replacingOccurrences(of: " ", with: ".")
      made[index].email = "\(handle)\(index + 1)@example.com"
    }
    listeners = made
    var running = 0.0
    cumulativeWeight = made.map {
      running += $0.weight
      return running
    }
    signedUp = Array(repeating: 0, count: days)
    var cursor = 0
    for day in 0..<days {
      while cursor < made.count && made[cursor].signupDay <= day { cursor += 1 }
      signedUp[day] = cursor
    }
  }

  private mutating func makeDays() {
    let days = options.days
    var change = [Double](repeating: 0, count: days + 1)
    for listener in listeners {
      change[listener.signupDay] += listener.weight
      if listener.lastDay != Int.max { change[listener.lastDay + 1] -= listener.weight }
    }
    // Monday … Sunday: busier towards the weekend.
    let weekday: [Double] = [0.92, 0.9, 0.94, 1.0, 1.14, 1.2, 1.06]
    var active = 0.0
    dayWeights = (0..<days).map { day in
      active += change[day]
      let start = options.start + Int64(day) * 86_400
      let mondayBased = Int(((start / 86_400) + 3) % 7)
      return active * weekday[mondayBased]
    }
  }

  /// Splits `total` across days in proportion to their weights (largest remainder).
  func perDay(_ total: Int) -> [Int] {
    let sum = dayWeights.reduce(0, +)
    guard sum > 0 else { return Array(repeating: 0, count: dayWeights.count) }
    let exact = dayWeights.map { $0 / sum * Double(total) }
    var counts = exact.map { Int($0) }
    var remaining = total - counts.reduce(0, +)
    let order = exact.indices.sorted {
      (exact[$0] - Double(counts[$0])) > (exact[$1] - Double(counts[$1]))
    }
    for index in order where remaining > 0 {
      counts[index] += 1
      remaining -= 1
    }
    return counts
  }

  /// How many rows each of the `count`-row continuation's days holds: days after the history,
  /// each as busy as the history's last week was on average for a total of `historyTotal`.
  func continuation(_ count: Int, historyTotal: Int) -> [Int] {
    let lastWeek = perDay(historyTotal).suffix(7)
    let rate = max(1, lastWeek.reduce(0, +) / max(1, lastWeek.count))
    var counts: [Int] = []
    var remaining = count
    while remaining > 0 {
      counts.append(min(rate, remaining))
      remaining -= counts[counts.count - 1]
    }
    return counts
  }

  /// A listener who is around on `day`, chosen in proportion to activity. Days after the
  /// history draw from everyone who signed up and has not stopped coming back.
  func listener(on day: Int, _ random: inout SplitMix64) -> Int {
    let available = max(1, signedUp[min(day, signedUp.count - 1)])
    let total = cumulativeWeight[available - 1]
    var pick = 0
    for _ in 0..<20 {
      let target = random.unit() * total
      var low = 0
      var high = available - 1
      while low < high {
        let mid = (low + high) / 2
        if cumulativeWeight[mid] < target { low = mid + 1 } else { high = mid }
      }
      pick = low
      if listeners[pick].lastDay >= day { break }
    }
    return pick
  }

  /// A track for `listener`: mostly from a favourite genre (`explore` is the chance of another).
  func track(for listener: Int, explore: Double, _ random: inout SplitMix64) -> Int {
    let favourites = listeners[listener].favourites
    var genre = favourites[random.below(favourites.count)]
    if random.chance(explore) { genre = random.below(genreTracks.count) }
    let members = genreTracks[genre]
    guard !members.isEmpty else { return random.below(tracks.count) }
    return members[genreSamplers[genre].sample(&random)]
  }

  /// How many candidates the service draws from the listener's sound neighbourhood for each
  /// recommendation, besides one from their genres.
  static let neighbourhoodCandidates = 3

  /// What the service recommends to `listener`, and its squared distance from their taste
  /// (z-scores): of a track drawn as ``track(for:explore:_:)`` draws one and
  /// ``neighbourhoodCandidates`` from the listener's sound neighbourhood (popular tracks more
  /// often, both), the one that sounds closest to their taste.
  func recommendation(for listener: Int, explore: Double, _ random: inout SplitMix64)
    -> (track: Int, distanceSquared: Double)
  {
    let taste = sound.tastes[listener]
    var best = track(for: listener, explore: explore, &random)
    var bestDistance = DemoSound.distanceSquared(sound.z[best], taste)
    if let neighbourhood = sound.neighbourhoods.neighbourhood(of: listener) {
      for _ in 0..<Self.neighbourhoodCandidates {
        let track = neighbourhood.pick(&random)
        let distance = DemoSound.distanceSquared(sound.z[track], taste)
        if distance < bestDistance { (best, bestDistance) = (track, distance) }
      }
    }
    return (best, Double(bestDistance))
  }
}
