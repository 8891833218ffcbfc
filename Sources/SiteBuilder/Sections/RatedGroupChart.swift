import Formatting
import ReportModel
import SVGCharts

/// A like-ratio bar chart of rated groups (genres, recommendation sources, model versions) with
/// 95% Wilson whiskers against a reference line, and its table; shared by the Genres and the
/// Recommendations sections.
struct RatedGroupChart {
  let name: String
  let title: String
  let note: String
  /// The first column's header, e.g. `Genre`.
  let nameHeader: String
  /// The overall like ratio, drawn as a line.
  let reference: Double?
  /// The sentence about groups folded for privacy, shown under the chart or instead of it.
  let folded: String?
  /// Which part of the list the chart draws and how it was chosen, when not all of it.
  var shownPart: String? = nil

  /// The chart of `groups`, with every group of `all` in its table (or in `table`, when given).
  func chart(
    summary: String, groups: [RatedGroup], all: [RatedGroup], table custom: TableView? = nil,
    page: inout SectionContext
  ) -> ChartView {
    let table =
      custom
      ?? TableView(
        caption: "\(title), \(page.range.label.lowercased())",
        columns: [
          (nameHeader, false), ("Likes", true), ("Dislikes", true), ("Like ratio", true),
          ("95% interval", true),
        ],
        rows: all.map {
          [
            $0.name, NumberFormat.grouped($0.likes), NumberFormat.grouped($0.dislikes),
            $0.likeRatio.map { NumberFormat.percent($0, places: 1) } ?? "–",
            Self.interval($0.wilsonLower, $0.wilsonUpper),
          ]
        })
    return page.chart(
      name: name, title: title, note: note, summary: summary, table: table, isEmpty: groups.isEmpty,
      emptyText: folded ?? "No ratings in this range.",
      footnote: Narrative.joined([shownPart, folded])
    ) { text, width in
      BarChart(
        bars: groups.map { group in
          var interval: ClosedRange<Double>?
          if let lower = group.wilsonLower, let upper = group.wilsonUpper {
            interval = lower...upper
          }
          return BarChart.Bar(
            label: group.name, value: group.likeRatio ?? 0,
            valueLabel: Self.valueLabel(group, wide: width >= SectionContext.wide),
            interval: interval,
            tooltip:
              "\(Narrative.name(group.name)): \(Narrative.ratio(group.likeRatio, lower: group.wilsonLower, upper: group.wilsonUpper)), \(NumberFormat.grouped(group.likes)) likes, \(NumberFormat.grouped(group.dislikes)) dislikes"
          )
        }, domain: 0...1, axisFormat: .percent,
        reference: reference.map { ($0, "overall \(NumberFormat.percent($0, places: 1))") }
      ).render(text, width: width)
    }
  }

  /// A bar's label: the like ratio and how many ratings it rests on, `72.4% · 1,234 ratings`
  /// (`72.4% · 1.2k` on a narrow chart).
  static func valueLabel(_ group: RatedGroup, wide: Bool) -> String {
    let ratings = group.likes + group.dislikes
    let percent = NumberFormat.percent(group.likeRatio ?? 0, places: 1)
    return wide
      ? "\(percent) · \(NumberFormat.count(ratings, "rating"))"
      : "\(percent) · \(NumberFormat.compact(ratings))"
  }

  /// A 95% interval as a table cell: `68.6–69.6%`, or `–` without one.
  static func interval(_ lower: Double?, _ upper: Double?) -> String {
    guard let lower, let upper else { return "–" }
    return
      "\(NumberFormat.decimal(lower * 100, places: 1))–\(NumberFormat.percent(upper, places: 1))"
  }
}
