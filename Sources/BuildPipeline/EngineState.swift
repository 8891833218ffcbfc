import Engine
import EventStore
import Workers

/// What one build hands to the next so that it can read only the rows added since: the
/// engine's accumulators, the interned users and labels, the issue counts, the cut and as-of
/// time it covered, and fingerprints that tell whether it still applies.
///
/// The next build uses it only when the options that shape the counts (time zone, stopwords,
/// `--min-users`, an explicit as-of time) and the catalog are unchanged, the ids and the as-of
/// time only moved forward (by at most a week), and a sample of the rows it read is still the
/// same; otherwise it reads everything again and says why. The state is private: it holds user
/// ids and search terms, and is never published.
///
/// The same format carries a partitioned build's partial state (`build --partition I/N
/// --state-out FILE`): it names its ``partition`` and keeps the `users` table's counts for its
/// listeners, and `merge` adds the partials up (``merge(_:)``).
struct EngineState {
  static let magic: UInt32 = 0x5444_5354  // "TDST"
  /// The version of this container's own layout and of what every window means. 3: TrackAudience,
  /// ListenerTenure, artists in the catalog, sound clusters; 4: RecentDays; 5: the partition and
  /// the `users` table's counts; 6: ranges in calendar days (``WindowEdges``); 7: the catalog
  /// itself, not only its fingerprint; 8: the whole sound model (``KeptSound``); 9: the program
  /// that made it; 10: in sections, the accumulators decoded side by side (``StateSections``);
  /// 11: the sound clusters' inertia and iterations (the whole K-means result, which the
  /// digest's recommender takes instead of clustering again: ``SavedClusters``); 12: a checksum
  /// of each section in the table (``SectionChecksum``), now that a state may be written over
  /// an older one's file; 13: the listeners registered in `users` (``RegisteredListeners``), and
  /// sources and models interned as the report shows them (``FeedbackValidator/labelText(_:)``);
  /// 14: a row kept after several repairs counted once, numbers joined by hyphens left out of
  /// the word cloud beside non-ASCII text, and SQLite times stored as text found by the time
  /// ranges (a state counted before any of these holds other counts).
  static let formatVersion = 14
  /// The version written in the file: a digest of ``formatVersion`` and the engine's
  /// accumulators with their own versions, so that adding, removing, reordering or changing an
  /// accumulator makes the next build read everything again instead of misreading the state.
  static let version: UInt32 = {
    var digest = StableDigest()
    digest.add("format \(formatVersion); \(AnalyticsEngine.stateLayout)".utf8)
    return UInt32(truncatingIfNeeded: digest.value)
  }()
  /// The machine's byte order and word size: the state is not portable between machines.
  static var machine: UInt32 { UInt32(MemoryLayout<Int>.size) << 8 | (1.littleEndian == 1 ? 1 : 2) }

  var engine: AnalyticsEngine
  var users: ByteInterner
  var labels: ByteInterner
  var issues: RowIssueCounts
  var cut: EventCut
  /// The id of the last row read from each table (for duplicates at the boundary).
  var lastActivityID: Int64
  var lastFeedbackID: Int64
  /// Digests of sampled rows of each table, by id.
  var activitySamples: [Int64: UInt64]
  var feedbackSamples: [Int64: UInt64]
  /// The sound clusters of the build, reused while the catalog's features and k are unchanged.
  var sound: SoundCache?
  /// The build's whole sound model, taken as it is while the catalog and its features' rows
  /// are unchanged.
  var keptSound: KeptSound?
  /// The listeners counted: every one, or one partition of them.
  var partition: ListenerPartition
  /// Rows of the `users` table that belong to ``partition``, and those of them without any
  /// valid event.
  var registeredUsers: Int
  var neverActiveUsers: Int
  /// The interned listeners who are rows of the `users` table.
  var registered = RegisteredListeners()

  /// Ids to sample below `maxID`: the last few, and some spread over the whole range (`k/24`
  /// of `maxID`, computed without overflow for any 64-bit id: Snowflake-style ids are near
  /// 2⁶²).
  static func sampleIDs(below maxID: Int64) -> [Int64] {
    guard maxID > 0 else { return [] }
    let last = (0..<8).map { maxID - $0 }
    let (whole, part) = maxID.quotientAndRemainder(dividingBy: 24)
    let spread = (1..<24).map { whole * Int64($0) + part * Int64($0) / 24 }
    return Array(Set(last + spread).filter { $0 > 0 }).sorted()
  }

  /// A fingerprint of the options that shape the counts.
  static func fingerprint(_ options: ReportOptions) -> UInt64 {
    var digest = StableDigest()
    digest.add(options.zone.identifier.utf8)
    digest.add(separator: 0)
    for word in options.stopwords.sorted() {
      digest.add(word.utf8)
      digest.add(separator: 1)
    }
    digest.add(integer: Int64(options.minUsers))
    digest.add(integer: options.asOf ?? -1)
    return digest.value
  }

  /// The whole state in memory (tests and small databases).
  func encode(options: ReportOptions, catalog: Catalog) -> [UInt8] {
    var writer = BinaryWriter()
    encode(into: &writer, options: options, catalog: catalog)
    return writer.bytes
  }

  /// Writes the state to `sink` in chunks.
  func write(
    options: ReportOptions, catalog: Catalog,
    to sink: @escaping (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var writer = BinaryWriter(sink: sink)
    encode(into: &writer, options: options, catalog: catalog)
    try writer.flush()
  }

  private func encode(into writer: inout BinaryWriter, options: ReportOptions, catalog: Catalog) {
    writer.write(Self.magic)
    writer.write(Self.version)
    writer.write(Self.machine)
    writer.write(Int64(partition.index))
    writer.write(Int64(partition.count))
    writer.write(Self.fingerprint(options))
    writer.write(catalog)
    writer.write(cut.maxEventID)
    writer.write(cut.maxFeedbackID)
    writer.write(lastActivityID)
    writer.write(lastFeedbackID)
    for samples in [activitySamples, feedbackSamples] {
      let ids = samples.keys.sorted()
      writer.write(ids)
      writer.write(ids.map { samples[$0]! })
    }
    writer.write(users)
    writer.write(labels)
    writer.write(issues.activity)
    writer.write(issues.feedback)
    writer.write(Int64(registeredUsers))
    writer.write(Int64(neverActiveUsers))
    writer.write(registered.words)
    engine.encode(into: &writer)
    writer.write(UInt8(sound == nil ? 0 : 1))
    sound?.encode(into: &writer)
    writer.write(UInt8(keptSound == nil ? 0 : 1))
    keptSound?.encode(into: &writer)
    writer.writeSectionTable()
  }

  /// Why a saved state cannot be used.
  enum Mismatch: Error, Equatable {
    case unreadable
    case otherVersion
    case optionsChanged
    case catalogChanged

    var reason: FullReadReason {
      switch self {
      case .unreadable: .damagedState
      case .otherVersion: .otherVersion
      case .optionsChanged: .optionsChanged
      case .catalogChanged: .catalogChanged
      }
    }
  }

  /// The start of a saved state — what it applies to, up to and with the catalog it was counted
  /// against — and the reader, at the rest (``init(rest:options:catalog:)``).
  struct Head: Sendable {
    /// The first section, after the catalog.
    var reader: BinaryReader
    let sections: StateSections
    let partition: ListenerPartition
    let catalog: Catalog
  }

  /// Decodes a whole saved state, whose catalog must be `catalog` (a merge's partial state,
  /// against the database's catalog loaded first).
  init(decoding source: StateSource, options: ReportOptions, catalog: Catalog) throws(Mismatch) {
    let head = try Self.head(of: source, options: options)
    guard head.catalog.fingerprint == catalog.fingerprint else { throw .catalogChanged }
    try self.init(rest: head, options: options, catalog: catalog)
  }

  /// Decodes the head of a saved state: a build reads it, and the catalog in it, first, so that
  /// it can compare the database's catalog rows with it while the rest is decoded.
  static func head(of source: StateSource, options: ReportOptions) throws(Mismatch) -> Head {
    do {
      let sections = try Self.sections(of: source)
      var reader = sections.reader(0)
      for _ in 0..<3 { _ = try reader.read(UInt32.self) }
      guard
        let partition = try? ListenerPartition(
          index: Int(try reader.read(Int64.self)), count: Int(try reader.read(Int64.self)))
      else { throw Mismatch.unreadable }
      guard try reader.read(UInt64.self) == Self.fingerprint(options) else {
        throw Mismatch.optionsChanged
      }
      let catalog = try reader.readCatalog()
      // The whole of this section checked before its catalog is used (a build keeps it when the
      // database's catalog rows still match it, even when the rest of the state is refused).
      var check = reader
      try check.readToEnd()
      return Head(reader: reader, sections: sections, partition: partition, catalog: catalog)
    } catch let mismatch as Mismatch {
      throw mismatch
    } catch {
      throw .unreadable
    }
  }

  /// The table of sections of a saved state of this version and machine. Not a state at all is
  /// damage; a state of another version or machine is not (nor is its end read as this
  /// version's table).
  private static func sections(of source: StateSource) throws -> StateSections {
    var start = BinaryReader(source, range: 0..<min(source.size, 12))
    guard try start.read(UInt32.self) == Self.magic else { throw Mismatch.unreadable }
    guard try start.read(UInt32.self) == Self.version,
      try start.read(UInt32.self) == Self.machine
    else { throw Mismatch.otherVersion }
    let sections = try StateSections(source)
    guard sections.count == AnalyticsEngine.sections + 1 else { throw Mismatch.unreadable }
    return sections
  }

  /// The sound clusters a saved state keeps (``sound``), from its last section alone: nothing
  /// else is decoded. `nil` when it keeps none.
  /// - Throws: when `source` is not a state of this version and machine, or is damaged.
  static func savedSound(in source: StateSource) throws -> SoundCache? {
    let sections = try Self.sections(of: source)
    var last = sections.reader(sections.count - 1)
    let sound = try last.read(UInt8.self) == 1 ? try SoundCache(from: &last) : nil
    // The rest of the section too, for its checksum.
    try last.readToEnd()
    return sound
  }

  /// Decodes the rest of a saved state after its `head`, the accumulators laid out over
  /// `catalog` (the head's, or one with the same fingerprint).
  init(rest head: consuming Head, options: ReportOptions, catalog: Catalog) throws(Mismatch) {
    var reader = head.reader
    partition = head.partition
    do {
      cut = EventCut(
        maxEventID: try reader.read(Int64.self), maxFeedbackID: try reader.read(Int64.self))
      lastActivityID = try reader.read(Int64.self)
      lastFeedbackID = try reader.read(Int64.self)
      var samples: [[Int64: UInt64]] = []
      for _ in 0..<2 {
        let ids = try reader.readArray(Int64.self)
        let digests = try reader.readArray(UInt64.self)
        guard ids.count == digests.count else { throw Mismatch.unreadable }
        samples.append(Dictionary(zip(ids, digests)) { first, _ in first })
      }
      (activitySamples, feedbackSamples) = (samples[0], samples[1])
      users = try reader.readInterner()
      labels = try reader.readInterner()
      var counts = RowIssueCounts()
      counts.activity = try reader.readArray(Int.self)
      counts.feedback = try reader.readArray(Int.self)
      guard counts.activity.count == RowIssue.allCases.count,
        counts.feedback.count == RowIssue.allCases.count
      else {
        throw Mismatch.unreadable
      }
      issues = counts
      registeredUsers = Int(try reader.read(Int64.self))
      neverActiveUsers = Int(try reader.read(Int64.self))
      registered = RegisteredListeners(words: try reader.readArray(UInt64.self))
      // The accumulators in sections 1 …, side by side; the sound model in the last one.
      engine = try AnalyticsEngine(
        from: &reader, sections: head.sections, first: 1, catalog: catalog, options: options,
        loop: Workers.loop())
      var last = head.sections.reader(head.sections.count - 1)
      sound = try last.read(UInt8.self) == 1 ? try SoundCache(from: &last) : nil
      keptSound = try last.read(UInt8.self) == 1 ? try KeptSound(from: &last, cache: sound) : nil
      guard last.isAtEnd else { throw Mismatch.unreadable }
    } catch let mismatch as Mismatch {
      throw mismatch
    } catch {
      throw .unreadable
    }
  }

  /// The catalog the accumulators are laid out over.
  var catalog: Catalog { engine.catalog }

  /// Moves the engine out, leaving an empty one in its place, so that whoever counts next holds
  /// the only reference to its buffers (a second one would make the first change copy them).
  mutating func takeEngine() -> AnalyticsEngine {
    var taken = AnalyticsEngine(asOf: engine.asOf, catalog: Catalog(), options: engine.options)
    swap(&taken, &engine)
    return taken
  }

  /// A fresh state for `partition`'s listeners: nothing read yet.
  init(engine: AnalyticsEngine, partition: ListenerPartition = .whole) {
    self.partition = partition
    registeredUsers = 0
    neverActiveUsers = 0
    self.engine = engine
    users = ByteInterner()
    labels = ByteInterner()
    issues = RowIssueCounts()
    cut = EventCut(maxEventID: Int64.min, maxFeedbackID: Int64.min)
    lastActivityID = Int64.min
    lastFeedbackID = Int64.min
    activitySamples = [:]
    feedbackSamples = [:]
    sound = nil
    keptSound = nil
  }
}
