import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Experiments section: every pair of model versions the "by model version" chart shows,
/// compared per listener on the days both served (``ModelComparison``) — a card per pair with
/// numbers, a chart of d = R_B − R_A with its 95% and always-valid 95% intervals, the pairs
/// without numbers in words, and every number in a table.
struct ExperimentsSection: DashboardSection {
  var id: String { "experiments" }

  func view(_ page: inout SectionContext) -> ExperimentsView {
    let comparisons = page.data.experiments
    let minUsers = page.report.minUsers
    let cards = comparisons.filter { $0.status == .compared }.map(Self.card)
    let notes = comparisons.compactMap { ComparisonWords.withoutNumbers($0, minUsers: minUsers) }
    let drawn = comparisons.filter { $0.status == .compared && $0.result.difference != nil }
    return ExperimentsView(
      hasComparisons: !comparisons.isEmpty, cards: cards,
      chart: drawn.isEmpty ? nil : chart(drawn, all: comparisons, page: &page), notes: notes)
  }

  /// A comparison with numbers as a card: d, the verdict, the always-valid interval, the
  /// listeners and the days side by side.
  static func card(_ comparison: ModelComparison) -> CardView {
    let result = comparison.result
    let (trend, arrow) = ComparisonWords.trend(result.verdict)
    var details: [String] = []
    if result.alwaysValid95 != nil {
      details.append("Always-valid 95%: \(ComparisonWords.interval(result.alwaysValid95))")
    } else {
      details.append("No interval: too few listeners, or too little variation, to measure it")
    }
    if let overlap = comparison.overlap {
      let listeners = overlap.listeners.map { Narrative.count($0, "listener") + " on " } ?? ""
      details.append(listeners + ComparisonWords.overlap(overlap))
    }
    return CardView(
      label: ComparisonWords.pair(comparison),
      value: result.difference.map(ComparisonWords.points) ?? "–",
      change: ComparisonWords.verdict(result.verdict), trend: trend, arrow: arrow,
      comparison: nil, detail: details.joined(separator: " · "), sparkline: nil)
  }

  /// The interval chart of the comparisons with a difference, with every comparison (and each
  /// per-source one) in its table.
  func chart(_ drawn: [ModelComparison], all: [ModelComparison], page: inout SectionContext)
    -> ChartView
  {
    let summary = drawn.map(ComparisonWords.sentence).joined(separator: ". ") + "."
    return page.chart(
      name: "experiments", title: "Difference in like ratio, B − A",
      note:
        "Dot: d. Thick bar: 95% interval. Thin line: always-valid 95% interval (gives the verdict), an arrowhead where the axis cuts it.",
      summary: summary, table: Self.table(all, range: page.range)
    ) { text, width in
      IntervalChart(
        rows: drawn.map { comparison in
          let result = comparison.result
          return IntervalChart.Row(
            label: ComparisonWords.pair(comparison), value: result.difference ?? 0,
            inner: Self.range(result.ci95), outer: Self.range(result.alwaysValid95),
            valueLabel: result.difference.map(ComparisonWords.points) ?? "–",
            className: ComparisonWords.chartClass(result.verdict),
            tooltip: ComparisonWords.sentence(comparison))
        }
      ).render(text, width: width)
    }
  }

  /// `[lower, upper]` as a range; `nil` without one.
  static func range(_ bounds: [Double]?) -> ClosedRange<Double>? {
    guard let bounds, bounds.count == 2, bounds[0] <= bounds[1] else { return nil }
    return bounds[0]...bounds[1]
  }
}

/// The Experiments section as `section-experiments.mustache` sees it.
struct ExperimentsView: Sendable {
  /// `false` when the range shows fewer than two model versions: nothing to compare.
  let hasComparisons: Bool
  /// One card per comparison with numbers.
  let cards: [CardView]
  /// d with both intervals; `nil` when no comparison has a difference.
  let chart: ChartView?
  /// One sentence per comparison without numbers: never side by side, or withheld.
  let notes: [String]
}

extension ExperimentsView: TemplateView {
  static let children: [any TemplateView.Type] = [CardView.self, ChartView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = [
    "hasComparisons": { $0.hasComparisons },
    "cards": { $0.cards },
    "chart": { $0.chart as Any? },
    "notes": { $0.notes },
    "hasNotes": { !$0.notes.isEmpty },
    "hasCards": { !$0.cards.isEmpty },
  ]
}
