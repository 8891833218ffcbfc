import EventStore
import Foundation
import SQLiteSource

/// Which days rows are written for: `counts[i]` rows on day `firstDay + i` of the demo's
/// timeline (day 0 is the history's first day).
struct DaySchedule {
  var firstDay: Int
  var counts: [Int]
}

/// Inserts a ``DemoWorld`` and its events with prepared statements, day by day in time order.
struct DemoWriter {
  let database: WritableDatabase
  let world: DemoWorld

  func writeAll() throws -> DemoDatabase.Summary {
    var random = SplitMix64(seed: world.options.seed ^ 0x5DEE_CE66_D1CE_5EED)
    try writeCatalog(&random)
    try writeUsers(&random)
    let events = try writeActivity(
      DaySchedule(firstDay: 0, counts: world.perDay(world.options.events)), &random)
    let feedback = try writeFeedback(
      DaySchedule(firstDay: 0, counts: world.perDay(world.options.feedback)), &random)
    return .init(
      users: world.listeners.count, tracks: world.tracks.count, events: events, feedback: feedback)
  }

  /// Writes the tracks with their sound (``DemoWorld/sound``) and genres.
  private func writeCatalog(_ random: inout SplitMix64) throws {
    // The features once came from this stream, five numbers a track; passing over them keeps
    // the listeners' signup times and every activity row as they were.
    random.skip(5 * world.tracks.count)
    let track = try database.prepare(
      """
      INSERT INTO tracks (track_id, title, artist, album, danceability, energy, valence, tempo, acousticness)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    let genre = try database.prepare("INSERT INTO track_genres (track_id, genre) VALUES (?, ?)")
    for (index, item) in world.tracks.enumerated() {
      track.bind(1, item.id)
      track.bind(2, item.title)
      track.bind(3, item.artist)
      track.bind(4, item.album)
      let sound = world.sound.features[index]
      track.bind(5, sound.danceability)
      track.bind(6, sound.energy)
      track.bind(7, sound.valence)
      track.bind(8, sound.tempo)
      track.bind(9, sound.acousticness)
      try track.run()
      for genreIndex in item.genres.sorted(by: {
        DemoVocabulary.genres[$0].name < DemoVocabulary.genres[$1].name
      }) {
        genre.bind(1, item.id)
        genre.bind(2, DemoVocabulary.genres[genreIndex].name)
        try genre.run()
      }
    }
  }

  private func writeUsers(_ random: inout SplitMix64) throws {
    // The optional opt-out column of the contract, so that `digest` has listeners to leave out.
    try database.execute("ALTER TABLE users ADD COLUMN \(SchemaV1.optOutColumn) INTEGER")
    let insert = try database.prepare(
      "INSERT INTO users (user_id, display_name, email, created_at, \(SchemaV1.optOutColumn)) VALUES (?, ?, ?, ?, ?)"
    )
    let start = world.options.start
    for (index, listener) in world.listeners.enumerated() {
      insert.bind(1, listener.id)
      insert.bind(2, listener.name)
      // Without drawing random numbers (the events stay as they were): one listener in 50
      // never gave an address, one in 12 opted out of email.
      if index % 50 == 49 { insert.bindNull(3) } else { insert.bind(3, listener.email) }
      insert.bind(5, Int64(index % 12 == 7 ? 1 : 0))
      let created =
        listener.signupDay == 0
        ? start - Int64(random.below(200 * 86_400))
        : start + Int64(listener.signupDay) * 86_400 + Int64(random.below(86_400))
      insert.bind(4, created)
      try insert.run()
    }
  }

  /// Hour-of-day weights (UTC): quiet nights, a lunchtime bump, busy evenings.
  private static let weekdayHours: [Double] = [
    3, 2, 1.4, 1, 0.8, 0.8, 1.3, 2.2, 3, 3.4, 3.7, 4, 4.6, 4.4, 4.1, 4.2, 4.7, 5.6, 6.6, 7.3, 7.6,
    7, 5.8, 4.4,
  ]
  private static let weekendHours: [Double] = [
    4.6, 3.8, 2.6, 1.6, 1, 0.8, 0.9, 1.2, 1.9, 2.8, 3.8, 4.6, 5, 5.2, 5.2, 5.1, 5.2, 5.6, 6.2, 6.8,
    7.2, 7.2, 6.6, 5.6,
  ]

  static func times(for day: Int, count: Int, world: DemoWorld, _ random: inout SplitMix64)
    -> [Int64]
  {
    let dayStart = world.options.start + Int64(day) * 86_400
    let mondayBased = Int(((dayStart / 86_400) + 3) % 7)
    let hours = mondayBased >= 5 ? Self.weekendSampler : Self.weekdaySampler
    var times = (0..<count).map { _ in
      dayStart + Int64(hours.sample(&random) * 3600 + random.below(3600))
    }
    times.sort()
    return times
  }

  private static let weekdaySampler = AliasTable(weights: weekdayHours)
  private static let weekendSampler = AliasTable(weights: weekendHours)
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}
