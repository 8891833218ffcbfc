import EventStore
import Foundation
import Workers

extension DemoWriter {
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
    _ random: inout SplitMix64,
    generate: @escaping @Sendable (inout SplitMix64, BoundedQueue<Batch>) -> Void,
    insert: (Batch) throws -> Void
  ) throws {
    let queue = BoundedQueue<Batch>(capacity: 8)
    let start = random
    let producer = Background {
      var random = start
      generate(&random, queue)
      queue.close()
    }
    do {
      while let batch = queue.receive() { try insert(batch) }
    } catch {
      queue.cancel()
      producer.value
      throw error
    }
    producer.value
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
    let insert = try database.prepare(
      "INSERT INTO activity (user_id, kind, occurred_at, query, track_id) VALUES (?, ?, ?, ?, ?)")
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
              insert.bind(
                4,
                text: UnsafeRawBufferPointer(
                  rebasing: arena[Int(row.queryStart)..<Int(row.queryStart + row.queryLength)]))
            } else {
              insert.bindNull(4)
            }
            if row.track >= 0 {
              insert.bind(5, text: pool.text(pool.tracksStart + Int(row.track), in: pinned))
            } else {
              insert.bindNull(5)
            }
            try insert.run()
          }
        }
      }
      written += batch.rows.count
    }
    return written
  }

  func writeFeedback(_ schedule: DaySchedule, _ random: inout SplitMix64) throws -> Int {
    let insert = try database.prepare(
      """
      INSERT INTO feedback (user_id, track_id, verdict, occurred_at, source, model)
      VALUES (?, ?, ?, ?, ?, ?)
      """)
    let world = self.world
    // Extra texts: the sources "playlist" and "song", then the models.
    let pool = TextPool(
      world: world, extra: ["playlist", "song"] + DemoVocabulary.models.map(\.name))
    var written = 0
    try pipeline(&random) { [schedule] random, queue in
      var batch = Batch()
      for (offset, count) in schedule.counts.enumerated() where count > 0 {
        let day = schedule.firstDay + offset
        for time in DemoWriter.times(for: day, count: count, world: world, &random) {
          let listener = world.listener(on: day, &random)
          let (index, distanceSquared) = world.recommendation(for: listener, explore: 0.3, &random)
          let genres = world.tracks[index].genres
          let model = world.models.model(for: listener, on: day)
          let fromSong = random.chance(0.6)
          let favourites = world.listeners[listener].favourites
          let favourite = genres.contains { favourites.contains($0) }
          // The chance of a like: the genre's rate, moved by the listener's genres, by how close
          // the song sounds to their taste, by the model, the source and the track's appeal.
          var like = DemoVocabulary.genres[genres[0]].likeRate
          like += favourite ? 0.05 : -0.06
          like += DemoSound.likeShift(distanceSquared: distanceSquared)
          like += DemoVocabulary.models[model].lift
          like += fromSong ? 0.03 : -0.03
          like += world.tracks[index].appeal
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
          try insert.run()
        }
      }
      written += batch.rows.count
    }
    return written
  }
}
