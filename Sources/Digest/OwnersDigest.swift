import Formatting
import ReportModel

/// The owners' weekly email: the week's headline numbers against the week before, the top
/// genres, the most liked and disliked recommended tracks, one line per comparison of model
/// versions (``ExperimentLines``), and a link to the dashboard.
///
/// Every number comes from the dashboard's 7-day range of a report built as of the week's end
/// (`build --as-of WEEK-ENDING` shows the same): nothing is recomputed here.
public struct OwnersDigest: Sendable {
  /// How many genres and tracks each list shows.
  public static let listLength = 5

  /// The week.
  public var week: DigestWeek
  /// The 7-day range of the report as of the week's end.
  public var range: RangeReport
  /// The dashboard's address, or `nil`.
  public var siteURL: String?

  /// Creates the owners' digest.
  public init(week: DigestWeek, range: RangeReport, siteURL: String?) {
    self.week = week
    self.range = range
    self.siteURL = siteURL
  }

  /// `Weekly report: 23–29 November 2026`.
  public var subject: String { "Weekly report: \(week.label)" }

  /// One headline: its name, this week's value, the week before's, and the change.
  struct Headline {
    var label: String
    var value: String
    var previous: String
    var change: String
  }

  /// Active and new listeners, activity events, like ratio, ratings and searches, as on the
  /// dashboard's cards.
  var headlines: [Headline] {
    let previous = range.previous
    func count(_ label: String, _ value: Int, _ before: Int?) -> Headline {
      Headline(
        label: label, value: NumberFormat.grouped(value),
        previous: before.map(NumberFormat.grouped) ?? "–",
        change: Change.count(value, previous: before)?.text ?? "–")
    }
    let ratio = range.feedback.likeRatio
    let before = previous?.likeRatio
    return [
      count("Active listeners", range.activity.activeUsers, previous?.activity.activeUsers),
      count("New listeners", range.listeners?.new ?? 0, previous?.listeners?.new),
      count("Activity events", range.activity.events, previous?.activity.events),
      Headline(
        label: "Like ratio", value: ratio.map { NumberFormat.percent($0, places: 1) } ?? "–",
        previous: before.map { NumberFormat.percent($0, places: 1) } ?? "–",
        change: Change.points(ratio, previous: before)?.text ?? "–"),
      count("Ratings", range.feedback.ratings, previous?.ratings),
      count("Searches", range.activity.searches, previous?.activity.searches),
    ]
  }

  /// `95% interval 60.1–64.2%, from 1,234 ratings`, or `nil` without ratings.
  var interval: String? {
    guard let lower = range.feedback.wilsonLower, let upper = range.feedback.wilsonUpper else {
      return nil
    }
    return
      "Like ratio 95% interval: \(Change.interval(lower, upper)), from \(NumberFormat.count(range.feedback.ratings, "rating"))."
  }

  private var genres: [GenreCount] { Array(range.genres.prefix(Self.listLength)) }

  private func tracks(_ list: [RatedTrack]) -> [RatedTrack] { Array(list.prefix(Self.listLength)) }

  private func rating(_ track: RatedTrack) -> String {
    let ratio = track.likeRatio.map { NumberFormat.percent($0) } ?? "–"
    return "\(ratio) liked of \(NumberFormat.count(track.likes + track.dislikes, "rating"))"
  }

  /// The plain-text part.
  public var text: String {
    var lines = ["The week of \(week.label), against the week before:", ""]
    let headlines = self.headlines
    let width = headlines.map(\.label.count).max() ?? 0
    for headline in headlines {
      let pad = String(repeating: " ", count: width - headline.label.count)
      lines.append(
        "  \(headline.label)\(pad)  \(headline.value)  (before: \(headline.previous), \(headline.change))"
      )
    }
    if let interval { lines += ["", interval] }
    lines += ["", "Top genres (distinct listeners):"]
    lines +=
      genres.isEmpty
      ? ["  none this week"]
      : genres.enumerated().map { index, genre in
        "  \(index + 1). \(SafeText.clean(genre.genre, limit: 40, isolate: false)): \(NumberFormat.grouped(genre.users))"
      }
    for (title, list, none) in trackLists {
      lines += ["", "\(title):"]
      lines +=
        list.isEmpty
        ? ["  \(none)"]
        : list.enumerated().map { index, track in
          "  \(index + 1). \(SafeText.clean(track.title, isolate: false)) - \(SafeText.clean(track.artist, isolate: false)): \(rating(track))"
        }
    }
    lines += ["", ranking]
    lines += ExperimentLines(comparisons: range.experiments).text
    lines.append("")
    lines.append(siteURL.map { "The dashboard: \($0)" } ?? "Open the dashboard for the details.")
    return lines.joined(separator: "\n") + "\n"
  }

  /// How the dashboard ranks the track lists, said once under them.
  private var ranking: String {
    "Tracks with at least \(NumberFormat.count(range.feedback.minRatings, "rating")) this week, liked (or disliked) more often than not, ranked as on the dashboard: by the lower end of the 95% interval of their like (or dislike) ratio."
  }

  /// The two lists, each with its title and what stands in for it when empty (a track is on
  /// one list at most: liked, or disliked, more often than not).
  private var trackLists: [(title: String, list: [RatedTrack], none: String)] {
    let ratings = "with \(range.feedback.minRatings)+ ratings this week"
    return [
      (
        "Most liked recommended tracks", tracks(range.feedback.mostLiked),
        "none \(ratings) was liked more often than disliked"
      ),
      (
        "Most disliked recommended tracks", tracks(range.feedback.mostDisliked),
        "none \(ratings) was disliked more often than liked"
      ),
    ]
  }

  /// The HTML part.
  public var html: String {
    let esc = MailHTML.escaped
    var body = [MailHTML.paragraph("The week of \(esc(week.label)), against the week before.")]
    body.append(
      MailHTML.table(
        header: ["", "This week", "Week before", "Change"],
        rows: headlines.map {
          [esc($0.label), "<strong>\(esc($0.value))</strong>", esc($0.previous), esc($0.change)]
        },
        numeric: [1, 2, 3]))
    if let interval { body.append(MailHTML.paragraph(esc(interval))) }
    body.append(MailHTML.heading("Top genres"))
    body.append(
      genres.isEmpty
        ? MailHTML.paragraph("None this week.")
        : MailHTML.table(
          header: ["Genre", "Listeners"],
          rows: genres.map {
            [esc(SafeText.clean($0.genre, limit: 40)), NumberFormat.grouped($0.users)]
          },
          numeric: [1]))
    for (title, list, none) in trackLists {
      body.append(MailHTML.heading(esc(title)))
      body.append(
        list.isEmpty
          ? MailHTML.paragraph(esc(none.prefix(1).uppercased() + none.dropFirst() + "."))
          : MailHTML.table(
            header: ["Track", "Liked", "Ratings"],
            rows: list.map { track in
              [
                "<strong>\(esc(SafeText.clean(track.title)))</strong><br><span style=\"color:\(MailHTML.muted);\">\(esc(SafeText.clean(track.artist)))</span>",
                track.likeRatio.map { NumberFormat.percent($0) } ?? "–",
                NumberFormat.grouped(track.likes + track.dislikes),
              ]
            }, numeric: [1, 2]))
    }
    body.append(
      "<p style=\"margin:0 0 16px;font-size:13px;color:\(MailHTML.muted);\">\(esc(ranking))</p>")
    body += ExperimentLines(comparisons: range.experiments).html
    let footer =
      siteURL.map {
        "Every number, with charts: " + MailHTML.link("open the dashboard", to: $0) + "."
      }
      ?? "Every number, with charts, is on the dashboard."
    return MailHTML.document(
      title: "Weekly report", preheader: esc(week.label), body: body.joined(separator: "\n"),
      footer: footer)
  }
}
