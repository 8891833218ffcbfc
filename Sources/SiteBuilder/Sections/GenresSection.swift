import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Genres section: the most popular genres by listeners, and the like ratio of recommended
/// tracks by genre against the overall ratio.
struct GenresSection: DashboardSection {
  var id: String { "genres" }

  func view(_ page: inout SectionContext) -> GenresView {
    GenresView(genres: popularity(&page), likeByGenre: likeRatio(&page))
  }

  /// The most popular genres by listeners.
  func popularity(_ page: inout SectionContext) -> ChartView {
    let data = page.data
    let active = max(data.activity.activeUsers, 1)
    let genres = Array(data.genres.prefix(12))
    let share = { (users: Int) in NumberFormat.percent(Double(users) / Double(active)) }
    var summary = "No listener engaged with a track in this range."
    if let first = genres.first {
      summary =
        "\(Narrative.capitalized(first.genre)) leads with \(Narrative.count(first.users, "listener")), \(share(first.users)) of active listeners"
      let rest = genres.dropFirst().prefix(2).enumerated().map { index, genre in
        "\(Narrative.name(genre.genre)) is \(Narrative.ordinal(index + 2)) with \(NumberFormat.grouped(genre.users)) (\(share(genre.users)))"
      }
      if !rest.isEmpty { summary += "; " + rest.joined(separator: "; ") }
      summary += ". \(Narrative.count(data.genres.count, "genre")) in all."
    }
    let table = TableView(
      caption: "Listeners per genre, \(page.range.label.lowercased())",
      columns: [
        ("Genre", false), ("Listeners", true), ("% of active", true), ("Engagements", true),
      ],
      rows: data.genres.map {
        [
          $0.genre, NumberFormat.grouped($0.users), share($0.users),
          NumberFormat.grouped($0.events),
        ]
      })
    return page.chart(
      name: "genres", title: "Most popular genres",
      note:
        "Listeners who played, picked or liked a track of the genre. A track with two genres counts for both.",
      summary: summary, table: table, isEmpty: genres.isEmpty,
      emptyText: Narrative.folded(
        data.genresOther, noun: ("genre", "genres"), minUsers: page.report.minUsers
      )
      .map { "Every genre in this range was folded for privacy: \($0)" }
        ?? "No data in this range.",
      footnote: Narrative.joined([
        data.genres.count > genres.count
          ? "Showing the top \(genres.count) of \(data.genres.count) genres; the table lists all."
          : nil,
        Narrative.folded(
          data.genresOther, noun: ("genre", "genres"), minUsers: page.report.minUsers),
      ])
    ) { text, width in
      BarChart(
        bars: genres.map {
          BarChart.Bar(
            label: $0.genre, value: Double($0.users),
            valueLabel: width < SectionContext.wide
              ? NumberFormat.compact($0.users)
              : "\(NumberFormat.grouped($0.users)) · \(share($0.users))",
            tooltip:
              "\(Narrative.name($0.genre)): \(Narrative.count($0.users, "listener")) (\(share($0.users)) of active), \(Narrative.count($0.events, "engagement"))"
          )
        }, axisFormat: .compact
      ).render(text, width: width)
    }
  }

  /// How many genres the like-ratio chart draws at most.
  static let shownRatios = 20

  /// The genres the like-ratio chart draws, in the order of `groups` (by like ratio): all of
  /// them when there are at most ``shownRatios``; else the ``shownRatios`` most-rated (likes +
  /// dislikes; ties by name, comparing bytes), so that no genre many ratings are about is ever
  /// left out of the picture for a small one with an extreme ratio.
  static func shownRatioGroups(_ groups: [RatedGroup]) -> [RatedGroup] {
    guard groups.count > shownRatios else { return groups }
    let ratings = { (group: RatedGroup) in group.likes + group.dislikes }
    let mostRated = Set(
      groups.sorted {
        ratings($0) != ratings($1)
          ? ratings($0) > ratings($1)
          : Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8))
      }.prefix(shownRatios).map(\.name))
    return groups.filter { mostRated.contains($0.name) }
  }

  /// Like ratio per genre with Wilson whiskers, against the overall ratio.
  func likeRatio(_ page: inout SectionContext) -> ChartView {
    let feedback = page.data.feedback
    let all = feedback.byGenre
    let groups = Self.shownRatioGroups(all)
    var summary = "No ratings in this range."
    if let best = all.first, let worst = all.last, all.count > 1 {
      summary =
        "Of \(Narrative.count(all.count, "genre")), \(Narrative.name(best.name)) has the highest like ratio, \(Narrative.ratio(best.likeRatio, lower: best.wilsonLower, upper: best.wilsonUpper)); \(Narrative.name(worst.name)) the lowest, \(Narrative.ratio(worst.likeRatio, lower: worst.wilsonLower, upper: worst.wilsonUpper)). Overall: \(NumberFormat.percent(feedback.likeRatio ?? 0, places: 1))."
      if groups.count < all.count {
        summary += " The chart shows the \(Self.shownRatios) most-rated."
      }
    } else if let only = all.first {
      summary =
        "\(Narrative.capitalized(only.name)): \(Narrative.ratio(only.likeRatio, lower: only.wilsonLower, upper: only.wilsonUpper))."
    }
    let folded = Narrative.folded(
      feedback.byGenreOther, noun: ("genre", "genres"), minUsers: page.report.minUsers,
      people: "raters")
    let part =
      groups.count < all.count
      ? "Showing the \(Self.shownRatios) most-rated of \(all.count) genres; the table lists all."
      : nil
    return RatedGroupChart(
      name: "like-by-genre", title: "Like ratio by genre",
      note:
        "Likes ÷ (likes + dislikes) of recommended tracks, by the track's genres, highest first, with each genre's ratings. Whiskers: 95% Wilson interval; the line marks the overall ratio.",
      nameHeader: "Genre", reference: feedback.likeRatio,
      folded: folded, shownPart: part
    ).chart(summary: summary, groups: groups, all: all, page: &page)
  }
}

/// The Genres section as `section-genres.mustache` sees it.
struct GenresView: Sendable {
  /// Listeners per genre.
  let genres: ChartView
  /// Like ratio per genre.
  let likeByGenre: ChartView
}

extension GenresView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "genres": { $0.genres },
    "likeByGenre": { $0.likeByGenre },
  ]
}
