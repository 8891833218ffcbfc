import ReportModel
import Formatting
import SVGCharts

extension DashboardBuilder {
  /// The most popular genres by listeners.
  mutating func genreChart() -> ChartView {
    let data = self.data
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
      caption: "Listeners per genre, \(range.label.lowercased())",
      columns: [("Genre", false), ("Listeners", true), ("% of active", true), ("Engagements", true)],
      rows: data.genres.map {
        [$0.genre, NumberFormat.grouped($0.users), share($0.users), NumberFormat.grouped($0.events)]
      })
    return chart(
      name: "genres", title: "Most popular genres",
      note: "Listeners who played, picked or liked a track of the genre. A track with two genres counts for both.",
      summary: summary, table: table, isEmpty: genres.isEmpty,
      footnote: Narrative.joined([
        data.genres.count > genres.count
          ? "Showing the top \(genres.count) of \(data.genres.count) genres; the table lists all." : nil,
        Narrative.folded(data.genresOther, noun: ("genre", "genres"), minUsers: report.minUsers),
      ])
    ) { text, width in
      BarChart(
        bars: genres.map {
          BarChart.Bar(
            label: $0.genre, value: Double($0.users),
            valueLabel: width < Self.wide ? NumberFormat.compact($0.users) : "\(NumberFormat.grouped($0.users)) · \(share($0.users))",
            tooltip: "\(Narrative.name($0.genre)): \(Narrative.count($0.users, "listener")) (\(share($0.users)) of active), \(Narrative.count($0.events, "engagement"))")
        }, axisFormat: .compact
      ).render(text, width: width)
    }
  }
}
