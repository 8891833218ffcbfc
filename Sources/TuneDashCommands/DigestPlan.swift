import BuildPipeline
import Digest
import Engine
import EventStore
import Formatting
import Privacy
import Recommender
import ReportModel
import Workers

/// A week's messages, decided before anything is written: who gets a digest, who does not and
/// why, and each message's envelope. The messages themselves are rendered only when written
/// (``write(to:)``), a batch at a time, so a week of many thousands stays small in memory.
struct DigestPlan {
  /// The week.
  var week: DigestWeek
  /// The week's last day, ISO: its folder in the outbox and its key in the send log.
  var weekKey: String { week.lastDay.iso }
  /// The latest valid event time in the source (unix seconds), whatever the week.
  var latestEvent: Int64
  /// The listeners chosen and those left out.
  var selection: ListenerSelection
  /// Listeners who searched in the week without picking a track.
  var searchedWithoutPick: Int
  /// The owners' report, with `--owners`.
  var owners: OwnersDigest?
  /// Every message's envelope: the listeners' digests in user-id order, then the owners' report.
  var envelopes: [Envelope]
  /// The options.
  var options: DigestOptions
  /// Tokens and pseudonyms.
  var pseudonyms: Pseudonymizer

  /// Purposes of the HMAC tokens (see ``Pseudonymizer/token(for:purpose:)``).
  enum Purpose {
    static let recipient = "digest-recipient"
    static let messageID = "digest-message-id"
    static let unsubscribe = "unsubscribe"
  }

  /// How many messages are rendered at once when writing.
  static let batch = 1_024

  /// Reads the week from `source` and decides every message; `nil` when the source has no
  /// events and no `weekEnding` was given.
  static func make<Source: EventSource>(
    from source: Source, weekEnding: CivilDate?, options: DigestOptions, pseudonyms: Pseudonymizer
  ) throws -> DigestPlan? {
    let read = try source.read { try readWeek($0, weekEnding: weekEnding, options: options) }
    guard let (week, latest, searches, contacts, rows) = read else { return nil }
    let recommender = ContentRecommender(
      catalog: FeatureCatalog(rows), clusters: options.clusters,
      loop: Workers.loop())
    var songs: [String: DigestSong] = [:]
    for row in rows.rows {
      songs[row.id] = DigestSong(
        trackID: row.id, title: row.title, artist: row.artist, genres: row.genres)
    }
    // The recommender's position of each catalog track (-1 without features).
    let catalog = searches.catalog
    let position = (0..<Int32(catalog.trackCount)).map {
      recommender.index(of: catalog.tracks.string(at: $0)) ?? -1
    }
    let candidates = searches.listeners.map { listener in
      let contact = contacts[listener.userID]
      return ListenerSelection.Candidate(
        userID: listener.userID, displayName: contact?.displayName, email: contact?.email,
        optedOut: contact?.optedOut ?? false,
        picks: listener.picks.map { catalog.tracks.string(at: $0) },
        heard: listener.heard.map { position[Int($0)] }.filter { $0 >= 0 })
    }
    let selection = ListenerSelection(
      candidates: candidates, recommender: recommender, songs: songs, count: options.count,
      map: { Workers.map($0, $1) })
    let owners =
      try options.owners.isEmpty ? nil : ownersDigest(source, week: week, options: options)
    var plan = DigestPlan(
      week: week, latestEvent: latest, selection: selection,
      searchedWithoutPick: searches.searchedWithoutPick, owners: owners,
      envelopes: [], options: options, pseudonyms: pseudonyms)
    plan.envelopes = selection.chosen.map { chosen in
      let key = pseudonyms.token(for: chosen.userID, purpose: Purpose.recipient)
      return Envelope(
        key: key, label: pseudonyms.pseudonym(for: chosen.userID),
        fileName: "listener-\(key.prefix(16)).eml",
        sender: options.from.address, recipients: [chosen.recipient.address])
    }
    if owners != nil {
      plan.envelopes.append(
        Envelope(
          key: pseudonyms.token(for: plan.ownersKey, purpose: Purpose.recipient), label: "owners",
          fileName: "owners.eml", sender: options.from.address,
          recipients: options.owners.map(\.address)))
    }
    return plan
  }

  /// What a week's messages are made of: the week, the latest event time, the week's searches,
  /// the searching listeners' contacts and every track's features; `nil` when the source has
  /// no valid event.
  private static func readWeek(
    _ reader: some EventStream & CatalogReader & ListenerDirectory, weekEnding: CivilDate?,
    options: DigestOptions
  ) throws -> (DigestWeek, Int64, WeekOfSearches, [String: ListenerContact], TrackFeatureRows)? {
    guard let latest = try reader.latestTime(in: reader.cut()) else { return nil }
    let lastDay = weekEnding?.dayNumber ?? options.zone.localDay(latest)
    let week = DigestWeek(
      asOf: options.zone.start(ofDay: lastDay + 1) - 1, lastDay: CivilDate(dayNumber: lastDay))
    let searches = try WeekOfSearches.read(reader, asOf: week.asOf, zone: options.zone)
    let contacts = try reader.contacts(searches.listeners.map(\.userID))
    return (week, latest, searches, contacts, try reader.trackFeatures())
  }

  /// The owners' report: the 7-day range of the report a build with `--as-of` at the week's
  /// end computes, through the same pipeline.
  private static func ownersDigest<Source: EventSource>(
    _ source: Source, week: DigestWeek, options: DigestOptions
  ) throws -> OwnersDigest {
    let reportOptions = ReportOptions(
      asOf: week.asOf, zone: options.zone, minRatings: options.minRatings,
      minUsers: options.minUsers,
      clusters: options.clusters)
    // The report names no listener the owners' email shows, so no labels are needed.
    let report = try ReportPipeline.build(from: source, options: reportOptions) { _ in [:] }
    return OwnersDigest(week: week, range: report.ranges.days7, siteURL: options.siteURL)
  }

  /// Whether the week holds no event at all: the source's latest event is before the week's
  /// first day (in the time zone), as when the app or its log stopped.
  var isEmptyWeek: Bool {
    latestEvent < options.zone.start(ofDay: week.lastDay.dayNumber - 6)
  }

  /// When the data ends, in the week's time zone: `2026-11-12 14:03 (Europe/Paris)`.
  var dataEnds: String {
    let zone = options.zone
    let day = zone.localDay(latestEvent)
    let clock = DateFormat.clock(secondsOfDay: Int(latestEvent - zone.start(ofDay: day)))
    return "\(CivilDate(dayNumber: day).iso) \(clock) (\(zone.identifier))"
  }

  /// What identifies the owners as one recipient: their addresses, sorted.
  private var ownersKey: String {
    options.owners.map(\.address.text).sorted().joined(separator: ",")
  }

  /// The message of envelope `index`.
  func message(_ index: Int) -> MailMessage {
    if index == selection.chosen.count, let owners {
      return MailMessage(
        from: options.from, to: options.owners, subject: owners.subject, date: week.date,
        messageID: messageID(pseudonyms.token(for: ownersKey, purpose: Purpose.messageID)),
        text: owners.text, html: owners.html)
    }
    let chosen = selection.chosen[index]
    let digest = ListenerDigest(
      week: week, name: chosen.displayName, picks: chosen.picks, songs: chosen.songs,
      unsubscribeURL: options.unsubscribe(
        token: pseudonyms.token(for: chosen.userID, purpose: Purpose.unsubscribe)),
      trackLink: options.trackLink)
    return MailMessage(
      from: options.from, to: [chosen.recipient], subject: digest.subject, date: week.date,
      messageID: messageID(pseudonyms.token(for: chosen.userID, purpose: Purpose.messageID)),
      unsubscribe: digest.unsubscribeURL, text: digest.text, html: digest.html)
  }

  /// Renders every message (on every core, a batch at a time) and writes it to the week's
  /// folder of `outbox`; returns the paths, by file name.
  func write(to outbox: Outbox) throws -> [String: String] {
    var writer = try outbox.week(weekKey)
    for start in stride(from: 0, to: envelopes.count, by: Self.batch) {
      let indices = Array(start..<min(envelopes.count, start + Self.batch))
      let plan = self
      let rendered = Workers.map(indices) { plan.message($0).rendered }
      for (index, text) in zip(indices, rendered) {
        try writer.write(envelopes[index].fileName, text)
      }
    }
    return try writer.finish()
  }

  /// `<digest.2026-11-29.3f2a…@example.com>`: the week and a token of the recipient, at the
  /// sender's domain. The same week and recipient always give the same id.
  private func messageID(_ token: String) -> String {
    "<digest.\(week.lastDay.iso).\(token.prefix(24))@\(options.from.address.domain)>"
  }

  /// What the run will write, in one line, and who is left out, in another.
  var summary: String {
    let listeners = NumberFormat.count(selection.chosen.count, "listener digest")
    let count = options.owners.count
    let owners =
      count > 0
      ? " and the owners' report (\(NumberFormat.count(count, "address", "addresses")))" : ""
    var skipped: [String] = []
    if selection.withoutEmail > 0 { skipped.append("\(selection.withoutEmail) without an email") }
    if selection.invalidEmail > 0 {
      skipped.append("\(selection.invalidEmail) with an invalid email")
    }
    if selection.optedOut > 0 { skipped.append("\(selection.optedOut) opted out") }
    if selection.nothingToRecommend > 0 {
      skipped.append("\(selection.nothingToRecommend) with nothing to recommend")
    }
    let left =
      skipped.isEmpty
      ? "" : "\nleft out: " + skipped.joined(separator: ", ") + " (of those who picked a track)"
    return "week of \(week.label) (\(options.zone.identifier)): \(listeners)\(owners)\(left)"
  }
}
