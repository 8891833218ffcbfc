import Foundation
import GRDB

/// Writes realistic demo databases: `tunedash demo` and `tunedash build --demo`.
///
/// The result follows schema v1 and tells a story on every panel: Zipf-like track popularity,
/// listeners with favourite genres, a daily and weekly rhythm, growth through the year with some
/// listeners who stop coming back, like ratios that differ by genre and improve with each model
/// version, search text with casing variants and typos, and playlist titles in several
/// languages with emoji. The same ``DemoOptions`` always give the same rows.
public enum DemoDatabase {
  /// What a demo run wrote.
  public struct Summary: Sendable, Equatable {
    /// Rows written to `users`, `tracks`, `activity` and `feedback`.
    public var users, tracks, events, feedback: Int

    /// Creates a summary.
    public init(users: Int, tracks: Int, events: Int, feedback: Int) {
      self.users = users
      self.tracks = tracks
      self.events = events
      self.feedback = feedback
    }
  }

  /// Writes a new demo database at `path`.
  ///
  /// The rows are written to a temporary file beside `path`, which is renamed into place only
  /// when complete, so an interrupted run never leaves a half-written database.
  /// - Throws: ``EventStoreError/Kind-swift.enum/alreadyExists`` if `path` exists and `replace`
  ///   is false.
  @discardableResult
  public static func create(at path: String, options: DemoOptions, replace: Bool = false) throws
    -> Summary
  {
    var summary: Summary?
    try Writable.create(at: path, replace: replace) { db in
      for statement in SchemaV1.tables { try db.execute(sql: statement) }
      summary = try DemoWriter(db: db, world: DemoWorld(options: options)).writeAll()
      try db.execute(sql: "CREATE TABLE demo_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      let meta = String(decoding: try encoder.encode(options), as: UTF8.self)
      try db.execute(sql: "INSERT INTO demo_meta VALUES ('options', ?)", arguments: [meta])
      for statement in SchemaV1.indexes { try db.execute(sql: statement) }
    }
    return summary!
  }

  /// Appends `events` activity rows and `feedback` feedback rows (by default 1% of the
  /// history's own counts) to the demo database at `path`, on the days after its latest event,
  /// each day as busy as the history's last week.
  ///
  /// This is the "service kept running" batch that incremental builds are measured with. The
  /// rows are written in one transaction, so an interrupted run appends nothing. The same
  /// database and counts always give the same rows.
  /// - Throws: ``EventStoreError/Kind-swift.enum/contractViolation`` if `path` was not written
  ///   by ``create(at:options:replace:)``.
  @discardableResult
  public static func append(at path: String, events: Int? = nil, feedback: Int? = nil) throws -> Summary {
    var summary: Summary?
    try Writable.update(at: path) { db in
      guard try db.tableExists("demo_meta"),
        let meta = try String.fetchOne(db, sql: "SELECT value FROM demo_meta WHERE key = 'options'"),
        let options = try? JSONDecoder().decode(DemoOptions.self, from: Data(meta.utf8))
      else {
        throw EventStoreError(
          .contractViolation, path: path, message: "\(path) was not written by tunedash demo",
          hint: "append to a database made with tunedash demo, or make one first")
      }
      let latest = max(
        try Int64.fetchOne(db, sql: "SELECT max(occurred_at) FROM activity") ?? 0,
        try Int64.fetchOne(db, sql: "SELECT max(occurred_at) FROM feedback") ?? 0)
      let firstDay = max(options.days, Int((latest - options.start) / 86_400) + 1)
      let world = DemoWorld(options: options)
      let writer = DemoWriter(db: db, world: world)
      var random = SplitMix64(seed: options.seed ^ UInt64(firstDay) &* 0x9E37_79B9_7F4A_7C15)
      let written = try writer.writeActivity(
        DaySchedule(
          firstDay: firstDay,
          counts: world.continuation(events ?? max(1, options.events / 100), historyTotal: options.events)),
        &random)
      let rated = try writer.writeFeedback(
        DaySchedule(
          firstDay: firstDay,
          counts: world.continuation(feedback ?? max(1, options.feedback / 100), historyTotal: options.feedback)),
        &random)
      summary = Summary(users: 0, tracks: 0, events: written, feedback: rated)
    }
    return summary!
  }
}

/// Which days rows are written for: `counts[i]` rows on day `firstDay + i` of the demo's
/// timeline (day 0 is the history's first day).
struct DaySchedule {
  var firstDay: Int
  var counts: [Int]
}

/// Inserts a ``DemoWorld`` and its events with prepared statements, day by day in time order.
private struct DemoWriter {
  let db: Database
  let world: DemoWorld

  func writeAll() throws -> DemoDatabase.Summary {
    var random = SplitMix64(seed: world.options.seed ^ 0x5DEE_CE66_D1CE_5EED)
    try writeCatalog(&random)
    try writeUsers(&random)
    let events = try writeActivity(DaySchedule(firstDay: 0, counts: world.perDay(world.options.events)), &random)
    let feedback = try writeFeedback(DaySchedule(firstDay: 0, counts: world.perDay(world.options.feedback)), &random)
    return .init(users: world.listeners.count, tracks: world.tracks.count, events: events, feedback: feedback)
  }

  private func writeCatalog(_ random: inout SplitMix64) throws {
    let track = try RawStatement(
      db,
      sql: """
        INSERT INTO tracks (track_id, title, artist, album, danceability, energy, valence, tempo, acousticness)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let genre = try RawStatement(db, sql: "INSERT INTO track_genres (track_id, genre) VALUES (?, ?)")
    for item in world.tracks {
      track.bind(1, item.id)
      track.bind(2, item.title)
      track.bind(3, item.artist)
      track.bind(4, item.album)
      let lively = item.genres.contains { [0, 1, 3, 4, 7].contains($0) }
      track.bind(5, ((lively ? 0.55 : 0.35) + random.unit() * 0.4).rounded(toPlaces: 3))
      track.bind(6, ((lively ? 0.5 : 0.3) + random.unit() * 0.5).rounded(toPlaces: 3))
      track.bind(7, (random.unit()).rounded(toPlaces: 3))
      track.bind(8, (70 + random.unit() * 100).rounded(toPlaces: 1))
      track.bind(9, ((lively ? 0.05 : 0.3) + random.unit() * 0.6).rounded(toPlaces: 3))
      try track.run(db)
      for index in item.genres.sorted(by: { DemoVocabulary.genres[$0].name < DemoVocabulary.genres[$1].name }) {
        genre.bind(1, item.id)
        genre.bind(2, DemoVocabulary.genres[index].name)
        try genre.run(db)
      }
    }
  }

  private func writeUsers(_ random: inout SplitMix64) throws {
    let insert = try RawStatement(
      db, sql: "INSERT INTO users (user_id, display_name, email, created_at) VALUES (?, ?, ?, ?)")
    let start = world.options.start
    for listener in world.listeners {
      insert.bind(1, listener.id)
      insert.bind(2, listener.name)
      insert.bind(3, listener.email)
      let created =
        listener.signupDay == 0
        ? start - Int64(random.below(200 * 86_400))
        : start + Int64(listener.signupDay) * 86_400 + Int64(random.below(86_400))
      insert.bind(4, created)
      try insert.run(db)
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

  static func times(for day: Int, count: Int, world: DemoWorld, _ random: inout SplitMix64) -> [Int64] {
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

  /// One generated row, before it is inserted: indexes into the world, and its text.
  struct Row: Sendable {
    var listener: Int32
    /// Activity: an index into ``DemoVocabulary/kinds``; feedback: 1 like, 0 dislike.
    var kind: UInt8
    var time: Int64
    /// A track index, or -1.
    var track: Int32
    /// Feedback: 1 when seeded from a song, 0 from a playlist.
    var source: UInt8 = 0
    var model: UInt8 = 0
    /// The query text's bytes in the batch's arena, or -1.
    var queryStart: Int32 = -1
    var queryLength: Int32 = 0
  }

  /// Generated rows, in order.
  struct Batch: Sendable {
    var rows: [Row] = []
    var arena: [UInt8] = []

    /// Adds a row, and sends the batch on once it holds 8,192 of them, starting a new one.
    /// False when the queue was cancelled (the inserting side failed): stop generating.
    mutating func add(_ row: Row, sendingTo queue: BoundedQueue<Batch>) -> Bool {
      rows.append(row)
      guard rows.count == 8192 else { return true }
      defer { self = Batch() }
      return queue.send(self)
    }

    /// Sends the rows not sent yet.
    func flush(to queue: BoundedQueue<Batch>) {
      if !rows.isEmpty { queue.send(self) }
    }
  }

  /// Generates the rows of every day on another thread while this one inserts them.
  private func pipeline(
    _ random: inout SplitMix64, generate: @escaping @Sendable (inout SplitMix64, BoundedQueue<Batch>) -> Void,
    insert: (Batch) throws -> Void
  ) throws {
    let queue = BoundedQueue<Batch>(capacity: 8)
    let done = DispatchSemaphore(value: 0)
    let start = random
    let producer = Thread {
      var random = start
      generate(&random, queue)
      queue.close()
      done.signal()
    }
    producer.start()
    do {
      while let batch = queue.receive() { try insert(batch) }
    } catch {
      queue.cancel()
      done.wait()
      throw error
    }
    done.wait()
    random = SplitMix64(seed: random.next())
  }

  /// Every text an insert binds — listener ids, then track ids, then the `extra` words — as
  /// UTF-8 one after the other, so they can be bound without copying from one pinned buffer.
  struct TextPool {
    let bytes: [UInt8]
    let starts: [Int]
    let tracksStart: Int
    let extraStart: Int

    init(world: DemoWorld, extra: [String]) {
      var bytes: [UInt8] = []
      var starts: [Int] = [0]
      for text in world.listeners.map(\.id) + world.tracks.map(\.id) + extra {
        bytes.append(contentsOf: text.utf8)
        starts.append(bytes.count)
      }
      (self.bytes, self.starts) = (bytes, starts)
      tracksStart = world.listeners.count
      extraStart = world.listeners.count + world.tracks.count
    }

    /// Text `index` inside `pinned` (this pool's bytes).
    @inline(__always)
    func text(_ index: Int, in pinned: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
      UnsafeRawBufferPointer(rebasing: pinned[starts[index]..<starts[index + 1]])
    }
  }

  func writeActivity(_ schedule: DaySchedule, _ random: inout SplitMix64) throws -> Int {
    let insert = try RawStatement(
      db,
      sql: "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES (?, ?, ?, ?, ?)")
    let world = self.world
    let pool = TextPool(world: world, extra: DemoVocabulary.kinds.map(\.name))
    var written = 0
    try pipeline(&random) { [schedule] random, queue in
      let kindSampler = AliasTable(weights: DemoVocabulary.kinds.map { $0.share })
      var batch = Batch()
      for (offset, count) in schedule.counts.enumerated() where count > 0 {
        let day = schedule.firstDay + offset
        for time in DemoWriter.times(for: day, count: count, world: world, &random) {
          let listener = world.listener(on: day, &random)
          let kind = kindSampler.sample(&random)
          var row = Row(listener: Int32(listener), kind: UInt8(kind), time: time, track: -1)
          var query: String?
          switch DemoVocabulary.kinds[kind].name {
          case "play":
            row.track = Int32(world.track(for: listener, explore: 0.12, &random))
          case "search":
            let track = world.track(for: listener, explore: 0.2, &random)
            query = SearchText.make(for: world.tracks[track], &random)
            if random.chance(0.8) { row.track = Int32(track) }
          case "playlist":
            query = random.pick(DemoVocabulary.playlistTitles)
          default:
            break
          }
          if let query {
            row.queryStart = Int32(batch.arena.count)
            batch.arena.append(contentsOf: query.utf8)
            row.queryLength = Int32(batch.arena.count) - row.queryStart
          }
          guard batch.add(row, sendingTo: queue) else { return }
        }
      }
      batch.flush(to: queue)
    } insert: { batch in
      try pool.bytes.withUnsafeBytes { pinned in
        try batch.arena.withUnsafeBytes { arena in
          for row in batch.rows {
            insert.bind(1, text: pool.text(Int(row.listener), in: pinned))
            insert.bind(2, text: pool.text(pool.extraStart + Int(row.kind), in: pinned))
            insert.bind(3, row.time)
            if row.queryStart >= 0 {
              insert.bind(4, text: UnsafeRawBufferPointer(rebasing: arena[Int(row.queryStart)..<Int(row.queryStart + row.queryLength)]))
            } else {
              insert.bindNull(4)
            }
            if row.track >= 0 {
              insert.bind(5, text: pool.text(pool.tracksStart + Int(row.track), in: pinned))
            } else {
              insert.bindNull(5)
            }
            try insert.run(db)
          }
        }
      }
      written += batch.rows.count
    }
    return written
  }

  func writeFeedback(_ schedule: DaySchedule, _ random: inout SplitMix64) throws -> Int {
    let insert = try RawStatement(
      db,
      sql: """
        INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    let world = self.world
    // Extra texts: the sources "playlist" and "song", then the models.
    let pool = TextPool(world: world, extra: ["playlist", "song"] + DemoVocabulary.models.map(\.name))
    var written = 0
    try pipeline(&random) { [schedule] random, queue in
      let days = Double(world.options.days)
      var batch = Batch()
      for (offset, count) in schedule.counts.enumerated() where count > 0 {
        let day = schedule.firstDay + offset
        let progress = Double(day) / days
        for time in DemoWriter.times(for: day, count: count, world: world, &random) {
          let listener = world.listener(on: day, &random)
          let index = world.track(for: listener, explore: 0.3, &random)
          let track = world.tracks[index]
          let model = DemoWriter.model(at: progress, &random)
          let fromSong = random.chance(0.6)
          let favourite = track.genres.contains { world.listeners[listener].favourites.contains($0) }
          var like = DemoVocabulary.genres[track.genres[0]].likeRate
          like += favourite ? 0.1 : -0.12
          like += DemoVocabulary.models[model].lift
          like += fromSong ? 0.03 : -0.03
          like += track.appeal
          let liked = random.chance(min(0.97, max(0.03, like)))
          let row = Row(
            listener: Int32(listener), kind: liked ? 1 : 0, time: time, track: Int32(index),
            source: fromSong ? 1 : 0, model: UInt8(model))
          guard batch.add(row, sendingTo: queue) else { return }
        }
      }
      batch.flush(to: queue)
    } insert: { batch in
      try pool.bytes.withUnsafeBytes { pinned in
        for row in batch.rows {
          insert.bind(1, text: pool.text(Int(row.listener), in: pinned))
          insert.bind(2, text: pool.text(pool.tracksStart + Int(row.track), in: pinned))
          insert.bind(3, Int64(row.kind == 1 ? 1 : -1))
          insert.bind(4, row.time)
          insert.bind(5, text: pool.text(pool.extraStart + Int(row.source), in: pinned))
          insert.bind(6, text: pool.text(pool.extraStart + 2 + Int(row.model), in: pinned))
          try insert.run(db)
        }
      }
      written += batch.rows.count
    }
    return written
  }

  /// The model serving at `progress` (0 … 1 through the year): v1, then a roll-out of v2, then
  /// a growing canary of v3.
  static func model(at progress: Double, _ random: inout SplitMix64) -> Int {
    if progress < 0.45 { return 0 }
    if progress < 0.6 { return random.chance((progress - 0.45) / 0.15) ? 1 : 0 }
    if progress < 0.85 { return 1 }
    return random.chance(0.15 + (progress - 0.85) / 0.15 * 0.25) ? 2 : 1
  }
}

/// What listeners type into the search box: titles and artists, in any case, with typos.
enum SearchText {
  static func make(for track: DemoWorld.Track, _ random: inout SplitMix64) -> String {
    var text: String
    switch random.below(10) {
    case 0..<6: text = track.title
    case 6..<9: text = track.artist
    default: text = "\(track.title) \(track.artist)"
    }
    switch random.below(20) {
    case 0..<10: text = text.lowercased()
    case 10..<11: text = text.uppercased()
    default: break
    }
    if random.chance(0.08) { text = typo(text, &random) }
    return text
  }

  /// One slip of the finger: two letters swapped, one dropped or one doubled.
  static func typo(_ text: String, _ random: inout SplitMix64) -> String {
    var characters = Array(text)
    guard characters.count > 3 else { return text }
    let at = 1 + random.below(characters.count - 2)
    switch random.below(3) {
    case 0: characters.swapAt(at, at + 1)
    case 1: characters.remove(at: at)
    default: characters.insert(characters[at], at: at)
    }
    return String(characters)
  }
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}
