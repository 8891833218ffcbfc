import Formatting
import Mustache
import ReportModel
import SVGCharts

/// The Searches and playlists section: a word cloud of the terms in search text and playlist
/// titles, sized by how many listeners used them.
struct WordsSection: DashboardSection {
  /// How many terms the cloud shows.
  static let cloudWords = 100

  var id: String { "words" }

  func view(_ page: inout SectionContext) -> WordsView {
    WordsView(words: cloud(&page))
  }

  /// The word cloud of search text and playlist titles.
  func cloud(_ page: inout SectionContext) -> ChartView {
    let data = page.data
    let words = Array(data.words.prefix(Self.cloudWords))
    var summary = "No searches or playlist titles in this range."
    if let first = words.first {
      let next = words.dropFirst().prefix(4).map {
        "\(Narrative.name($0.term)) (\(NumberFormat.grouped($0.weight)))"
      }
      summary =
        "The term used by the most listeners is \(Narrative.name(first.term)), by \(Narrative.count(first.weight, "listener"))"
        + (next.isEmpty ? "." : "; then " + Narrative.list(next) + ".")
    }
    let cloudWords = words.map {
      WordCloud.Word(
        text: $0.term, weight: Double($0.weight),
        tooltip:
          "\(Narrative.name($0.term)): \(Narrative.count($0.weight, "listener")), used \(Narrative.count($0.count, "time"))"
      )
    }
    let table = TableView(
      caption: "Terms in searches and playlist titles, \(page.range.label.lowercased())",
      columns: [("Term", false), ("Listeners", true), ("Uses", true)],
      rows: data.words.map {
        [$0.term, NumberFormat.grouped($0.weight), NumberFormat.grouped($0.count)]
      })
    let folded = Narrative.folded(
      data.wordsOther, noun: ("term", "terms"), minUsers: page.report.minUsers, events: "uses")
    let id = page.chartID("words")
    guard !words.isEmpty else {
      return page.emptyChart(
        name: "words", title: "What listeners search for", note: nil, table: table,
        emptyText: folded ?? "No searches or playlist titles in this range.")
    }
    let (wide, omitted) = WordCloud(words: cloudWords, seed: 7).render(
      ChartText(id: "\(id)-w", title: "What listeners search for", summary: summary), width: 760,
      height: 420)
    let (narrow, _) = WordCloud(words: cloudWords, seed: 7).render(
      ChartText(id: "\(id)-n", title: "What listeners search for", summary: summary), width: 360,
      height: 460)
    return page.view(
      name: "words", title: "What listeners search for",
      note: Narrative.joined([
        "Terms from searches and playlist titles, sized by how many listeners used them (letter area ∝ listeners).",
        page.stopwords.sentence,
      ]),
      summary: summary, wide: wide, narrow: narrow, table: table,
      footnote: Narrative.joined([
        omitted.isEmpty
          ? nil
          : "Did not fit in the cloud: "
            + Narrative.list(omitted.map { SafeText.clean($0.text, limit: 40) }) + ".",
        folded,
      ]))
  }
}

/// The Searches and playlists section as `section-words.mustache` sees it.
struct WordsView: Sendable {
  /// The word cloud.
  let words: ChartView
}

extension WordsView: TemplateView {
  static let children: [any TemplateView.Type] = [ChartView.self]

  static let fields: [String: @Sendable (Self) -> Any?] = ["words": { $0.words }]
}
