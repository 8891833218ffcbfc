import ReportModel
import Formatting
import SVGCharts

extension DashboardBuilder {
  /// Like ratio per genre with Wilson whiskers, against the overall ratio.
  mutating func likeByGenreChart() -> ChartView {
    let feedback = data.feedback
    let groups = Array(feedback.byGenre.prefix(12))
    var summary = "No ratings in this range."
    if let best = groups.first, let worst = groups.last, groups.count > 1 {
      summary =
        "\(Narrative.capitalized(best.name)) has the highest like ratio, \(Narrative.ratio(best.likeRatio, lower: best.wilsonLower, upper: best.wilsonUpper)); \(Narrative.name(worst.name)) the lowest, \(NumberFormat.percent(worst.likeRatio ?? 0, places: 1)). Overall: \(NumberFormat.percent(feedback.likeRatio ?? 0, places: 1))."
    } else if let only = groups.first {
      summary = "\(Narrative.capitalized(only.name)): \(Narrative.ratio(only.likeRatio, lower: only.wilsonLower, upper: only.wilsonUpper))."
    }
    return groupChart(
      name: "like-by-genre", title: "Like ratio by genre",
      note: "Likes ÷ (likes + dislikes) of recommended tracks, by the track's genres. Whiskers: 95% Wilson interval; the line marks the overall ratio.",
      summary: summary, groups: groups, all: feedback.byGenre, nameHeader: "Genre",
      reference: feedback.likeRatio,
      folded: Narrative.folded(
        feedback.byGenreOther, noun: ("genre", "genres"), minUsers: report.minUsers, people: "raters"))
  }

  /// Like ratio by source or by model.
  mutating func ratedGroupChart(
    name: String, title: String, note: String, groups: [RatedGroup], what: String,
    folded: FoldedGroups?
  ) -> ChartView {
    let ranked = groups.sorted { ($0.likeRatio ?? -1) > ($1.likeRatio ?? -1) }
    var summary = "No ratings in this range."
    if !ranked.isEmpty {
      let parts = ranked.prefix(4).map {
        "\(Narrative.name($0.name)) \(NumberFormat.percent($0.likeRatio ?? 0, places: 1)) from \(Narrative.count($0.likes + $0.dislikes, "rating"))"
      }
      summary = "Like ratio by \(what): " + Narrative.list(parts) + "."
    }
    return groupChart(
      name: name, title: title, note: note, summary: summary, groups: groups, all: groups,
      nameHeader: Narrative.capitalized(what), reference: data.feedback.likeRatio,
      folded: Narrative.folded(folded, noun: (what, what + "s"), minUsers: report.minUsers, people: "raters"))
  }

  private mutating func groupChart(
    name: String, title: String, note: String, summary: String, groups: [RatedGroup],
    all: [RatedGroup], nameHeader: String, reference: Double?, folded: String?
  ) -> ChartView {
    let table = TableView(
      caption: "\(title), \(range.label.lowercased())",
      columns: [(nameHeader, false), ("Likes", true), ("Dislikes", true), ("Like ratio", true), ("95% interval", true)],
      rows: all.map {
        [
          $0.name, NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
          $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
          Self.interval($0.wilsonLower, $0.wilsonUpper),
        ]
      })
    return chart(
      name: name, title: title, note: note, summary: summary, table: table, isEmpty: groups.isEmpty,
      emptyText: folded ?? "No ratings in this range.", footnote: folded
    ) { text, width in
      BarChart(
        bars: groups.map { group in
          var interval: ClosedRange<Double>?
          if let lower = group.wilsonLower, let upper = group.wilsonUpper { interval = lower...upper }
          return BarChart.Bar(
            label: group.name, value: group.likeRatio ?? 0,
            valueLabel: NumberFormat.percent(group.likeRatio ?? 0, places: 1), interval: interval,
            tooltip: "\(Narrative.name(group.name)): \(Narrative.ratio(group.likeRatio, lower: group.wilsonLower, upper: group.wilsonUpper)), \(NumberFormat.grouped(group.likes)) likes, \(NumberFormat.grouped(group.dislikes)) dislikes")
        }, domain: 0...1, axisFormat: .percent,
        reference: reference.map { ($0, "overall \(NumberFormat.percent($0, places: 1))") }
      ).render(text, width: width)
    }
  }

  /// The like ratio per day, the previous range faintly behind.
  mutating func likeDailyChart() -> ChartView {
    let daily = data.daily
    let values = daily.map { ($0.coverage ?? 1) >= 0.5 ? $0.likeRatio : nil }
    let previous = data.previous?.daily.map { ($0.coverage ?? 1) >= 0.5 ? $0.likeRatio : nil }
    let present = values.compactMap { $0 }
    var summary = "No ratings in this range."
    if let low = present.min(), let high = present.max() {
      let mean = present.reduce(0, +) / Double(present.count)
      summary =
        "The daily like ratio ranged from \(NumberFormat.percent(low, places: 1)) to \(NumberFormat.percent(high, places: 1)), averaging \(NumberFormat.percent(mean, places: 1)) a day."
      if let before = previous?.compactMap({ $0 }), !before.isEmpty {
        summary += " The \(range.days ?? 0) days before averaged \(NumberFormat.percent(before.reduce(0, +) / Double(before.count), places: 1))."
      }
    }
    let firstDay = daily.first.flatMap { CivilDate(iso: $0.date)?.dayNumber } ?? 0
    let table = TableView(
      caption: "Likes and dislikes per day, \(range.label.lowercased())",
      columns: [("Date", false), ("Likes", true), ("Dislikes", true), ("Like ratio", true)],
      rows: daily.map {
        [
          Narrative.date($0.date, weekday: true) + ($0.coverage != nil ? " (part)" : ""),
          NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
          $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
        ]
      })
    var series = [
      TimeSeriesChart.Series(name: "Like ratio", values: values, style: .line, colorIndex: 0)
    ]
    if let previous, range != .all {
      series.insert(
        TimeSeriesChart.Series(
          name: "Previous \(range.days ?? 0) days", values: Self.aligned(previous, to: values.count),
          style: .line, colorIndex: 0, isPrevious: true), at: 0)
    }
    let all = (values + (previous ?? [])).compactMap { $0 }
    let domain = Self.ratioDomain(all)
    return chart(
      name: "like-daily", title: "Like ratio per day",
      note: range == .all ? "Likes ÷ (likes + dislikes) each day." : "Likes ÷ (likes + dislikes) each day; dashed: the \(range.days ?? 0) days before, day by day.",
      summary: summary, table: table, isEmpty: present.isEmpty, emptyText: "No ratings in this range."
    ) { text, width in
      TimeSeriesChart(
        firstDay: firstDay, series: series, axisFormat: .percent, domain: domain, includeZero: false,
        partialDays: Set(daily.filter { $0.coverage != nil }.compactMap { CivilDate(iso: $0.date)?.dayNumber })
      ).render(text, width: width, height: width < Self.wide ? 220 : 260)
    }
  }

  /// A table of ranked tracks.
  func trackTable(_ tracks: [RatedTrack], caption: String) -> TableView {
    TableView(
      caption: caption,
      columns: [("Track", false), ("Artist", false), ("Likes", true), ("Dislikes", true), ("Like ratio", true), ("95% interval", true)],
      rows: tracks.map {
        [
          $0.title, $0.artist, NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
          $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
          Self.interval($0.wilsonLower, $0.wilsonUpper),
        ]
      })
  }

  static func interval(_ lower: Double?, _ upper: Double?) -> String {
    guard let lower, let upper else { return "–" }
    return "\(NumberFormat.decimal(lower * 100, places: 1))–\(NumberFormat.percent(upper, places: 1))"
  }

  /// `values` cut or padded with `nil` to `count` entries.
  static func aligned(_ values: [Double?], to count: Int) -> [Double?] {
    Array(values.prefix(count)) + Array(repeating: nil, count: max(0, count - values.count))
  }

  /// A y domain around ratios in steps of 10 points, at least 20 points tall.
  static func ratioDomain(_ values: [Double]) -> ClosedRange<Double> {
    guard let low = values.min(), let high = values.max() else { return 0...1 }
    var lower = max(0, (low * 10).rounded(.down) / 10)
    var upper = min(1, (high * 10).rounded(.up) / 10)
    if upper - lower < 0.2 {
      let middle = (lower + upper) / 2
      lower = max(0, middle - 0.1)
      upper = min(1, lower + 0.2)
      lower = max(0, upper - 0.2)
    }
    return lower...upper
  }
}
