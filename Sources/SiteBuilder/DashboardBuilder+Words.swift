import ReportModel
import Formatting
import SVGCharts

extension DashboardBuilder {
  /// How many terms the cloud shows.
  static let cloudWords = 100

  /// The word cloud of search text and playlist titles.
  mutating func wordCloudChart() -> ChartView {
    let words = Array(data.words.prefix(Self.cloudWords))
    var summary = "No searches or playlist titles in this range."
    if let first = words.first {
      let next = words.dropFirst().prefix(4).map { "\(Narrative.name($0.term)) (\(NumberFormat.grouped($0.weight)))" }
      summary =
        "The term used by the most listeners is \(Narrative.name(first.term)), by \(Narrative.count(first.weight, "listener"))"
        + (next.isEmpty ? "." : "; then " + Narrative.list(next) + ".")
    }
    let cloudWords = words.map {
      WordCloud.Word(
        text: $0.term, weight: Double($0.weight),
        tooltip: "\(Narrative.name($0.term)): \(Narrative.count($0.weight, "listener")), used \(Narrative.count($0.count, "time"))")
    }
    let table = TableView(
      caption: "Terms in searches and playlist titles, \(range.label.lowercased())",
      columns: [("Term", false), ("Listeners", true), ("Uses", true)],
      rows: data.words.map { [$0.term, NumberFormat.grouped($0.weight), NumberFormat.grouped($0.count)] })
    let id = "words-\(range.rawValue)"
    guard !words.isEmpty else {
      return emptyChart(
        name: "words", title: "What listeners search for", note: nil, table: table,
        emptyText: Narrative.folded(data.wordsOther, noun: ("term", "terms"), minUsers: report.minUsers, events: "uses")
          ?? "No searches or playlist titles in this range.")
    }
    let (wide, wideOmitted) = WordCloud(words: cloudWords, seed: 7).render(
      ChartText(id: "\(id)-w", title: "What listeners search for", summary: summary), width: 760, height: 420)
    let (narrow, _) = WordCloud(words: cloudWords, seed: 7).render(
      ChartText(id: "\(id)-n", title: "What listeners search for", summary: summary), width: 360, height: 460)
    let omitted = wideOmitted
    let href = charts.add(wide, range: range.rawValue, name: "words", root: root)
    return ChartView(
      id: id, title: "What listeners search for",
      note: "Terms from searches and playlist titles, sized by how many listeners used them (letter area ∝ listeners). Common English words are left out.",
      wide: wide.inline, narrow: narrow.inline, href: href, table: table, isEmpty: false,
      emptyText: "",
      footnote: Narrative.joined([
        omitted.isEmpty
          ? nil : "Did not fit in the cloud: " + Narrative.list(omitted.map { SafeText.clean($0.text, limit: 40) }) + ".",
        Narrative.folded(data.wordsOther, noun: ("term", "terms"), minUsers: report.minUsers, events: "uses"),
      ]))
  }
}
