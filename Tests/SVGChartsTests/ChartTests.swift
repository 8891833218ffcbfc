import SVGCharts
import Testing

@Suite("Charts")
struct ChartTests {
  let text = ChartText(id: "c", title: "Genres <&>", summary: "Rock leads")

  @Test func chartsAreAccessibleImages() {
    let svg = BarChart(bars: [
      BarChart.Bar(label: "rock", value: 3, valueLabel: "3", tooltip: "rock: 3")
    ])
    .render(text, width: 400).inline
    #expect(svg.hasPrefix("<svg "))
    #expect(svg.contains(#"role="img""#))
    #expect(svg.contains(#"aria-labelledby="c-title c-desc""#))
    #expect(svg.contains(#"<title id="c-title">Genres &lt;&amp;&gt;</title>"#))
    #expect(svg.contains(#"<desc id="c-desc">Rock leads</desc>"#))
  }

  @Test func dataLabelsAreCleanedAndEscaped() {
    let hostile = "<img src=x onerror=alert(1)>\u{202E}\u{0}"
    let svg = BarChart(bars: [
      BarChart.Bar(label: hostile, value: 1, valueLabel: "1", tooltip: hostile)
    ])
    .render(text, width: 400).inline
    #expect(!svg.contains("<img"))
    #expect(!svg.contains("\u{202E}"))
    #expect(!svg.contains("\u{0}"))
    #expect(svg.contains("&lt;img"))
  }

  @Test func shortenedLabelsNeverHideWhatTellsThemApart() {
    // 360 wide: the label column is 0.34 × 360 = 122.4, too narrow for either long label.
    // Shortened at the end, both would read "N · acoustic…"; each keeps its last word.
    let labels = [
      "8 · acoustic · calm · not for dancing · melancholic",
      "13 · acoustic · calm · not for dancing · slow", "1 · slow",
      "2 · energetic · danceable · cheerful · acoustic",
    ]
    let svg = BarChart(
      bars: labels.map { BarChart.Bar(label: $0, value: 1, valueLabel: "1", tooltip: $0) }
    ).render(ChartText(id: "c", title: "t", summary: "s"), width: 360).inline
    let drawn = svg.components(separatedBy: #"class="td-category td-12 td-end""#).dropFirst()
      .map { $0.components(separatedBy: ">")[1].components(separatedBy: "<")[0] }
    #expect(drawn.count == 4)
    #expect(drawn[0].hasPrefix("8 · a") && drawn[0].hasSuffix("… melancholic"), "\(drawn)")
    #expect(drawn[1].hasPrefix("13 · a") && drawn[1].hasSuffix("… slow"), "\(drawn)")
    #expect(drawn[2] == "1 · slow")
    // A shortened label that no other label starts like keeps the plain ellipsis.
    #expect(drawn[3].hasPrefix("2 · energetic") && drawn[3].hasSuffix("…"))
  }

  @Test func barsGrowFromZeroAndTheDomainIsNice() {
    let svg = BarChart(bars: [
      BarChart.Bar(label: "a", value: 3_584, valueLabel: "3,584", tooltip: ""),
      BarChart.Bar(label: "b", value: 1_792, valueLabel: "1,792", tooltip: ""),
    ]).render(text, width: 500).inline
    // Ticks at 0, 1k, 2k, 3k, 4k.
    for label in [">0<", ">1k<", ">2k<", ">3k<", ">4k<"] { #expect(svg.contains(label)) }
  }

  @Test func missingDaysAreGapsWithMarkersNotZeros() {
    let chart = TimeSeriesChart(
      firstDay: 20_000,
      series: [TimeSeriesChart.Series(name: "ratio", values: [0.5, 0.6, nil, 0.7, 0.8])],
      axisFormat: .percent, domain: 0...1)
    let svg = chart.render(text, width: 400, height: 200).inline
    // Two segments (days 0–1 and 3–4), one "no data" marker under day 2 and its legend entry.
    #expect(svg.components(separatedBy: "class=\"td-line\"").count - 1 == 2)
    #expect(svg.components(separatedBy: "td-missing-mark").count - 1 == 2)
    #expect(svg.contains(">no data<"))
    // Without a missing day, the legend has no × either.
    let full = TimeSeriesChart(
      firstDay: 20_000, series: [TimeSeriesChart.Series(name: "ratio", values: [0.5, 0.6])],
      axisFormat: .percent, domain: 0...1
    ).render(text, width: 400, height: 200).inline
    #expect(!full.contains("td-missing-mark"))
  }

  @Test func partialDaysAreNotMarkedMissing() {
    let chart = TimeSeriesChart(
      firstDay: 20_000, series: [TimeSeriesChart.Series(name: "ratio", values: [nil, 0.6, 0.7])],
      axisFormat: .percent, domain: 0...1, partialDays: [20_000])
    #expect(!chart.render(text, width: 400, height: 200).inline.contains("td-missing-mark"))
  }

  @Test func heatmapBandsAreEqualWidthsOfTheMaximum() {
    #expect(HeatmapChart.band(of: 0, maximum: 100) == 0)
    #expect(HeatmapChart.band(of: 1, maximum: 100) == 1)
    #expect(HeatmapChart.band(of: 20, maximum: 100) == 1)
    #expect(HeatmapChart.band(of: 21, maximum: 100) == 2)
    #expect(HeatmapChart.band(of: 100, maximum: 100) == 5)
  }

  @Test func standaloneFilesEmbedTheStylesheet() {
    let document = Sparkline(values: [1, 2, nil, 3]).render(text)
    let file = document.standalone(stylesheet: ".td-spark-line { stroke: red; }")
    #expect(
      file.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(file.contains("<style><![CDATA["))
    #expect(file.contains("stroke: red"))
  }
}
