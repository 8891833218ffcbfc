import Analytics
import Digest
import EventStore
import Formatting
import Privacy
import Recommender
import ReportModel

/// A week's messages, decided before anything is written: who gets a digest, who does not and
/// why, and each message in its envelope.
struct DigestPlan {
  /// The week.
  var week: DigestWeek
  /// The week's last day, ISO: its folder in the outbox and its key in the send log.
  var weekKey: String { week.lastDay.iso }
  /// The listeners chosen and those left out.
  var selection: ListenerSelection
  /// Listeners who searched in the week without picking a track.
  var searchedWithoutPick: Int
  /// Every message: the listeners' digests in user-id order, then the owners' report.
  var envelopes: [Envelope]
  /// How many addresses get the owners' report.
  var ownerCount: Int
  /// The time zone, for the summary.
  var zone: String

  /// Purposes of the HMAC tokens (see ``Pseudonymizer/token(for:purpose:)``).
  enum Purpose {
    static let recipient = "digest-recipient"
    static let messageID = "digest-message-id"
    static let unsubscribe = "unsubscribe"
  }

  /// Reads the week from `source` and decides every message; `nil` when the source has no
  /// events and no `weekEnding` was given.
  static func make<Source: EventSource>(
    from source: Source, weekEnding: CivilDate?, options: DigestOptions, pseudonyms: Pseudonymizer
  ) throws -> DigestPlan? {
    let read = try source.read { reader -> (DigestWeek, WeekOfSearches, [String: ListenerContact], TrackFeatureRows)? in
      guard let lastDay = try weekEnding?.dayNumber ?? reader.latestTime(in: reader.cut()).map(options.zone.localDay)
      else { return nil }
      let week = DigestWeek(asOf: options.zone.start(ofDay: lastDay + 1) - 1, lastDay: CivilDate(dayNumber: lastDay))
      let searches = try WeekOfSearches.read(reader, asOf: week.asOf)
      let contacts = try reader.contacts(searches.listeners.map(\.userID))
      return (week, searches, contacts, try reader.trackFeatures())
    }
    guard let (week, searches, contacts, rows) = read else { return nil }
    let recommender = ContentRecommender(catalog: FeatureCatalog(rows), clusters: options.clusters)
    var songs: [String: DigestSong] = [:]
    for row in rows.rows {
      songs[row.id] = DigestSong(trackID: row.id, title: row.title, artist: row.artist, genres: row.genres)
    }
    let candidates = searches.listeners.map { listener in
      let contact = contacts[listener.userID]
      return ListenerSelection.Candidate(
        userID: listener.userID, displayName: contact?.displayName, email: contact?.email,
        optedOut: contact?.optedOut ?? false, picks: listener.picks, heard: listener.heard)
    }
    let selection = ListenerSelection(
      candidates: candidates, recommender: recommender, songs: songs, count: options.count)

    var envelopes = selection.chosen.map { chosen in
      let key = pseudonyms.token(for: chosen.userID, purpose: Purpose.recipient)
      let digest = ListenerDigest(
        week: week, name: chosen.displayName, picks: chosen.picks, songs: chosen.songs,
        unsubscribeURL: options.unsubscribe(token: pseudonyms.token(for: chosen.userID, purpose: Purpose.unsubscribe)),
        trackLink: options.trackLink)
      return Envelope(
        key: key, label: pseudonyms.pseudonym(for: chosen.userID), fileName: "listener-\(key.prefix(16)).eml",
        message: MailMessage(
          from: options.from, to: [chosen.recipient], subject: digest.subject, date: week.date,
          messageID: messageID(week, pseudonyms.token(for: chosen.userID, purpose: Purpose.messageID), options),
          unsubscribe: digest.unsubscribeURL, text: digest.text, html: digest.html))
    }
    if !options.owners.isEmpty {
      envelopes.append(try ownersEnvelope(source, week: week, options: options, pseudonyms: pseudonyms))
    }
    return DigestPlan(
      week: week, selection: selection, searchedWithoutPick: searches.searchedWithoutPick, envelopes: envelopes,
      ownerCount: options.owners.count, zone: options.zone.identifier)
  }

  /// The owners' report: the 7-day range of the report a build with `--as-of` at the week's
  /// end computes, through the same pipeline.
  private static func ownersEnvelope<Source: EventSource>(
    _ source: Source, week: DigestWeek, options: DigestOptions, pseudonyms: Pseudonymizer
  ) throws -> Envelope {
    let reportOptions = ReportOptions(
      asOf: week.asOf, zone: options.zone, minRatings: options.minRatings, minUsers: options.minUsers,
      clusters: options.clusters)
    let report = try ReportPipeline.build(from: source, options: reportOptions) { pseudonyms.pseudonyms(for: $0) }
    let owners = OwnersDigest(week: week, range: report.ranges.days7, siteURL: options.siteURL)
    let addresses = options.owners.map(\.address.text).sorted().joined(separator: ",")
    let key = pseudonyms.token(for: addresses, purpose: Purpose.recipient)
    return Envelope(
      key: key, label: "owners", fileName: "owners.eml",
      message: MailMessage(
        from: options.from, to: options.owners, subject: owners.subject, date: week.date,
        messageID: messageID(week, pseudonyms.token(for: addresses, purpose: Purpose.messageID), options),
        text: owners.text, html: owners.html))
  }

  /// `<digest.2026-11-29.3f2a…@example.com>`: the week and a token of the recipient, at the
  /// sender's domain. The same week and recipient always give the same id.
  private static func messageID(_ week: DigestWeek, _ token: String, _ options: DigestOptions) -> String {
    "<digest.\(week.lastDay.iso).\(token.prefix(24))@\(options.from.address.domain)>"
  }

  /// What the run will write, in one line, and who is left out, in another.
  var summary: String {
    let listeners = NumberFormat.count(selection.chosen.count, "listener digest")
    let owners = ownerCount > 0 ? " and the owners' report (\(NumberFormat.count(ownerCount, "address", "addresses")))" : ""
    var skipped: [String] = []
    if selection.withoutEmail > 0 { skipped.append("\(selection.withoutEmail) without an email") }
    if selection.invalidEmail > 0 { skipped.append("\(selection.invalidEmail) with an invalid email") }
    if selection.optedOut > 0 { skipped.append("\(selection.optedOut) opted out") }
    if selection.nothingToRecommend > 0 { skipped.append("\(selection.nothingToRecommend) with nothing to recommend") }
    let left = skipped.isEmpty ? "" : "\nleft out: " + skipped.joined(separator: ", ") + " (of those who picked a track)"
    return "week of \(week.label) (\(zone)): \(listeners)\(owners)\(left)"
  }
}
