import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Listeners section, the same on every page: how many listeners were active in the last day,
/// 7 and 30 days as of the end of the data, listeners by days since their last activity, and the
/// most recently active listeners under their pseudonyms.
struct ListenersSection: DashboardSection {
  var id: String { "listeners" }

  func view(_ page: inout SectionContext) -> ListenersView {
    ListenersView(
      cards: cards(page.report.users), recency: recency(&page),
      recentUsers: recentUsers(page.report))
  }

  /// Active in the last day, 7 days and 30 days, as of the report's end.
  func cards(_ users: UsersReport) -> [CardView] {
    [
      .count(
        label: "Active in the last day", value: users.activeLastDay, previous: nil, comparison: nil),
      .count(
        label: "Active in the last 7 days", value: users.activeLast7Days, previous: nil,
        comparison: nil),
      .count(
        label: "Active in the last 30 days", value: users.activeLast30Days, previous: nil,
        comparison: nil),
      .count(
        label: "Signed up, never active", value: users.neverActive, previous: nil, comparison: nil,
        detail: "of \(NumberFormat.grouped(users.registered)) in the users table"),
    ]
  }

  /// Listeners by days since their last activity.
  func recency(_ page: inout SectionContext) -> ChartView {
    let users = page.report.users
    let buckets = users.recency
    let known = max(users.known, 1)
    let share = { (n: Int) in NumberFormat.percent(Double(n) / Double(known)) }
    var summary = "No listener has any activity yet."
    if users.known > 0, buckets.count == 5 {
      summary =
        "\(Narrative.count(buckets[0].users, "listener")) (\(share(buckets[0].users))) were active on the last day, \(NumberFormat.grouped(buckets[1].users)) in the 6 days before; \(NumberFormat.grouped(buckets[4].users)) (\(share(buckets[4].users))) have not been seen for more than 90 days."
    }
    let table = TableView(
      caption: "Listeners by days since their last activity",
      columns: [("Last active", false), ("Listeners", true), ("Share", true)],
      rows: buckets.map { [$0.label, NumberFormat.grouped($0.users), share($0.users)] })
    return page.chart(
      name: "recency", title: "Days since last activity",
      note:
        "Every listener with at least one event, by whole days between their latest event and the end of the data.",
      summary: summary, table: table, isEmpty: users.known == 0,
      emptyText: "No listener has any activity yet."
    ) { text, width in
      BarChart(
        bars: buckets.map {
          BarChart.Bar(
            label: $0.label, value: Double($0.users),
            valueLabel: "\(NumberFormat.grouped($0.users)) · \(share($0.users))",
            tooltip: "\($0.label): \(Narrative.count($0.users, "listener")) (\(share($0.users)))")
        }, axisFormat: .compact
      ).render(text, width: width)
    }
  }

  /// The most recently active listeners, under their pseudonyms.
  func recentUsers(_ report: Report) -> TableView {
    TableView(
      caption: "Most recently active listeners (pseudonyms)",
      columns: [("Listener", false), ("Last activity", false), ("What", false)],
      rows: report.users.recent.map { user in
        [
          user.user, LocalTime.text(user.lastSeen, zone: report.timeZone) ?? user.lastSeen,
          Self.kindLabel(user.kind),
        ]
      })
  }

  /// What a listener last did, as the table says it: `Search`, `Liked a track`.
  static func kindLabel(_ kind: String) -> String {
    switch kind {
    case "search": "Search"
    case "playlist": "Playlist"
    case "play": "Play"
    case "login": "Login"
    case "like": "Liked a track"
    case "dislike": "Disliked a track"
    default: "Other"
    }
  }
}

/// The Listeners section as `section-listeners.mustache` sees it.
struct ListenersView: Sendable {
  let cards: [CardView]
  let recency: ChartView
  let recentUsers: TableView
}

extension ListenersView: TemplateView {
  static let children: [any TemplateView.Type] = [CardView.self, ChartView.self, TableView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "cards": { $0.cards },
    "recency": { $0.recency },
    "recentUsers": { $0.recentUsers },
  ]
}
