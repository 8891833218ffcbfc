import BuildPipeline
import Digest
import Engine
import EventStore
import Formatting
import Foundation
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
  /// Whether the source has no event at or before the week's end: the week is before the data
  /// starts.
  var dataStartsLater: Bool
  /// The listeners chosen and those left out.
  var selection: ListenerSelection
  /// Listeners who searched in the week without picking a track.
  var searchedWithoutPick: Int
  /// The owners' report, with `--owners`.
  var owners: OwnersDigest?
  /// With `--state`, the state file the owners' report went on from (the site build's state of
  /// the week's last day when it kept one, see ``StateFile``) and how it read the rows.
  var ownersRead: (state: String, kind: ReportPipeline.Result.Kind)?
  /// The state file whose sound clusters the recommender took instead of running K-means
  /// (``SavedClusters``), with `--state`; `nil` when it clustered the catalog itself.
  var clustersFrom: String?
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
    /// The owners' own purposes: their key is their addresses, which a listener's user id may
    /// also be (an app that keys listeners by email), and the two must never share a send-log
    /// entry or a Message-ID.
    static let ownersRecipient = "digest-owners-recipient"
    static let ownersMessageID = "digest-owners-message-id"
  }

  /// How many messages are rendered at once when writing.
  static let batch = 1_024

  /// Reads the week from `source` and decides every message; `nil` when the source has no
  /// events and no `weekEnding` was given. With `--owners`, the owners' report is built from
  /// the same source opened again by `reopen`, once the week's searches are read.
  static func make<Source: EventSource>(
    from source: Source, reopen: @escaping @Sendable () throws -> any EventSource,
    weekEnding: CivilDate?, options: DigestOptions, pseudonyms: Pseudonymizer
  ) throws -> DigestPlan? {
    var statePath: String?
    let read = try source.read { reader in
      try readWeek(reader, alongside: reopen, weekEnding: weekEnding, options: options) {
        week, cut, listeners in
        guard !options.owners.isEmpty else { return nil }
        statePath = options.state.map { StateFile.forWeek($0, lastDay: week.lastDay) }
        return OwnersBuild(
          open: reopen, week: week, cut: cut, listeners: listeners, options: options,
          state: statePath.flatMap { StateSource(file: URL(fileURLWithPath: $0)) })
      }
    }
    guard let (week, latest, startsLater, searches, contacts, recommending, ownersBuilt) = read
    else {
      return nil
    }
    let owners = ownersBuilt?.digest
    // A state named but not there: the build collected, and read every row.
    let ownersRead = statePath.map { ($0, ownersBuilt?.kind ?? .full(reason: .noSavedState)) }
    let (recommender, songs, clustersFrom) = recommending.value
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
    var plan = DigestPlan(
      week: week, latestEvent: latest, dataStartsLater: startsLater, selection: selection,
      searchedWithoutPick: searches.searchedWithoutPick, owners: owners, ownersRead: ownersRead,
      envelopes: [], options: options, pseudonyms: pseudonyms)
    plan.clustersFrom = clustersFrom
    // Two HMACs a listener: on every core.
    plan.envelopes = Workers.map(selection.chosen) { chosen in
      let key = pseudonyms.token(for: chosen.userID, purpose: Purpose.recipient)
      return Envelope(
        key: key, label: pseudonyms.pseudonym(for: chosen.userID),
        fileName: "listener-\(key.prefix(16)).eml",
        sender: options.from.address, recipients: [chosen.recipient.address])
    }
    if owners != nil {
      plan.envelopes.append(
        Envelope(
          key: pseudonyms.token(for: plan.ownersKey, purpose: Purpose.ownersRecipient),
          label: "owners",
          fileName: "owners.eml", sender: options.from.address,
          recipients: options.owners.map(\.address)))
    }
    return plan
  }

  /// The recommender over every track's features, the songs by track id, and the state whose
  /// clusters it took, built on a thread of its own.
  private typealias Recommending = Background<
    (ContentRecommender, [String: DigestSong], clustersFrom: String?)
  >

  /// The state files whose sound clusters the recommender may take, with `--state`: the latest
  /// state's first (clusters follow the catalog as it is now), then the week's.
  private static func clusterStates(_ options: DigestOptions, _ week: DigestWeek) -> [String] {
    guard let latest = options.state else { return [] }
    let weeks = StateFile.forWeek(latest, lastDay: week.lastDay)
    return weeks == latest ? [latest] : [latest, weeks]
  }

  /// Starts building the recommender over `rows` (K-means on every core), with the clusters of
  /// the first of the `states` that keeps the ones it would make instead of K-means
  /// (``SavedClusters``: the same features of `catalog`'s tracks, and k); a state is read only
  /// when the ones before it did not fit.
  private static func recommending(
    _ rows: TrackFeatureRows, catalog: Catalog, states: [String], _ options: DigestOptions
  ) -> Recommending {
    Recommending(returnMemory: true) {
      let features = FeatureCatalog(rows)
      let kept = states.lazy.compactMap { path in
        StateSource(file: URL(fileURLWithPath: path)).flatMap(SavedClusters.init(state:))?
          .clustering(of: features, catalog: catalog, clusters: options.clusters).map {
            (path, $0)
          }
      }.first
      let recommender =
        kept.map { ContentRecommender(catalog: features, clustering: $0.1) }
        ?? ContentRecommender(catalog: features, clusters: options.clusters, loop: Workers.loop())
      var songs: [String: DigestSong] = [:]
      for row in rows.rows {
        songs[row.id] = DigestSong(
          trackID: row.id, title: row.title, artist: row.artist, genres: row.genres)
      }
      return (recommender, songs, kept?.0)
    }
  }

  /// What a week's messages are made of: the week, the latest event time, the week's searches,
  /// the searching listeners' contacts, the recommender (building) and the owners' report; `nil`
  /// when the source has no valid event.
  ///
  /// `startOwners` is called once the week's searches are read, with the week, the cut and the
  /// listeners who picked a track: the owners' report is built up to the same cut, the picking
  /// listeners' heard tracks are taken from the plays and ratings it collects for them, and it
  /// is waited for before the features are read (the recommender and the owners' build would
  /// otherwise hold their largest arrays, and both cores, at the same time). A failed build
  /// stops the run here, before anything is written. Without an owners' report, or with one
  /// that goes on from the site build's state (reading little, collecting nothing), the features
  /// are read right after the week's searches, through the same connection, and the recommender
  /// is built while the plays and ratings are read (through that connection and a second one
  /// that `alongside` opens, one half of the ids each). With `--state` the recommender takes the
  /// site build's clusters when they are the ones it would make (``clusterStates(_:_:)``).
  private static func readWeek(
    _ reader: some EventStream & CatalogReader & ListenerDirectory,
    alongside: @escaping @Sendable () throws -> any EventSource, weekEnding: CivilDate?,
    options: DigestOptions, startOwners: (DigestWeek, EventCut, [[UInt8]]) -> OwnersBuild?
  ) throws -> (
    DigestWeek, Int64, Bool, WeekOfSearches, [String: ListenerContact], Recommending,
    (digest: OwnersDigest, kind: ReportPipeline.Result.Kind?)?
  )? {
    let cut = try reader.cut()
    let catalog = try reader.loadCatalog()
    guard let latest = try reader.latestValidTime(in: cut, catalog: catalog) else { return nil }
    let lastDay = weekEnding?.dayNumber ?? options.zone.localDay(latest)
    let week = DigestWeek(
      asOf: options.zone.start(ofDay: lastDay + 1) - 1, lastDay: CivilDate(dayNumber: lastDay))
    // Only a week asked for can end before the first event.
    let startsLater =
      try weekEnding != nil && reader.latestTime(in: cut, before: week.asOf + 1) == nil
    var owners: OwnersBuild?
    var recommending: Recommending?
    let states = clusterStates(options, week)
    let searches = try WeekOfSearches.read(
      reader, asOf: week.asOf, zone: options.zone, catalog: catalog, alongside: alongside
    ) { listeners, catalog in
      owners = startOwners(week, cut, listeners)
      if owners?.collects != true {
        recommending = Self.recommending(
          try reader.trackFeatures(), catalog: catalog, states: states, options)
      }
      return try owners?.played()
    }
    let contacts = try reader.contacts(searches.listeners.map(\.userID))
    let report = try owners?.report()
    let recommender =
      try recommending
      ?? Self.recommending(
        reader.trackFeatures(), catalog: searches.catalog, states: states, options)
    return (week, latest, startsLater, searches, contacts, recommender, report)
  }

  /// Whether the week holds no event at all: the source's latest event is before the week's
  /// first day (in the time zone), as when the app or its log stopped (``dataStopped``), or its
  /// first one after the week's end (``dataStartsLater``) — or the owners' report counted none
  /// in it (a week in a gap).
  var isEmptyWeek: Bool {
    dataStopped || dataStartsLater
      || owners.map {
        $0.range.activity.events + $0.range.feedback.likes + $0.range.feedback.dislikes == 0
      }
        ?? false
  }

  /// The line that refuses an empty week (``isEmptyWeek``), saying why it is empty.
  var emptyWeekRefusal: String {
    let week = "tunedash: the week ending \(weekKey) has no events"
    if dataStopped {
      return "\(week): the data ends at \(dataEnds) (has the app or its log stopped?); "
        + "pass --allow-empty-week to write it anyway\n"
    }
    let why = dataStartsLater ? ": the data starts after it;" : " (the data ends at \(dataEnds));"
    return "\(week)\(why) check --week-ending, or pass --allow-empty-week to write it anyway\n"
  }

  /// Whether the source's latest event is before the week's first day.
  var dataStopped: Bool {
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
    // In lower case, as `--owners` drops repeated addresses: `Owners@Example.com` on one run
    // and `owners@example.com` on the next are the same report, sent once.
    options.owners.map { $0.address.text.lowercased() }.sorted().joined(separator: ",")
  }

  /// The owners' message.
  private func ownersMessage(_ owners: OwnersDigest) -> MailMessage {
    MailMessage(
      from: options.from, to: options.owners, subject: owners.subject, date: week.date,
      messageID: messageID(pseudonyms.token(for: ownersKey, purpose: Purpose.ownersMessageID)),
      text: owners.text, html: owners.html)
  }

  /// The message of the listener of envelope `index`.
  private func listenerMessage(_ index: Int) -> MailMessage {
    let chosen = selection.chosen[index]
    let digest = ListenerDigest(
      week: week, name: chosen.displayName, picks: chosen.picks, songs: chosen.songs,
      unsubscribeURL: options.unsubscribe(
        token: pseudonyms.token(for: chosen.userID, purpose: Purpose.unsubscribe)),
      oneClick: options.unsubscribeIsOneClick, trackLink: options.trackLink)
    return MailMessage(
      from: options.from, to: [chosen.recipient], subject: digest.subject, date: week.date,
      messageID: messageID(pseudonyms.token(for: chosen.userID, purpose: Purpose.messageID)),
      unsubscribe: digest.unsubscribeURL, oneClick: digest.oneClick,
      text: digest.text, html: digest.html)
  }

  /// Renders every message (the listeners' on every core, a batch at a time, the next batch
  /// while this one is written; then the owners') and writes it to the week's folder of
  /// `outbox`; returns the paths, by file name.
  func write(to outbox: Outbox) throws -> [String: String] {
    var writer = try outbox.week(weekKey)
    let listeners = selection.chosen.count
    let batches = stride(from: 0, to: listeners, by: Self.batch).map {
      $0..<min(listeners, $0 + Self.batch)
    }
    let plan = self
    func render(_ batch: Int) -> Background<[String]>? {
      guard batch < batches.count else { return nil }
      let indices = Array(batches[batch])
      return Background { Workers.map(indices) { plan.listenerMessage($0).rendered } }
    }
    var next = render(0)
    for batch in batches.indices {
      guard let rendered = next?.value else { break }
      next = render(batch + 1)
      for (index, text) in zip(batches[batch], rendered) {
        try writer.write(envelopes[index].fileName, text)
      }
    }
    if let owners {
      try writer.write(envelopes[listeners].fileName, ownersMessage(owners).rendered)
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
