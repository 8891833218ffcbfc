import SVGCharts
import Testing

/// The markup the charts write for long pages: repeated text attributes as classes of
/// ``ChartStylesheet/base``, coordinates to a tenth of a unit, one path per stacked layer,
/// tooltips on one column per period.
@Suite("Compact chart markup")
struct CompactMarkupTests {
  let text = ChartText(id: "c", title: "T", summary: "S")

  func count(_ needle: String, in svg: String) -> Int {
    svg.components(separatedBy: needle).count - 1
  }

  @Test func coordinatesKeepOneDecimal() {
    // 12.25 × 10 = 122.5 rounds away from zero to 123; 0.04 × 10 rounds to 0.
    #expect(SVGNumber.format(12.25) == "12.3")
    #expect(SVGNumber.format(-1.25) == "-1.3")
    #expect(SVGNumber.format(3.0) == "3")
    #expect(SVGNumber.format(0.04) == "0")
    #expect(SVGNumber.format(-0.04) == "0")
    #expect(SVGNumber.format(559.96) == "560")
    #expect(SVGNumber.format(.infinity) == "0")
  }

  @Test func textSizesAnchorsAndTheFontAreClassesNotAttributes() {
    let svg = BarChart(bars: [
      BarChart.Bar(label: "rock", value: 3, valueLabel: "3", tooltip: "rock: 3"),
      BarChart.Bar(label: "jazz", value: 1, valueLabel: "1", tooltip: "jazz: 1"),
    ]).render(text, width: 400).inline
    for attribute in ["font-size=", "text-anchor=", "font-family=", "lengthAdjust="] {
      #expect(!svg.contains(attribute), "\(attribute) is still written")
    }
    // Category labels: 12 units, anchored at their end; tick labels: the base 11, centred.
    #expect(count(#"class="td-category td-12 td-end""#, in: svg) == 2)
    #expect(svg.contains(#"class="td-tick-label td-mid""#))
    #expect(count(" textLength=", in: svg) == count("<text ", in: svg))
    for rule in [
      ".td-chart .td-12 { font-size: 12px; }", ".td-chart .td-mid { text-anchor: middle; }",
      ".td-chart .td-end { text-anchor: end; }", "font-size: 11px;", "'Liberation Sans'",
    ] {
      #expect(ChartStylesheet.base.contains(rule), "\(rule)")
    }
  }

  @Test func aSizeWithoutAClassKeepsItsAttribute() {
    let (document, _) = WordCloud(words: [
      WordCloud.Word(text: "rock", weight: 10, tooltip: "rock"),
      WordCloud.Word(text: "jazz", weight: 1, tooltip: "jazz"),
    ]).render(text, width: 300, height: 200)
    // Word sizes are continuous: each word keeps its own font-size; the heaviest is bold by class.
    #expect(count("font-size=", in: document.inline) == 2)
    #expect(count("td-bold", in: document.inline) == 1)
  }

  @Test func whiskersAndGridLinesArePathsOfSegments() {
    let svg = BarChart(
      bars: [
        BarChart.Bar(label: "a", value: 0.5, valueLabel: "50%", interval: 0.4...0.6, tooltip: "")
      ], domain: 0...1, axisFormat: .percent
    ).render(text, width: 400).inline
    // Only the baseline is a line of its own.
    #expect(count("<line", in: svg) == 1)
    #expect(count(#"class="td-whisker""#, in: svg) == 1)
    #expect(count(#"class="td-grid""#, in: svg) == 1)
    // Three whisker segments: the span and its two caps.
    let whisker = svg.components(separatedBy: #"class="td-whisker""#)[0]
    #expect(count("M", in: String(whisker.suffix(60))) == 3)
  }

  @Test func stackedLayersAreOnePathEachAndEveryPeriodHasATooltipColumn() {
    let periods = [
      TimePeriod(firstDay: 20_000, days: 7, label: "Week of A", isPartial: true),
      TimePeriod(firstDay: 20_007, days: 7, label: "Week of B"),
      TimePeriod(firstDay: 20_014, days: 7, label: "Week of C"),
    ]
    let svg = StackedBarChart(
      layers: [
        StackedBarChart.Layer(name: "x", colorIndex: 0),
        StackedBarChart.Layer(name: "y", colorIndex: 1),
      ],
      periods: periods, values: [[1, 2], [3, 4], [5, 0]], unit: "events"
    ).render(text, width: 400, height: 200).inline
    // Full weeks: a path for x (two bars) and one for y (one bar, C's is 0); the partial week
    // again, faded in its own group.
    #expect(count(#"class="td-series-0 td-layer""#, in: svg) == 2)
    #expect(count(#"class="td-series-1 td-layer""#, in: svg) == 2)
    #expect(count(#"<g class="td-partial">"#, in: svg) == 1)
    #expect(count(#"class="td-hit""#, in: svg) == 3)
    #expect(svg.contains("<title>Week of B: 7 events — x 3, y 4</title>"))
  }

  @Test func seriesOverWeeksPlaceAPointPerPeriodAndMarkMissingPeriodsByName() {
    let periods = (0..<4).map {
      TimePeriod(firstDay: 20_000 + 7 * $0, days: 7, label: "Week \($0 + 1)")
    }
    let chart = TimeSeriesChart(
      periods: periods,
      series: [TimeSeriesChart.Series(name: "ratio", values: [0.5, 0.6, nil, 0.7])],
      axisFormat: .percent, domain: 0...1, missingLabel: "no ratings that week")
    let svg = chart.render(text, width: 400, height: 200).inline
    #expect(count(#"class="td-hit""#, in: svg) == 4)
    #expect(svg.contains("<title>Week 3: no ratings that week</title>"))
    #expect(svg.contains("<title>Week 2 — ratio: 60%</title>"))
  }
}
