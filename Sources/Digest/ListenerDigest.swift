import Formatting

/// One listener's weekly email: the songs they picked from their searches this week, and the
/// songs that sound like them.
///
/// ```swift
/// let digest = ListenerDigest(week: week, name: "Ana", picks: picks, songs: songs,
///   unsubscribeURL: "https://example.com/u/3f2a…", trackLink: nil)
/// print(digest.text)
/// ```
public struct ListenerDigest: Sendable, Equatable {
  /// How many picked songs the email names; the rest are counted ("and 3 more").
  public static let namedPicks = 5

  /// The week.
  public var week: DigestWeek
  /// The listener's display name as stored, or `nil`.
  public var name: String?
  /// The songs they picked this week, the latest first.
  public var picks: [DigestSong]
  /// The recommended songs, best first.
  public var songs: [DigestSong]
  /// Where they can unsubscribe, or `nil`.
  public var unsubscribeURL: String?
  /// Whether that address names them (a token of theirs), so that following it unsubscribes
  /// them at once: only then does the footer say "with one click".
  public var oneClick: Bool
  /// How songs become links, or `nil` for no links.
  public var trackLink: TrackLink?

  /// Creates a digest.
  public init(
    week: DigestWeek, name: String?, picks: [DigestSong], songs: [DigestSong],
    unsubscribeURL: String?, oneClick: Bool = false, trackLink: TrackLink?
  ) {
    self.week = week
    self.name = name
    self.picks = picks
    self.songs = songs
    self.unsubscribeURL = unsubscribeURL
    self.oneClick = oneClick
    self.trackLink = trackLink
  }

  /// `Your songs for 23–29 November 2026`.
  public var subject: String { "Your songs for \(week.label)" }

  /// The greeting's name, cleaned; `nil` when there is none left after cleaning.
  private func greeting(isolate: Bool) -> String? {
    guard let name else { return nil }
    let clean = SafeText.clean(name, limit: 40, isolate: isolate)
    return clean.isEmpty ? nil : clean
  }

  /// The picks named in the sentence, and how many more there were.
  private var named: (songs: ArraySlice<DigestSong>, more: Int) {
    (picks.prefix(Self.namedPicks), max(0, picks.count - Self.namedPicks))
  }

  /// The sentence naming the picks, each described by `describe` (text or HTML: the rest of
  /// the sentence is plain ASCII without markup characters).
  private func basedOn(_ describe: (DigestSong) -> String) -> String {
    var items = named.songs.map(describe)
    if named.more > 0 { items.append("\(NumberFormat.count(named.more, "more song"))") }
    let list =
      items.count <= 2
      ? items.joined(separator: " and ")
      : items.dropLast().joined(separator: ", ") + " and " + items.last!
    return "Based on what you searched for this week: \(list)."
  }

  private var whySent: String {
    "You receive this email once a week because you searched for music this week."
  }

  /// The heading over the songs, the same in both parts: "4 songs that sound like them", "A
  /// song that sounds like it" (one pick).
  var songsHeading: String {
    let songs =
      self.songs.count == 1 ? "A song that sounds" : "\(self.songs.count) songs that sound"
    return "\(songs) like \(picks.count == 1 ? "it" : "them")"
  }

  /// The plain-text part.
  public var text: String {
    var lines = ["Hi \(greeting(isolate: false) ?? "there"),", ""]
    lines.append(
      basedOn { "\"\($0.cleanTitle(isolate: false))\" by \($0.cleanArtist(isolate: false))" })
    lines += [
      "", "\(songsHeading):", "",
    ]
    for (rank, song) in songs.enumerated() {
      let number = rank + 1 < 10 ? " \(rank + 1)" : "\(rank + 1)"
      lines.append(
        "\(number). \(song.cleanTitle(isolate: false)) - \(song.cleanArtist(isolate: false))")
      let genres = song.cleanGenres(isolate: false)
      if !genres.isEmpty { lines.append("    \(genres)") }
      if let trackLink { lines.append("    \(trackLink.url(for: song.trackID))") }
    }
    lines += ["", whySent]
    if let unsubscribeURL { lines.append("Unsubscribe: \(unsubscribeURL)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The HTML part.
  public var html: String {
    let hello = MailHTML.paragraph(
      "Hi \(greeting(isolate: true).map(MailHTML.escaped) ?? "there"),")
    let sentence = MailHTML.paragraph(
      basedOn {
        "<strong>\(MailHTML.escaped($0.cleanTitle(isolate: true)))</strong> by "
          + MailHTML.escaped($0.cleanArtist(isolate: true))
      })
    let rows = songs.enumerated().map { rank, song -> [String] in
      let title = MailHTML.escaped(song.cleanTitle(isolate: true))
      let linked = trackLink.map { MailHTML.link(title, to: $0.url(for: song.trackID)) } ?? title
      let artist = MailHTML.escaped(song.cleanArtist(isolate: true))
      return [
        "\(rank + 1)",
        "<strong>\(linked)</strong><br><span style=\"color:\(MailHTML.muted);\">\(artist)</span>",
        "<span style=\"color:\(MailHTML.muted);\">\(MailHTML.escaped(song.cleanGenres(isolate: true)))</span>",
      ]
    }
    let table = MailHTML.table(header: ["#", "Song", "Genres"], rows: rows, numeric: [0])
    var footer = MailHTML.escaped(whySent)
    if let unsubscribeURL {
      footer +=
        " " + MailHTML.link("Unsubscribe", to: unsubscribeURL)
        + (oneClick ? " with one click." : ".")
    }
    return MailHTML.document(
      title: "Your songs this week", preheader: MailHTML.escaped("Songs for \(week.label)"),
      body: [hello, sentence, MailHTML.heading(songsHeading), table].joined(
        separator: "\n"),
      footer: footer)
  }
}
