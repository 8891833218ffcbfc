import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Top tracks and artists section: the tracks and the artists with the most distinct
/// listeners in the range, with their rank in the range before.
struct TopListsSection: DashboardSection {
  var id: String { "top" }

  /// How many entries the charts draw; the tables list all (up to 20).
  static let drawn = 10

  func view(_ page: inout SectionContext) -> TopListsView {
    let data = page.data
    let hasPrevious = page.range.days != nil
    let tracks = data.topTracks.map {
      Entry(
        name: "\($0.title) — \($0.artist)", listeners: $0.listeners, events: $0.events,
        rank: $0.rank,
        previousRank: $0.previousRank)
    }
    let artists = data.topArtists.map {
      Entry(
        name: $0.artist, listeners: $0.listeners, events: $0.events, rank: $0.rank,
        previousRank: $0.previousRank)
    }
    return TopListsView(
      tracks: chart(
        "top-tracks", title: "Top tracks", noun: "Track", entries: tracks, hasPrevious: hasPrevious,
        page: &page),
      artists: chart(
        "top-artists", title: "Top artists", noun: "Artist", entries: artists,
        hasPrevious: hasPrevious, page: &page))
  }

  /// One entry of either list.
  struct Entry {
    let name: String
    let listeners: Int
    let events: Int
    let rank: Int
    let previousRank: Int?
  }

  /// "▲ 3", "▼ 2", "=", "new entry" (not in the range before's list: as in a music chart, it
  /// may have been just below it), or "–" where there is no range before.
  static func change(_ entry: Entry, hasPrevious: Bool) -> String {
    guard hasPrevious else { return "–" }
    guard let previous = entry.previousRank else { return "new entry" }
    let moved = previous - entry.rank
    return moved > 0 ? "▲ \(moved)" : moved < 0 ? "▼ \(-moved)" : "="
  }

  func chart(
    _ name: String, title: String, noun: String, entries: [Entry], hasPrevious: Bool,
    page: inout SectionContext
  ) -> ChartView {
    let previousColumn = hasPrevious ? "Change vs previous \(page.range.days ?? 0) days" : "Change"
    let table = TableView(
      caption: "\(title) by listeners, \(page.range.label.lowercased())",
      columns: [
        ("Rank", true), (noun, false), ("Listeners", true), ("Engagements", true),
        (previousColumn, true),
      ],
      rows: entries.map {
        [
          "\($0.rank)", $0.name, NumberFormat.grouped($0.listeners),
          NumberFormat.grouped($0.events),
          Self.change($0, hasPrevious: hasPrevious),
        ]
      })
    let drawn = Array(entries.prefix(Self.drawn))
    let summary =
      drawn.first.map {
        "\(Narrative.name($0.name)) leads with \(Narrative.count($0.listeners, "listener"))"
          + (drawn.count > 1
            ? "; then \(Narrative.list(drawn.dropFirst().prefix(2).map { Narrative.name($0.name) }))."
            : ".")
      } ?? "No \(noun.lowercased()) had enough listeners in this range."
    return page.chart(
      name: name, title: title,
      note:
        "Distinct listeners who played, picked or liked it (an engagement, as for genres); only entries with at least \(page.report.minUsers) listeners are shown.",
      summary: summary, table: table, isEmpty: drawn.isEmpty,
      emptyText:
        "No \(noun.lowercased()) had \(page.report.minUsers) or more listeners in this range.",
      footnote: entries.count > drawn.count
        ? "The chart shows the top \(drawn.count); the table lists all \(entries.count) with their change in rank."
        : nil
    ) { text, width in
      BarChart(
        bars: drawn.map {
          BarChart.Bar(
            label: "\($0.rank). \($0.name)", value: Double($0.listeners),
            valueLabel: NumberFormat.grouped($0.listeners),
            tooltip:
              "\(Narrative.name($0.name)): \(Narrative.count($0.listeners, "listener")), \(Narrative.count($0.events, "engagement")), \(Self.change($0, hasPrevious: hasPrevious))"
          )
        }, axisFormat: .compact
      ).render(text, width: width)
    }
  }
}

/// The Top tracks and artists section as `section-top.mustache` sees it.
struct TopListsView: Sendable {
  /// The top tracks.
  let tracks: ChartView
  /// The top artists.
  let artists: ChartView
}

extension TopListsView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "tracks": { $0.tracks },
    "artists": { $0.artists },
  ]
}
